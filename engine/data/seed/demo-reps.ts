import { Types } from 'mongoose';
import type { RepRaw } from '../collections/rep.model';
import { localDate } from '../local-date';
import { DEMO_REPS, STANDARD_HOURS, type DemoRep, type TeamKey } from './demo-org.data';
import type { Prng } from './prng';

const DAY = 86_400_000;
const TIME_ZONE = 'Asia/Shanghai';

export type DemoRepDoc = Partial<Omit<RepRaw, 'stats'>> & {
  stats: Partial<RepRaw['stats']>; _id: Types.ObjectId; teamId: Types.ObjectId; openCount: number; userId?: Types.ObjectId };

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Rep documents for the demo reps, with history-like stats drawn from the PRNG. */
export function buildDemoReps(rng: Prng, opts: { now: number; teamId: (key: TeamKey) => Types.ObjectId }): { key: string; def: DemoRep; doc: DemoRepDoc }[] {
  const { now } = opts;
  return DEMO_REPS.map((def) => {
    const doc: DemoRepDoc = {
      _id: new Types.ObjectId(),
      name: def.name,
      nameEn: def.nameEn,
      email: `${def.key}@allot.demo`,
      teamId: opts.teamId(def.team),
      status: def.status,
      leaveFrom: def.leave ? new Date(now + def.leave.fromDays * DAY) : undefined,
      leaveTo: def.leave ? new Date(now + def.leave.toDays * DAY) : undefined,
      departedAt: def.departedDaysAgo !== undefined ? new Date(now - def.departedDaysAgo * DAY) : undefined,
      joinedAt: new Date(now - def.joinedDaysAgo * DAY),
      industries: def.industries,
      regions: def.regions,
      languages: def.languages,
      productLines: def.productLines,
      level: def.level,
      weight: def.weight,
      capacity: def.capacity,
      dailyCap: def.dailyCap,
      isNewHire: def.isNewHire ?? false,
      isTopRep: def.isTopRep ?? false,
      isManager: def.isManager ?? false,
      timezone: TIME_ZONE,
      workingHours: { timezone: TIME_ZONE, ...(def.hours ?? STANDARD_HOURS) },
      stats: demoStats(rng, def, now),
      openCount: 0,
      todayCount: 0,
      todayDate: localDate(now, TIME_ZONE),
    };
    return { key: def.key, def, doc };
  });
}

/** Plausible 90-day figures: win rates per industry and the counts they come from. */
function demoStats(rng: Prng, def: DemoRep, now: number): DemoRepDoc['stats'] {
  const [lo, hi] = def.isTopRep ? [0.35, 0.6] : def.isNewHire ? [0.05, 0.2] : [0.15, 0.4];
  const winRateByIndustry = def.industries.map((industry) => {
    const deals = rng.int(def.isNewHire ? 1 : 8, def.isNewHire ? 6 : 40);
    return { industry, deals, winRate: round2(Math.round((lo + rng.next() * (hi - lo)) * deals) / deals) };
  });
  const closedDeals = winRateByIndustry.reduce((sum, w) => sum + w.deals, 0);
  const wonDeals = winRateByIndustry.reduce((sum, w) => sum + Math.round(w.winRate * w.deals), 0);
  const assignments = closedDeals + rng.int(10, 40);
  const escalationShare = round2(def.isNewHire ? 0.1 + rng.next() * 0.15 : rng.next() * 0.1);
  return {
    winRateByIndustry,
    avgDealValue: rng.int(def.isTopRep ? 300 : 60, def.isTopRep ? 900 : 400) * 1000,
    medianFirstResponseHours: round2(def.isNewHire ? 4 + rng.next() * 8 : 1 + rng.next() * 5),
    escalationShare,
    windowDays: 90,
    closedDeals,
    wonDeals,
    assignments,
    respondedAssignments: Math.round(assignments * (0.8 + rng.next() * 0.2)),
    escalatedAssignments: Math.round(assignments * escalationShare),
    computedAt: new Date(now),
  };
}
