import { isValidObjectId, Types } from 'mongoose';
import { text, type LocalizedText } from '../../core/common/localized';
import type { AllocationResult } from '../../core/interpreter/allocation-result';
import { runAllocation } from '../../core/interpreter/run-allocation';
import type { AppContext } from '../../api/app-context';
import type { CustomerRaw } from '../../data/collections/customer.model';
import { toEngineCustomer, type Stored } from '../../data/mappers';
import type { ActiveFlow } from '../allocation/active-flow.cache';
import { loadAllocationEnv } from '../allocation/allocation-env.loader';
import { hold } from '../allocation/intake.service';
import { KeyedMutex } from '../allocation/keyed-mutex';
import { decrementOpen } from '../allocation/rep-counters.store';
import { swapOwner } from '../customers/ownership-change';
import { notify } from '../notifications/inbox/notify.service';
import { deterministicObjectId, insertOnce, markOnce } from './activity-ledger';

type CustomerStored = Stored<CustomerRaw>;
const MAX_ATTEMPTS = 8;
/** decisions on one flow queue inside this process (as intake does); other processes are kept honest by the CAS */
const decisions = new KeyedMutex();

export type MoveOutcome =
  | { kind: 'assigned'; ownerId: string; teamId: string; why: LocalizedText }
  | { kind: 'pool'; poolId: string | undefined; why: LocalizedText }
  | { kind: 'none'; why: LocalizedText }
  /** the customer is no longer the one the move was asked for (another owner, another status) */
  | { kind: 'moved'; why: LocalizedText };

export interface MoveRequest {
  customerId: string;
  /** the owner it is taken from */
  fromRepId: string;
  /** only when the customer still has this assignment time (the lifecycle's ownership); absent = any */
  fromSince?: number;
  flow: ActiveFlow;
  /** workflow time */
  at: number;
  /** ledger key of the calling activity */
  key: string;
  /** the previous owner's cooldown (0 for a rep on leave: the customers may come back) */
  cooldownDays: number;
  event: { outcome: 'reassigned' | 'redistributed'; trigger: string; actor: string };
  /** commit only when the flow picks this rep (a hand-back after a leave); any other pick answers `none` */
  onlyTo?: string;
}

const moved = () => ({ kind: 'moved' as const, why: text('客户已被他人改动，未再处理', 'The customer was changed meanwhile; left as it is') });

function owns(c: CustomerStored | null, r: MoveRequest): c is CustomerStored {
  return c !== null && c.status === 'assigned' && String(c.ownerId ?? '') === r.fromRepId && (r.fromSince === undefined || c.assignedAt?.getTime() === r.fromSince);
}

/** This very move went through before a crash: a new owner since `at`, the newest previous owner being ours. */
function alreadyMoved(c: CustomerStored | null, r: MoveRequest): c is CustomerStored {
  if (!c || c.status !== 'assigned' || c.assignedAt?.getTime() !== r.at || String(c.ownerId ?? '') === r.fromRepId) return false;
  return String(c.previousOwners?.at(-1)?.repId ?? '') === r.fromRepId;
}

/**
 * Moves an owned customer to the rep the flow picks (the current owner excluded), committed like intake
 * (DESIGN.md "Atomicity without multi-document transactions"): round-robin turn and the new owner's
 * guarded slot (hold), then the compare-and-set on the customer (swapOwner, which also asks for the new
 * owner's lifecycle); any failure undoes the rest and decides again. Then, once per ledger key, the old
 * owner's open count, the assignment event and the new owner's message. A flow sending the customer to a
 * pool answers `pool` (the caller reclaims); no eligible rep answers `none`.
 */
export async function moveByFlow(app: AppContext, r: MoveRequest): Promise<MoveOutcome> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const read = (await app.models.Customer.findById(r.customerId).lean()) as CustomerStored | null;
    if (alreadyMoved(read, r)) return finish(app, r, read, String(read.ownerId), String(read.teamId), null);
    if (!owns(read, r)) return moved();
    const customer = toEngineCustomer(read);
    const step = await decisions.run(r.flow.flowId, async () => {
      const loaded = await loadAllocationEnv(app, r.flow, customer, [r.fromRepId]);
      loaded.env.existing = [];
      const result = runAllocation(r.flow.prepared, customer, loaded.env);
      if (result.outcome !== 'assigned' || !result.ownerId || !result.teamId) return { result, held: null };
      if (r.onlyTo !== undefined && result.ownerId !== r.onlyTo) return { result, held: null, other: true };
      return { result, held: await hold(app, loaded, result, r.at) };
    });
    const { result } = step;
    if (result.outcome === 'pool') return { kind: 'pool', poolId: result.poolId, why: result.why };
    if (result.outcome !== 'assigned' || !result.ownerId || !result.teamId || ('other' in step && step.other)) return { kind: 'none', why: result.why };
    if (!step.held) continue;
    let updated: CustomerStored | null;
    try {
      updated = (await swapOwner(app, read, { repId: result.ownerId, teamId: result.teamId }, r.at, r.cooldownDays)) as CustomerStored | null;
    } catch (err) {
      await step.held.undo();
      throw err;
    }
    if (!updated) {
      await step.held.undo();
      continue;
    }
    return finish(app, r, updated, result.ownerId, result.teamId, result);
  }
  return { kind: 'none', why: text('并发冲突过多，暂未改派', 'Too much contention; not moved this time') };
}

async function finish(app: AppContext, r: MoveRequest, c: CustomerStored, ownerId: string, teamId: string, result: AllocationResult | null): Promise<MoveOutcome> {
  if (await markOnce(app.conn, `${r.key}:open`)) await decrementOpen(app, r.fromRepId);
  const why = result?.why ?? text('已改派给新负责人', 'Moved to a new owner');
  const flowIds =
    isValidObjectId(r.flow.flowId) && isValidObjectId(r.flow.flowVersionId)
      ? { flowId: new Types.ObjectId(r.flow.flowId), flowVersionId: new Types.ObjectId(r.flow.flowVersionId), flowVersion: r.flow.version }
      : {};
  await insertOnce(() =>
    app.models.AssignmentEvent.create({
      _id: deterministicObjectId(`${r.key}:event`),
      customerId: c._id,
      ...flowIds,
      trigger: r.event.trigger,
      outcome: r.event.outcome,
      ownerId: new Types.ObjectId(ownerId),
      previousOwnerId: new Types.ObjectId(r.fromRepId),
      path: result ? result.path.map((p) => p.nodeId) : [],
      trace: result ? { path: result.path.map((p) => ({ nodeId: p.nodeId, output: p.output, summary: p.summary })) } : undefined,
      why,
      actor: { kind: 'workflow', name: r.event.actor },
      at: new Date(r.at),
    }),
  );
  await notify(app, {
    repIds: [ownerId],
    kind: r.event.outcome === 'redistributed' ? 'redistribution' : 'reassigned',
    title: text('你有一个新客户', 'A customer was given to you'),
    body: text(`客户「${c.name}」已转给你：${why['zh-CN']}`, `${c.name} is now yours: ${why.en}`),
    customerId: String(c._id),
    link: `/customers/${String(c._id)}`,
    dedupeKey: r.key,
  });
  return { kind: 'assigned', ownerId, teamId, why };
}
