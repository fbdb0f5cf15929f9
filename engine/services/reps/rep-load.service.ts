import mongoose from 'mongoose';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import { repScopeFilter } from './rep-scope';
import type { RepLoadItemT, RepLoadQueryT, RepLoadViewT } from './rep.schemas';
import { andFilter } from './rep.service';
import { statsView, todayCountOf, workingHoursView, type RepStored } from './rep-view';
import { oid } from './value-mappers';

type App = Pick<AppContext, 'models' | 'now'>;
const MAX_REPS = 2000;

/** status onLeave, or now inside the stored leave window (a missing bound is open, as the engine reads it). */
export function isOnLeaveNow(rep: Pick<RepStored, 'status' | 'leaveFrom' | 'leaveTo'>, now: number): boolean {
  if (rep.status === 'onLeave') return true;
  if (rep.leaveFrom == null && rep.leaveTo == null) return false;
  return (rep.leaveFrom == null || now >= rep.leaveFrom.getTime()) && (rep.leaveTo == null || now <= rep.leaveTo.getTime());
}

export function loadItem(rep: RepStored, now: number): RepLoadItemT {
  const today = todayCountOf(rep, now);
  return {
    repId: rep._id.toString(),
    name: rep.name,
    nameEn: rep.nameEn ?? null,
    teamId: rep.teamId.toString(),
    status: rep.status,
    onLeaveNow: rep.status !== 'departed' && isOnLeaveNow(rep, now),
    open: { count: rep.openCount, capacity: rep.capacity, ratio: rep.capacity > 0 ? rep.openCount / rep.capacity : null },
    today: { date: today.date, count: today.count, cap: rep.dailyCap },
    profile: {
      industries: [...rep.industries],
      regions: [...rep.regions],
      languages: [...rep.languages],
      productLines: [...rep.productLines],
      level: rep.level,
      weight: rep.weight,
      capacity: rep.capacity,
      dailyCap: rep.dailyCap,
      isNewHire: rep.isNewHire,
      isTopRep: rep.isTopRep,
      timezone: rep.timezone,
      workingHours: workingHoursView(rep.workingHours),
    },
    stats: statsView(rep.stats),
  };
}

/**
 * The load view: for each rep in reach, open customers against capacity, today's assignments
 * (in the rep's own time zone) against the daily cap, and the capability profile — what managers
 * set and what the history shows (stats from recomputeRepStats).
 */
export async function repLoadView(app: App, p: Principal, q: RepLoadQueryT): Promise<RepLoadViewT> {
  const parts: Record<string, unknown>[] = [repScopeFilter(p)];
  if (q.teamId) parts.push({ teamId: oid(q.teamId) });
  if (!q.includeDeparted) parts.push({ status: mongoose.trusted({ $ne: 'departed' }) });
  const reps = (await app.models.Rep.find(andFilter(parts)).sort({ teamId: 1, name: 1 }).limit(MAX_REPS).lean()) as RepStored[];
  const now = app.now();
  const items = reps.map((r) => loadItem(r, now));
  const totals = items.reduce(
    (t, i) => ({
      reps: t.reps + 1,
      open: t.open + i.open.count,
      capacity: t.capacity + i.open.capacity,
      today: t.today + i.today.count,
      dailyCap: t.dailyCap + i.today.cap,
    }),
    { reps: 0, open: 0, capacity: 0, today: 0, dailyCap: 0 },
  );
  return { items, totals };
}
