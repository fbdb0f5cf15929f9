import { text } from '../../core/common/localized';
import { ApiError } from '../../api/api-error';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import { decrementOpen } from '../allocation/rep-counters.store';
import { recomputeStatsForClosedDeal } from '../reps/rep-stats.service';
import { assertOwnerManagerOrAdmin, loadVisibleCustomer, type CustomerStored } from './customer-access';
import { customerView, repNamesFor } from './customer-view';
import type { CustomerViewT, StatusBodyT } from './customer.schemas';
import { ownershipConflict, signalLifecycle } from './ownership-change';

type App = AppContext;

async function view(app: App, c: CustomerStored): Promise<CustomerViewT> {
  return customerView(c, { now: app.now(), repNames: await repNamesFor(app, [c]) });
}

/**
 * Won / lost (owner, manager of the team, admin): only an assigned customer closes. Compare-and-set
 * on version, owner and status; sets closedAt (and the deal value as estimatedValue when given), frees
 * the owner's open slot, tells the lifecycle workflow (dealClosed) and recomputes the owner's
 * capability profile (win rate, average deal value).
 */
export async function closeDeal(app: App, p: Principal, id: string, body: StatusBodyT): Promise<{ before: CustomerViewT; after: CustomerViewT }> {
  const c = await loadVisibleCustomer(app, p, id);
  assertOwnerManagerOrAdmin(p, c);
  if (c.status === 'won' || c.status === 'lost') {
    throw new ApiError(409, 'ALREADY_CLOSED', text(`客户已是「${c.status === 'won' ? '赢单' : '输单'}」状态`, `The customer is already ${c.status}`));
  }
  if (c.status !== 'assigned' || !c.ownerId) {
    throw new ApiError(409, 'NOT_ASSIGNED', text('只有已分配负责人的客户才能标记赢单或输单', 'Only a customer with an owner can be marked won or lost'));
  }
  const now = app.now();
  const $set: Record<string, unknown> = { status: body.status, closedAt: new Date(now), 'lifecycle.needsStart': false };
  if (body.value !== undefined) $set.estimatedValue = body.value;
  const after = (await app.models.Customer.findOneAndUpdate(
    { _id: c._id, version: c.version, status: 'assigned', ownerId: c.ownerId },
    { $set, $inc: { version: 1 } },
    { returnDocument: 'after', runValidators: true },
  ).lean()) as CustomerStored | null;
  if (!after) throw ownershipConflict();
  const ownerId = c.ownerId.toString();
  await decrementOpen(app, ownerId);
  await signalLifecycle(
    app,
    c._id,
    'dealClosed',
    { status: body.status, repId: ownerId, ...(body.value !== undefined ? { value: body.value } : {}), ...(body.reason ? { reason: body.reason } : {}) },
    now,
  );
  try {
    await recomputeStatsForClosedDeal(app, ownerId);
  } catch (err) {
    // the deal is closed either way; the scheduled recomputation catches up
    console.error('[customers] rep stats recompute failed after a closed deal:', err);
  }
  return { before: await view(app, c), after: await view(app, after) };
}
