import type { Candidate } from '../nodes/node-definition';

/** Locale-independent, stable order of rep ids (UTF-16 code units). */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The first element in the order `compare` defines (null for an empty list). */
export function minBy<T>(items: readonly T[], compare: (a: T, b: T) => number): T | null {
  let best: T | null = null;
  for (const item of items) if (best === null || compare(item, best) < 0) best = item;
  return best;
}

/** Open customers over capacity; null when the rep has no capacity (sorts after every ratio). */
export const loadRatio = ({ rep, load }: Candidate): number | null =>
  rep.capacity > 0 ? load.openCount / rep.capacity : null;

/** The load ratio as compareLoad orders it: a rep without capacity counts as Infinity. */
export const loadRank = (c: Candidate): number => loadRatio(c) ?? Infinity;

/** Ascending order of two load ranks (compareLoad on precomputed ranks). */
export const compareRanks = (ra: number, rb: number): number => (ra < rb ? -1 : ra > rb ? 1 : 0);

/** Ascending load ratio, a rep without capacity last. */
export const compareLoad = (a: Candidate, b: Candidate): number => compareRanks(loadRank(a), loadRank(b));

export const percent = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/** For sentences: at most two decimals. */
export const round2 = (x: number): number => Math.round(x * 100) / 100;
