import { isValidObjectId, Types } from 'mongoose';
import { text, type LocalizedText } from '../../core/common/localized';
import type { AppContext } from '../../api/app-context';
import type { CustomerRaw } from '../../data/collections/customer.model';
import type { Stored } from '../../data/mappers';
import { faultPoint } from '../allocation/fault-point';
import { decrementOpen } from '../allocation/rep-counters.store';
import { deterministicObjectId, insertOnce, markOnce, once } from '../lifecycle/activity-ledger';
import { notify } from '../notifications/inbox/notify.service';
import { emitEvent } from '../notifications/webhooks/webhook-emit.service';
import type { ReclaimResult } from '../../temporal/activities/lifecycle-io';
import { DAY_MS } from '../../../workflows/lifecycle/recycle-plan';
import { defaultPoolId, poolRulesFor } from './pool-rules.service';
import { reclaimedText } from './recycle-words';

type CustomerStored = Stored<CustomerRaw>;
/** previous owners kept per customer (the newest); older entries have long left their cooldown */
const MAX_PREVIOUS_OWNERS = 20;

export interface ReclaimRequest {
  customerId: string;
  /** the ownership the decision was made for; `since` absent = any assignment of that owner */
  expected: { ownerId: string; since?: number };
  /** target pool; an unknown one falls back to the default pool */
  poolId?: string;
  reason: LocalizedText;
  cooldownDays: number;
  /** decision time (workflow time) */
  at: number;
  /** the activity's ledger key: the reclaim, its counter, event and messages happen once per key */
  key: string;
  source: 'flow' | 'poolRule' | 'redistribution';
  nodeId?: string;
  /** redistribution moves customers of reps who leave: the protection period does not hold them back */
  ignoreProtection?: boolean;
}

const owns = (c: CustomerStored, e: ReclaimRequest['expected']) =>
  c.status === 'assigned' && String(c.ownerId ?? '') === e.ownerId && (e.since === undefined || c.assignedAt?.getTime() === e.since);

/** This very reclaim already went through (a crash after the compare-and-set): the newest previous owner, released at `at`. */
const alreadyOurs = (c: CustomerStored, r: ReclaimRequest) => {
  const last = c.previousOwners?.at(-1);
  return c.status === 'inPool' && last !== undefined && String(last.repId) === r.expected.ownerId && last.releasedAt?.getTime() === r.at;
};

async function targetPool(app: AppContext, poolId: string | undefined): Promise<string | undefined> {
  if (poolId && isValidObjectId(poolId) && (await poolRulesFor(app, poolId))?.poolId === poolId) return poolId;
  return defaultPoolId(app);
}

/**
 * Returns an owned customer to a pool (回收): one compare-and-set on the customer (status, owner and
 * version as read) makes it inPool with the reason's previous-owner cooldown; then, each exactly once
 * per ledger key, the owner's open count, the `reclaimed` assignment event (deterministic id), the
 * owner's inbox message and the `customer.reclaimed` webhook. Refuses (`protected`) inside the
 * protection period; `notOwned` when the customer moved on meanwhile.
 */
export async function reclaimToPool(app: AppContext, r: ReclaimRequest): Promise<ReclaimResult> {
  return once(app.conn, r.key, async () => {
    const read = (await app.models.Customer.findById(r.customerId).lean()) as CustomerStored | null;
    if (!read) return { outcome: 'notOwned' };
    let poolId: string | undefined;
    let cooldownUntil = r.at + r.cooldownDays * DAY_MS;
    if (alreadyOurs(read, r)) {
      poolId = String(read.poolId);
      cooldownUntil = read.previousOwners.at(-1)?.cooldownUntil.getTime() ?? cooldownUntil;
    } else {
      if (!owns(read, r.expected)) return { outcome: 'notOwned' };
      const protectedUntil = read.protectedUntil?.getTime();
      if (!r.ignoreProtection && protectedUntil !== undefined && protectedUntil > r.at) return { outcome: 'protected', protectedUntil };
      poolId = await targetPool(app, r.poolId);
      if (!poolId) return { outcome: 'notOwned' };
      const ownerId = read.ownerId as Types.ObjectId;
      const previousOwners = [
        ...(read.previousOwners ?? []).filter((po) => !po.repId.equals(ownerId)).map((po) => ({ repId: po.repId, cooldownUntil: po.cooldownUntil, releasedAt: po.releasedAt })),
        { repId: ownerId, cooldownUntil: new Date(cooldownUntil), releasedAt: new Date(r.at) },
      ].slice(-MAX_PREVIOUS_OWNERS);
      const cas = await app.models.Customer.updateOne(
        { _id: read._id, status: 'assigned', ownerId, version: read.version },
        {
          $set: { status: 'inPool', poolId: new Types.ObjectId(poolId), previousOwners, collaboratorIds: [], 'lifecycle.needsStart': false },
          $unset: { ownerId: 1, teamId: 1, assignedAt: 1, claimedAt: 1, protectedUntil: 1 },
          $inc: { version: 1 },
        },
      );
      if (cas.modifiedCount !== 1) {
        const now = (await app.models.Customer.findById(r.customerId).lean()) as CustomerStored | null;
        if (!now || !alreadyOurs(now, r)) return { outcome: 'notOwned' };
      }
      faultPoint('lifecycle.afterReclaim');
    }
    await afterReclaim(app, r, read, poolId, cooldownUntil);
    return { outcome: 'reclaimed', poolId, cooldownUntil };
  });
}

async function afterReclaim(app: AppContext, r: ReclaimRequest, read: CustomerStored, poolId: string, cooldownUntil: number): Promise<void> {
  const ownerId = r.expected.ownerId;
  if (await markOnce(app.conn, `${r.key}:open`)) await decrementOpen(app, ownerId);
  await insertOnce(() =>
    app.models.AssignmentEvent.create({
      _id: deterministicObjectId(`${r.key}:event`),
      customerId: read._id,
      trigger: r.source === 'redistribution' ? 'redistribution' : 'lifecycle',
      outcome: 'reclaimed',
      previousOwnerId: new Types.ObjectId(ownerId),
      poolId: new Types.ObjectId(poolId),
      path: r.nodeId ? [r.nodeId] : [],
      trace: { source: r.source, reason: r.reason, cooldownUntil: new Date(cooldownUntil).toISOString(), ...(r.nodeId ? { nodeId: r.nodeId } : {}) },
      why: text(`回收到公海：${r.reason['zh-CN']}`, `Reclaimed to the pool: ${r.reason.en}`),
      actor: { kind: 'workflow', name: r.source === 'redistribution' ? 'redistributeRep' : 'customerLifecycle' },
      at: new Date(r.at),
    }),
  );
  const body = reclaimedText(read.name, r.reason);
  await notify(app, {
    repIds: [ownerId],
    kind: 'reclaimed',
    title: text('客户已回收到公海', 'Customer went back to the pool'),
    body,
    customerId: String(read._id),
    link: `/customers/${String(read._id)}`,
    dedupeKey: r.key,
  });
  await emitEvent(app, {
    event: 'customer.reclaimed',
    data: { customerId: String(read._id), previousOwnerId: ownerId, poolId, source: r.source, cooldownUntil: new Date(cooldownUntil).toISOString() },
    message: { title: text('客户已回收到公海', 'Customer reclaimed to the pool'), body },
    dedupeKey: r.key,
  });
}
