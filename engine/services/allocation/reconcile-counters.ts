import mongoose from 'mongoose';
import type { AppContext } from '../../api/app-context';
import { localDate } from '../../data/local-date';

export interface CounterFix {
  repId: string;
  name: string;
  openCount: { was: number; now: number };
  todayCount: { was: number; now: number };
}

/** Start of the rep's local day (epoch ms), found by stepping back from `now` in its time zone. */
function startOfLocalDay(now: number, timeZone: string): number {
  const today = localDate(now, timeZone);
  let lo = now - 36 * 3_600_000;
  let hi = now;
  while (hi - lo > 60_000) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDate(mid, timeZone) === today) hi = mid;
    else lo = mid;
  }
  return hi;
}

const COUNTED_OUTCOMES = ['assigned', 'reassigned', 'manual', 'redistributed'] as const;

/**
 * Recomputes every rep's counters from the truth — open customers it owns, and today's assignments
 * to it from the assignment events — and corrects the ones that drifted (a process killed between
 * taking a slot and writing the customer leaves one too many). Returns what it changed.
 * One pass over the assigned customers and one over the events since the earliest "today" of any
 * rep, whatever the number of reps (on the embedded FerretDB a count by owner is a full scan).
 */
export async function reconcileRepCounters(app: AppContext): Promise<CounterFix[]> {
  const now = app.now();
  const { Rep, Customer, AssignmentEvent } = app.models;
  const reps = await Rep.find({}, { name: 1, timezone: 1, openCount: 1, todayCount: 1, todayDate: 1 }).lean();
  if (!reps.length) return [];
  const dayStart = new Map(reps.map((r) => [String(r._id), startOfLocalDay(now, r.timezone)]));
  const earliest = Math.min(...dayStart.values());
  const [openByOwner, events] = await Promise.all([
    Customer.aggregate<{ _id: unknown; n: number }>([{ $match: { status: 'assigned' } }, { $group: { _id: '$ownerId', n: { $sum: 1 } } }]),
    AssignmentEvent.find({ outcome: mongoose.trusted({ $in: [...COUNTED_OUTCOMES] }), at: mongoose.trusted({ $gte: new Date(earliest) }) }, { ownerId: 1, at: 1 }).lean(),
  ]);
  const open = new Map(openByOwner.map((g) => [String(g._id), g.n]));
  const todayAssigned = new Map<string, number>();
  for (const e of events) {
    const owner = e.ownerId ? String(e.ownerId) : undefined;
    const start = owner ? dayStart.get(owner) : undefined;
    if (owner && start !== undefined && e.at.getTime() >= start) todayAssigned.set(owner, (todayAssigned.get(owner) ?? 0) + 1);
  }
  const fixes: CounterFix[] = [];
  for (const rep of reps) {
    const id = String(rep._id);
    const today = localDate(now, rep.timezone);
    const openNow = open.get(id) ?? 0;
    const todayNow = todayAssigned.get(id) ?? 0;
    const wasToday = rep.todayDate === today ? rep.todayCount : 0;
    if (rep.openCount === openNow && wasToday === todayNow) continue;
    await Rep.updateOne({ _id: rep._id }, { $set: { openCount: openNow, todayCount: todayNow, todayDate: today } });
    fixes.push({ repId: id, name: rep.name, openCount: { was: rep.openCount, now: openNow }, todayCount: { was: wasToday, now: todayNow } });
  }
  return fixes;
}
