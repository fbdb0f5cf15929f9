/**
 * The history half of the capability profile (能力画像), as pure functions over plain records so
 * they can be checked without a database. rep-stats.service.ts feeds them bounded query results.
 */

export const STATS_WINDOW_DAYS = 90;

/** Event outcomes that make `ownerId` the owner; outcomes that take the customer away from its owner. */
export const OWNERSHIP_START_OUTCOMES = ['assigned', 'reassigned', 'manual', 'claimed', 'redistributed'] as const;
export const OWNERSHIP_START: ReadonlySet<string> = new Set(OWNERSHIP_START_OUTCOMES);
export const OWNERSHIP_END: ReadonlySet<string> = new Set(['pooled', 'released', 'reclaimed', 'unassigned']);

export interface ClosedDeal {
  industry?: string | null;
  status: 'won' | 'lost';
  estimatedValue?: number | null;
}

export interface IndustryWinRate {
  industry: string;
  winRate: number;
  deals: number;
}

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** won / (won + lost) per industry; deals without an industry count under "unknown". Sorted by industry. */
export function winRatesByIndustry(deals: readonly ClosedDeal[]): IndustryWinRate[] {
  const by = new Map<string, { won: number; total: number }>();
  for (const d of deals) {
    const key = d.industry?.trim() || 'unknown';
    const entry = by.get(key) ?? { won: 0, total: 0 };
    entry.total += 1;
    if (d.status === 'won') entry.won += 1;
    by.set(key, entry);
  }
  return [...by.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([industry, { won, total }]) => ({ industry, winRate: round4(won / total), deals: total }));
}

/** Mean estimatedValue of the won deals that have one; 0 when there are none. */
export function averageWonValue(deals: readonly ClosedDeal[]): number {
  const values = deals.filter((d) => d.status === 'won' && typeof d.estimatedValue === 'number').map((d) => d.estimatedValue as number);
  return values.length === 0 ? 0 : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;
}

/** Median of a list (mean of the two middle values when even); 0 for an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? 0) + hi) / 2;
}

export interface OwnershipEvent {
  customerId: string;
  outcome: string;
  ownerId?: string | null;
  at: number;
}

/** One stretch during which the rep owned a customer: from the assignment to the next change of hands (open = still owned). */
export interface OwnershipSpan {
  customerId: string;
  from: number;
  to: number | null;
}

/**
 * The rep's ownership spans that start at or after `since`, from the assignment events of the
 * customers concerned (any order). A span starts when an event gives the rep the customer and ends
 * at the next event that gives it to someone else or takes it away; a re-assignment to the same rep
 * continues the span.
 */
export function ownershipSpans(events: readonly OwnershipEvent[], repId: string, since: number): OwnershipSpan[] {
  const byCustomer = new Map<string, OwnershipEvent[]>();
  for (const e of events) {
    const list = byCustomer.get(e.customerId) ?? [];
    list.push(e);
    byCustomer.set(e.customerId, list);
  }
  const spans: OwnershipSpan[] = [];
  for (const [customerId, list] of byCustomer) {
    list.sort((a, b) => a.at - b.at);
    let open: OwnershipSpan | null = null;
    for (const e of list) {
      const givesRep = OWNERSHIP_START.has(e.outcome) && e.ownerId === repId;
      const takesAway = OWNERSHIP_END.has(e.outcome) || (OWNERSHIP_START.has(e.outcome) && e.ownerId !== repId);
      if (open && takesAway) {
        open.to = e.at;
        open = null;
      } else if (!open && givesRep) {
        open = { customerId, from: e.at, to: null };
        // a span that began before the window is followed (so its end is known) but not counted
        if (e.at >= since) spans.push(open);
      }
    }
  }
  return spans.sort((a, b) => a.from - b.from || (a.customerId < b.customerId ? -1 : 1));
}

const inside = (span: OwnershipSpan, at: number): boolean => at >= span.from && (span.to === null || at < span.to);

/** Hours from each span's start to the rep's first follow-up inside it; spans without one are left out. */
export function firstResponseHours(spans: readonly OwnershipSpan[], followUps: readonly { customerId: string; at: number }[]): number[] {
  const byCustomer = new Map<string, number[]>();
  for (const f of followUps) byCustomer.set(f.customerId, [...(byCustomer.get(f.customerId) ?? []), f.at]);
  const out: number[] = [];
  for (const span of spans) {
    const first = (byCustomer.get(span.customerId) ?? []).filter((at) => inside(span, at)).sort((a, b) => a - b)[0];
    if (first !== undefined) out.push((first - span.from) / 3_600_000);
  }
  return out;
}

/** Spans with at least one escalation inside them (several notifications of one escalation count once). */
export function escalatedSpans(spans: readonly OwnershipSpan[], escalations: readonly { customerId: string; at: number }[]): number {
  return spans.filter((span) => escalations.some((e) => e.customerId === span.customerId && inside(span, e.at))).length;
}

export interface RepStatsFigures {
  winRateByIndustry: IndustryWinRate[];
  avgDealValue: number;
  medianFirstResponseHours: number;
  escalationShare: number;
  windowDays: number;
  closedDeals: number;
  wonDeals: number;
  assignments: number;
  respondedAssignments: number;
  escalatedAssignments: number;
}

/** Everything the profile shows, from the raw records of the window. */
export function computeRepStats(input: {
  repId: string;
  since: number;
  closedDeals: readonly ClosedDeal[];
  events: readonly OwnershipEvent[];
  followUps: readonly { customerId: string; at: number }[];
  escalations: readonly { customerId: string; at: number }[];
}): RepStatsFigures {
  const spans = ownershipSpans(input.events, input.repId, input.since);
  const responses = firstResponseHours(spans, input.followUps);
  const escalated = escalatedSpans(spans, input.escalations);
  return {
    winRateByIndustry: winRatesByIndustry(input.closedDeals),
    avgDealValue: averageWonValue(input.closedDeals),
    medianFirstResponseHours: Math.round(median(responses) * 100) / 100,
    escalationShare: spans.length === 0 ? 0 : round4(escalated / spans.length),
    windowDays: STATS_WINDOW_DAYS,
    closedDeals: input.closedDeals.length,
    wonDeals: input.closedDeals.filter((d) => d.status === 'won').length,
    assignments: spans.length,
    respondedAssignments: responses.length,
    escalatedAssignments: escalated,
  };
}
