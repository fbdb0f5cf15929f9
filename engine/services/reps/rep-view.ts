import type { RepRaw } from '../../data/collections/rep.model';
import { localDate } from '../../data/local-date';
import type { Stored } from '../../data/mappers';
import type { RepStatsViewT, RepViewT } from './rep.schemas';
import { iso } from './value-mappers';

export type RepStored = Stored<RepRaw> & { createdAt: Date; updatedAt: Date };

/** Assignments today in the rep's zone: the stored counter counts `todayDate`, another day counts 0. */
export function todayCountOf(rep: Pick<RepRaw, 'todayCount' | 'todayDate' | 'timezone'>, now: number): { date: string; count: number } {
  const date = localDate(now, rep.timezone || 'Asia/Shanghai');
  return { date, count: rep.todayDate === date ? rep.todayCount : 0 };
}

export function statsView(stats: RepRaw['stats'] | null | undefined): RepStatsViewT {
  return {
    winRateByIndustry: (stats?.winRateByIndustry ?? []).map((w) => ({ industry: w.industry, winRate: w.winRate, deals: w.deals ?? 0 })),
    avgDealValue: stats?.avgDealValue ?? 0,
    medianFirstResponseHours: stats?.medianFirstResponseHours ?? 0,
    escalationShare: stats?.escalationShare ?? 0,
    windowDays: stats?.windowDays ?? 90,
    closedDeals: stats?.closedDeals ?? 0,
    wonDeals: stats?.wonDeals ?? 0,
    assignments: stats?.assignments ?? 0,
    respondedAssignments: stats?.respondedAssignments ?? 0,
    escalatedAssignments: stats?.escalatedAssignments ?? 0,
    computedAt: iso(stats?.computedAt),
  };
}

export function workingHoursView(wh: RepRaw['workingHours']): RepViewT['workingHours'] {
  return wh ? { timezone: wh.timezone, days: [...wh.days], start: wh.start, end: wh.end } : null;
}

export function repView(rep: RepStored, now: number): RepViewT {
  return {
    id: rep._id.toString(),
    name: rep.name,
    nameEn: rep.nameEn ?? null,
    email: rep.email ?? null,
    teamId: rep.teamId.toString(),
    status: rep.status,
    leaveFrom: iso(rep.leaveFrom),
    leaveTo: iso(rep.leaveTo),
    departedAt: iso(rep.departedAt),
    joinedAt: iso(rep.joinedAt),
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
    isManager: rep.isManager,
    timezone: rep.timezone,
    workingHours: workingHoursView(rep.workingHours),
    openCount: rep.openCount,
    todayCount: todayCountOf(rep, now).count,
    stats: statsView(rep.stats),
    createdAt: rep.createdAt.toISOString(),
    updatedAt: rep.updatedAt.toISOString(),
  };
}
