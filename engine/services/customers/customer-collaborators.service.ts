import { Types } from 'mongoose';
import { text } from '../../core/common/localized';
import { ApiError } from '../../api/api-error';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import { assertOwnerManagerOrAdmin, loadVisibleCustomer, type CustomerStored } from './customer-access';
import { customerView, repNamesFor } from './customer-view';
import type { CustomerViewT } from './customer.schemas';
import { ownershipConflict } from './ownership-change';

type App = Pick<AppContext, 'models' | 'now'>;
export const MAX_COLLABORATORS = 20;

async function view(app: App, c: CustomerStored): Promise<CustomerViewT> {
  return customerView(c, { now: app.now(), repNames: await repNamesFor(app, [c]) });
}

/** Collaborators (协同跟进): the owner, a manager of the team or an admin adds an active rep. */
export async function addCollaborator(app: App, p: Principal, id: string, repId: string): Promise<{ before: CustomerViewT; after: CustomerViewT }> {
  const c = await loadVisibleCustomer(app, p, id);
  assertOwnerManagerOrAdmin(p, c);
  const rep = await app.models.Rep.findById(repId, { status: 1, name: 1 }).lean();
  if (!rep || rep.status === 'departed') {
    const t = text('销售不存在或已离职', 'No such rep, or the rep has left');
    throw new ApiError(400, 'REP_NOT_FOUND', t, [{ path: '/body/repId', message: t }]);
  }
  if (c.ownerId && String(c.ownerId) === repId) {
    const t = text('负责人本人不能再作为协同人', 'The owner cannot also be a collaborator');
    throw new ApiError(409, 'IS_OWNER', t, [{ path: '/body/repId', message: t }]);
  }
  const ids = (c.collaboratorIds ?? []).map(String);
  if (!ids.includes(repId) && ids.length >= MAX_COLLABORATORS) {
    throw new ApiError(409, 'TOO_MANY_COLLABORATORS', text(`协同人最多 ${MAX_COLLABORATORS} 位`, `At most ${MAX_COLLABORATORS} collaborators`));
  }
  const rid = new Types.ObjectId(repId);
  // not while the owner changes under us: the new owner must never be its own collaborator
  const after = (await app.models.Customer.findOneAndUpdate({ _id: c._id, ownerId: c.ownerId ?? null }, { $addToSet: { collaboratorIds: rid } }, { returnDocument: 'after' }).lean()) as CustomerStored | null;
  if (!after) throw ownershipConflict();
  return { before: await view(app, c), after: await view(app, after) };
}

export async function removeCollaborator(app: App, p: Principal, id: string, repId: string): Promise<{ before: CustomerViewT; after: CustomerViewT }> {
  const c = await loadVisibleCustomer(app, p, id);
  assertOwnerManagerOrAdmin(p, c);
  if (!(c.collaboratorIds ?? []).some((x) => String(x) === repId)) {
    throw ApiError.notFound(text('该销售不是此客户的协同人', 'This rep is not a collaborator of the customer'));
  }
  const after = (await app.models.Customer.findOneAndUpdate({ _id: c._id }, { $pull: { collaboratorIds: new Types.ObjectId(repId) } }, { returnDocument: 'after' }).lean()) as CustomerStored | null;
  if (!after) throw ownershipConflict();
  return { before: await view(app, c), after: await view(app, after) };
}
