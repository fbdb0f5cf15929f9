import { text } from '../../core/common/localized';
import { ApiError } from '../../api/api-error';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import type { CustomerRaw } from '../../data/collections/customer.model';
import type { Stored } from '../../data/mappers';
import { assertCanSeeCustomer, isAdminLike } from '../access/scope';
import { recordLifecycleSignal } from '../follow-ups/lifecycle-signal.service';
import { DAY_MS } from '../reps/value-mappers';
import { giveBackHeldSlot } from './claim-counters';
import type { ReleaseInput, ReleaseResultT } from './pool.schemas';
import { releaseTargetPool } from './pool.service';

type App = Pick<AppContext, 'models' | 'now'>;
type CustomerStored = Stored<CustomerRaw>;
/** previous owners kept per customer (the newest); older entries have long left their cooldown */
const MAX_PREVIOUS_OWNERS = 20;

/**
 * `POST /api/customers/:id/release`: the owner (or a manager of its team, or an admin) gives an
 * assigned customer back to a pool with a reason. One compare-and-set on the customer (owner and
 * version as read) makes it inPool, records the owner in previousOwners with the target pool's
 * cooldown, and clears the ownership fields; then the owner's open count is decremented (guarded ≥ 0),
 * the assignment event `released` is written and the lifecycle hears `released`.
 */
export async function releaseToPool(app: App, p: Principal, customerId: string, body: ReleaseInput, requestId: string): Promise<{ result: ReleaseResultT; before: unknown; after: unknown }> {
  const { models } = app;
  const customer = (await models.Customer.findById(customerId).lean()) as CustomerStored | null;
  assertCanSeeCustomer(p, customer);
  if (customer.status !== 'assigned' || !customer.ownerId) {
    throw new ApiError(409, 'RELEASE_NOT_OWNED', text('只有已分配的客户才能退回公海', 'Only an assigned customer can be released to a pool'));
  }
  const ownerId = customer.ownerId;
  const isOwner = p.repId === ownerId.toString();
  if (!isOwner && !isAdminLike(p) && p.role !== 'manager') {
    throw new ApiError(403, 'RELEASE_NOT_OWNER', text('只有负责人、其主管或管理员可以退回该客户', 'Only the owner, their manager or an admin can release this customer'));
  }
  const pool = await releaseTargetPool(app, p, body.poolId, customer.poolId);
  const now = app.now();
  const cooldownUntil = new Date(now + pool.rules.previousOwnerCooldownDays * DAY_MS);
  const previousOwners = [
    ...(customer.previousOwners ?? [])
      .filter((po) => !po.repId.equals(ownerId))
      .map((po) => ({ repId: po.repId, cooldownUntil: po.cooldownUntil, releasedAt: po.releasedAt })),
    { repId: ownerId, cooldownUntil, releasedAt: new Date(now) },
  ].slice(-MAX_PREVIOUS_OWNERS);

  const cas = await models.Customer.updateOne(
    { _id: customer._id, status: 'assigned', ownerId, version: customer.version },
    {
      $set: { status: 'inPool', poolId: pool._id, previousOwners, collaboratorIds: [], 'lifecycle.needsStart': false },
      $unset: { ownerId: 1, teamId: 1, assignedAt: 1, claimedAt: 1, protectedUntil: 1 },
      $inc: { version: 1 },
    },
  );
  if (cas.modifiedCount !== 1) {
    throw new ApiError(409, 'CONFLICT', text('该客户刚被他人修改，请刷新后重试', 'The customer was changed meanwhile; reload and retry'));
  }
  await giveBackHeldSlot(models, ownerId);
  const owner = await models.Rep.findById(ownerId).select({ name: 1, nameEn: 1 }).lean();
  const ownerName = owner?.name ?? ownerId.toString();
  await models.AssignmentEvent.create({
    customerId: customer._id,
    trigger: 'release',
    outcome: 'released',
    previousOwnerId: ownerId,
    poolId: pool._id,
    path: [],
    trace: { reason: body.reason, cooldownUntil: cooldownUntil.toISOString(), byOwner: isOwner },
    why: text(
      `${p.name} 将客户从 ${ownerName} 退回公海「${pool.name}」：${body.reason}`,
      `${p.name} released the customer from ${owner?.nameEn ?? ownerName} to pool "${pool.nameEn ?? pool.name}": ${body.reason}`,
    ),
    actor: { kind: p.kind === 'apiToken' ? 'apiToken' : 'user', id: p.id, name: p.name },
    requestId,
    at: new Date(now),
  });
  await recordLifecycleSignal(models, {
    customerId: customer._id,
    kind: 'released',
    at: new Date(now),
    payload: { repId: ownerId.toString(), poolId: pool._id.toString(), reason: body.reason },
  });
  const result: ReleaseResultT = {
    customerId: customer._id.toString(),
    status: 'inPool',
    poolId: pool._id.toString(),
    previousOwnerId: ownerId.toString(),
    cooldownUntil: cooldownUntil.toISOString(),
    version: customer.version + 1,
  };
  return {
    result,
    before: { status: 'assigned', ownerId: ownerId.toString(), poolId: customer.poolId?.toString() ?? null, version: customer.version },
    after: { status: 'inPool', ownerId: null, poolId: result.poolId, cooldownUntil: result.cooldownUntil, version: result.version, reason: body.reason },
  };
}
