import mongoose from 'mongoose';
import type { NodeAllocationState } from '../../core/model/rep.schema';
import type { AppContext } from '../../api/app-context';
import { localDate } from '../../data/local-date';
import type { RepLimits } from './rep-counters.store';
import { forgetStateId, rememberStateIds, stateFilter } from './node-state-ids';

/** One assign node's state as a batch read it and as the batch left it in memory. */
export interface NodeStatePlan {
  nodeKey: string;
  /** the state as loaded; undefined when the node had never assigned anyone (no document yet) */
  initial: NodeAllocationState | undefined;
  final: NodeAllocationState;
  /** reps whose turn the batch moved, with how many turns each took */
  counts: ReadonlyMap<string, number>;
  /** whether any change carried smooth-weighted-round-robin weights */
  weights: boolean;
}

/** The slots a batch takes on one rep: `k` open and today's assignments at once. */
export interface RepTake {
  limits: RepLimits;
  k: number;
  /** the rep's stored day of todayCount as read: when it is today, the day roll-over update is skipped */
  todayDate?: string;
}

export interface BatchHeld {
  /** gives back everything the batch took */
  undo(): Promise<void>;
  /** gives back one slot of one rep (a customer whose insert failed after the hold) */
  releaseOne(repId: string): Promise<void>;
  /** whether this hold took slots of the rep */
  holds(repId: string): boolean;
}

/** Two holds as one (a batch decided in two parts). */
export function joinHeld(a: BatchHeld, b: BatchHeld): BatchHeld {
  return {
    undo: async () => {
      await b.undo();
      await a.undo();
    },
    releaseOne: (repId) => (a.holds(repId) ? a.releaseOne(repId) : b.releaseOne(repId)),
    holds: (repId) => a.holds(repId) || b.holds(repId),
  };
}

/** ONE compare-and-set per node: the seq as read → the batch's final seq, every touched rep's lastSeq and count. */
async function commitPlan(app: AppContext, p: NodeStatePlan): Promise<boolean> {
  const { AllocationState } = app.models;
  if (!p.initial) {
    try {
      const doc = await AllocationState.create({ nodeKey: p.nodeKey, seq: p.final.seq, lastSeq: p.final.lastSeq, currentWeight: p.final.currentWeight, assigned: p.final.assigned });
      rememberStateIds(AllocationState, [doc]);
      return true;
    } catch (err) {
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
  }
  const set: Record<string, unknown> = { seq: p.final.seq, updatedAt: new Date() };
  const inc: Record<string, number> = {};
  for (const [repId, n] of p.counts) {
    set[`lastSeq.${repId}`] = p.final.lastSeq[repId];
    inc[`assigned.${repId}`] = n;
  }
  if (p.weights) set.currentWeight = p.final.currentWeight;
  // through the driver (the hot path: mongoose's casting costs more CPU than the command); every value is a number
  // or a map of numbers built here, and updatedAt is set as mongoose's timestamps would
  const r = await AllocationState.collection.updateOne(stateFilter(AllocationState, p.nodeKey, p.initial.seq), { $set: set, $inc: inc });
  if (r.modifiedCount !== 1) forgetStateId(AllocationState, p.nodeKey);
  return r.modifiedCount === 1;
}

/** Puts a node back as it was read, if nobody moved it on since (otherwise the skew is the batch's turns; left as is). */
async function revertPlan(app: AppContext, p: NodeStatePlan): Promise<void> {
  const before: Omit<NodeAllocationState, 'nodeKey'> = p.initial ?? { seq: 0, lastSeq: {}, currentWeight: {}, assigned: {} };
  const set: Record<string, unknown> = { seq: before.seq };
  const unset: Record<string, 1> = {};
  const inc: Record<string, number> = {};
  for (const [repId, n] of p.counts) {
    const prev = before.lastSeq[repId];
    if (prev === undefined) unset[`lastSeq.${repId}`] = 1;
    else set[`lastSeq.${repId}`] = prev;
    inc[`assigned.${repId}`] = -n;
  }
  if (p.weights) set.currentWeight = before.currentWeight;
  const update: Record<string, unknown> = { $set: set, $inc: inc };
  if (Object.keys(unset).length) update.$unset = unset;
  await app.models.AllocationState.updateOne(stateFilter(app.models.AllocationState, p.nodeKey, p.final.seq), update);
}

/** ONE guarded `$inc` of k on the rep: only while k more fit under capacity and today's cap, same local day, limits unchanged. */
async function takeSlots(app: AppContext, { limits, k, todayDate }: RepTake, now: number): Promise<boolean> {
  const { Rep } = app.models;
  const today = localDate(now, limits.timezone);
  if (todayDate !== today) await Rep.updateOne({ _id: limits.repId, todayDate: mongoose.trusted({ $ne: today }) }, { $set: { todayDate: today, todayCount: 0 } });
  // through the driver, as commitPlan; the filter's values are the decision's own (an id, numbers, a date string)
  const r = await Rep.collection.updateOne(
    {
      _id: new mongoose.Types.ObjectId(limits.repId),
      status: 'active',
      // the limits the decision saw are still the stored ones (a decision may run on a cached roster)
      capacity: limits.capacity,
      dailyCap: limits.dailyCap,
      openCount: { $lte: limits.capacity - k },
      todayDate: today,
      todayCount: { $lte: limits.dailyCap - k },
    },
    { $inc: { openCount: k, todayCount: k }, $set: { updatedAt: new Date() } },
  );
  return r.modifiedCount === 1;
}

/** Gives back k slots (never below zero); today's only if it is still the day they were taken. */
async function releaseSlots(app: AppContext, limits: RepLimits, k: number, takenAt: number): Promise<void> {
  const { Rep } = app.models;
  await Rep.updateOne({ _id: limits.repId, openCount: mongoose.trusted({ $gte: k }) }, { $inc: { openCount: -k } });
  await Rep.updateOne({ _id: limits.repId, todayDate: localDate(takenAt, limits.timezone), todayCount: mongoose.trusted({ $gte: k }) }, { $inc: { todayCount: -k } });
}

/** After a lost turn, holds go in DESIGN.md's order (turns, then slots) for this long; otherwise both at once. */
export const CONTENDED_MS = 2_000;
const lastLostTurn = new WeakMap<object, number>();

/**
 * Takes what a batch of decisions needs: the nodes' turns (one compare-and-set each) and the reps'
 * slots (one guarded `$inc` each). Anything failing — another process moved a node or filled a rep
 * since the batch read them — undoes what was taken and returns null: decide again.
 * Uncontended, turns and slots are sent together (one round trip instead of two). Within CONTENDED_MS
 * of a lost turn they go in DESIGN.md's order, turns first: a lost turn, the usual conflict between
 * processes, then costs one write and no slot taken and given back — sending both at once while
 * another process takes turns made a concurrent import and intake thrash.
 */
export async function holdBatch(app: AppContext, plans: NodeStatePlan[], takes: RepTake[], now: number): Promise<BatchHeld | null> {
  const committed: NodeStatePlan[] = [];
  const taken: RepTake[] = [];
  const undo = async () => {
    for (const t of taken.splice(0).reverse()) await releaseSlots(app, t.limits, t.k, now);
    for (const p of committed.splice(0).reverse()) await revertPlan(app, p);
  };
  const turns = () => plans.map(async (p) => (await commitPlan(app, p)) && committed.push(p) > 0);
  // one guarded update per rep, sent together (the database applies them one at a time)
  const slots = () => takes.filter((t) => t.k > 0).map(async (t) => (await takeSlots(app, t, now)) && taken.push(t) > 0);
  const settle = async (tries: Promise<boolean>[]): Promise<boolean> => {
    const out = await Promise.allSettled(tries);
    const failed = out.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    return out.every((r) => r.status === 'fulfilled' && r.value);
  };
  const contended = performance.now() - (lastLostTurn.get(app.conn) ?? -Infinity) < CONTENDED_MS;
  try {
    const ok = contended ? (await settle(turns())) && (await settle(slots())) : await settle([...turns(), ...slots()]);
    if (!ok) {
      if (committed.length < plans.length) lastLostTurn.set(app.conn, performance.now());
      await undo();
      return null;
    }
  } catch (err) {
    await undo();
    throw err;
  }
  const byRep = new Map(takes.filter((t) => t.k > 0).map((t) => [t.limits.repId, t.limits]));
  return {
    undo,
    async releaseOne(repId) {
      const limits = byRep.get(repId);
      if (limits) await releaseSlots(app, limits, 1, now);
    },
    holds: (repId) => byRep.has(repId),
  };
}
