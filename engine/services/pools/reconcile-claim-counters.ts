import mongoose from 'mongoose';
import type { AppContext } from '../../api/app-context';
import { localDate } from '../../data/local-date';
import { isDuplicateKey } from '../reps/write-errors';

export interface ClaimsTodayFix {
  poolId: string;
  repId: string;
  name: string;
  /** YYYY-MM-DD in the rep's time zone */
  date: string;
  was: number;
  now: number;
}

export interface HeldFix {
  repId: string;
  name: string;
  was: number;
  now: number;
}

export interface ClaimCounterReport {
  /** claimsPerRepPerDay counters (claimCounters) set back to the claims made today */
  claimsToday: ClaimsTodayFix[];
  /** maxHeldPerRep counters (the rep's openCount) set back to the customers it holds */
  held: HeldFix[];
  /** drift seen while claims were under way (the counter moved, or the two looks disagreed): left alone; run again */
  busy: number;
}

/** far enough back to hold "today" of every time zone */
const LOOKBACK_MS = 36 * 3_600_000;
const DEFAULT_SETTLE_MS = 250;

interface Look {
  reps: Map<string, { name: string; openCount: number; today: string }>;
  /** `poolId:repId` → claims made today, from the truth */
  claims: Map<string, number>;
  /** `poolId:repId` → today's stored counter */
  counters: Map<string, { id: mongoose.Types.ObjectId; count: number }>;
  /** repId → assigned customers it owns */
  held: Map<string, number>;
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/**
 * One look at the counters and at the truth, four reads in all: the reps; claims of the last 36 h
 * — assignment events `claimed`, together with customers whose claimedAt says so (a process killed
 * between the claim's compare-and-set and its event leaves only the customer), the same claim
 * counted once — kept when they fall on the rep's today; today's claim counters; and the assigned
 * customers per owner.
 */
async function look(app: Pick<AppContext, 'models' | 'now'>): Promise<Look> {
  const { Rep, AssignmentEvent, Customer, ClaimCounter } = app.models;
  const now = app.now();
  const since = new Date(now - LOOKBACK_MS);
  const repDocs = await Rep.find({}, { name: 1, timezone: 1, openCount: 1 }).lean();
  const reps = new Map(repDocs.map((r) => [String(r._id), { name: r.name, openCount: r.openCount, tz: r.timezone || 'Asia/Shanghai', today: localDate(now, r.timezone || 'Asia/Shanghai') }]));
  const [events, claimed, assigned, counters] = await Promise.all([
    AssignmentEvent.find({ outcome: 'claimed', at: mongoose.trusted({ $gte: since }) }, { customerId: 1, ownerId: 1, poolId: 1, at: 1 }).lean(),
    Customer.find({ claimedAt: mongoose.trusted({ $gte: since }) }, { ownerId: 1, poolId: 1, claimedAt: 1 }).lean(),
    Customer.find({ status: 'assigned' }, { ownerId: 1 }).lean(),
    ClaimCounter.find({ date: mongoose.trusted({ $in: [...new Set([...reps.values()].map((r) => r.today))] }) }).lean(),
  ]);
  const seen = new Map<string, { repId: string; poolId: string; at: number }>();
  for (const e of events) {
    if (e.ownerId && e.poolId) seen.set(`${String(e.customerId)}:${e.at.getTime()}`, { repId: String(e.ownerId), poolId: String(e.poolId), at: e.at.getTime() });
  }
  for (const c of claimed) {
    const key = c.claimedAt ? `${String(c._id)}:${c.claimedAt.getTime()}` : '';
    if (c.claimedAt && c.ownerId && c.poolId && !seen.has(key)) seen.set(key, { repId: String(c.ownerId), poolId: String(c.poolId), at: c.claimedAt.getTime() });
  }
  const claims = new Map<string, number>();
  for (const s of seen.values()) {
    const rep = reps.get(s.repId);
    if (rep && localDate(s.at, rep.tz) === rep.today) bump(claims, `${s.poolId}:${s.repId}`);
  }
  const todayCounters = new Map<string, { id: mongoose.Types.ObjectId; count: number }>();
  for (const c of counters) {
    if (reps.get(String(c.repId))?.today === c.date) todayCounters.set(`${String(c.poolId)}:${String(c.repId)}`, { id: c._id, count: c.count });
  }
  const held = new Map<string, number>();
  for (const c of assigned) if (c.ownerId) bump(held, String(c.ownerId));
  return { reps, claims, counters: todayCounters, held };
}

interface Drift {
  claims: Map<string, { was: number; now: number }>;
  held: Map<string, { was: number; now: number }>;
}

function driftOf(l: Look): Drift {
  const claims = new Map<string, { was: number; now: number }>();
  for (const key of new Set([...l.claims.keys(), ...l.counters.keys()])) {
    const was = l.counters.get(key)?.count ?? 0;
    const now = l.claims.get(key) ?? 0;
    if (was !== now) claims.set(key, { was, now });
  }
  const held = new Map<string, { was: number; now: number }>();
  for (const [repId, rep] of l.reps) {
    const now = l.held.get(repId) ?? 0;
    if (rep.openCount !== now) held.set(repId, { was: rep.openCount, now });
  }
  return { claims, held };
}

const same = (a: { was: number; now: number } | undefined, b: { was: number; now: number }) => !!a && a.was === b.was && a.now === b.now;

/**
 * Recomputes the counters pool claims are checked against — each rep's claims today per pool and
 * the customers it holds — from the truth, and repairs the drift (a process killed between taking
 * a counter and the claim's compare-and-set leaves one too many). A claim under way also shows as
 * drift for a moment, so the truth is looked at twice, `settleMs` apart, and only drift seen the
 * same both times is repaired, each with a compare-and-set on the value seen (a counter that moved
 * meanwhile is left alone and counted in `busy`).
 */
export async function reconcileClaimCounters(app: Pick<AppContext, 'models' | 'now'>, opts: { settleMs?: number } = {}): Promise<ClaimCounterReport> {
  const report: ClaimCounterReport = { claimsToday: [], held: [], busy: 0 };
  const first = driftOf(await look(app));
  if (!first.claims.size && !first.held.size) return report;
  await new Promise((r) => setTimeout(r, opts.settleMs ?? DEFAULT_SETTLE_MS));
  const seen = await look(app);
  const second = driftOf(seen);
  report.busy += [...first.claims.keys()].filter((k) => !same(second.claims.get(k), first.claims.get(k)!)).length;
  report.busy += [...first.held.keys()].filter((k) => !same(second.held.get(k), first.held.get(k)!)).length;

  const { ClaimCounter, Rep } = app.models;
  for (const [key, d] of second.claims) {
    if (!same(first.claims.get(key), d)) continue;
    const [poolId = '', repId = ''] = key.split(':');
    const rep = seen.reps.get(repId);
    const counter = seen.counters.get(key);
    if (!rep) continue;
    let done = false;
    if (counter) {
      done = (await ClaimCounter.updateOne({ _id: counter.id, count: d.was }, { $set: { count: d.now } })).modifiedCount === 1;
    } else {
      try {
        await ClaimCounter.create({ poolId, repId, date: rep.today, count: d.now });
        done = true;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err; // a claim created the counter meanwhile
      }
    }
    if (done) report.claimsToday.push({ poolId, repId, name: rep.name, date: rep.today, was: d.was, now: d.now });
    else report.busy++;
  }
  for (const [repId, d] of second.held) {
    if (!same(first.held.get(repId), d)) continue;
    const done = (await Rep.updateOne({ _id: repId, openCount: d.was }, { $set: { openCount: d.now } })).modifiedCount === 1;
    if (done) report.held.push({ repId, name: seen.reps.get(repId)?.name ?? repId, was: d.was, now: d.now });
    else report.busy++;
  }
  return report;
}
