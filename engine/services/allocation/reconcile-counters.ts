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

/**
 * Recomputes every rep's counters from the truth — open customers it owns, and today's assignments
 * to it from the assignment events — and corrects the ones that drifted (a process killed between
 * taking a slot and writing the customer leaves one too many). Returns what it changed.
 */
export async function reconcileRepCounters(app: AppContext): Promise<CounterFix[]> {
  const now = app.now();
  const { Rep, Customer, AssignmentEvent } = app.models;
  const fixes: CounterFix[] = [];
  for (const rep of await Rep.find({}, { name: 1, timezone: 1, openCount: 1, todayCount: 1, todayDate: 1 }).lean()) {
    const today = localDate(now, rep.timezone);
    const [open, todayAssigned] = await Promise.all([
      Customer.countDocuments({ ownerId: rep._id, status: 'assigned' }),
      AssignmentEvent.countDocuments({
        ownerId: rep._id,
        outcome: mongoose.trusted({ $in: ['assigned', 'reassigned', 'manual', 'redistributed'] }),
        at: mongoose.trusted({ $gte: new Date(startOfLocalDay(now, rep.timezone)) }),
      }),
    ]);
    const wasToday = rep.todayDate === today ? rep.todayCount : 0;
    if (rep.openCount === open && wasToday === todayAssigned) continue;
    await Rep.updateOne({ _id: rep._id }, { $set: { openCount: open, todayCount: todayAssigned, todayDate: today } });
    fixes.push({ repId: String(rep._id), name: rep.name, openCount: { was: rep.openCount, now: open }, todayCount: { was: wasToday, now: todayAssigned } });
  }
  return fixes;
}
