/**
 * Fairness measures over per-rep assignment counts: spread (max − min), Gini coefficient, and each rep's
 * share against a weight target. Pure maths, no allocation state.
 */

/** max − min of the values (0 for an empty list). */
export function spread(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return max - min;
}

/**
 * Gini coefficient of non-negative values: 0 = perfectly even, (n − 1) / n = one rep got everything.
 * Uses the sorted-rank formula G = Σ (2i − n − 1)·x_i / (n · Σ x), i = 1…n over ascending x.
 * Returns 0 for an empty list or when every value is 0.
 */
export function gini(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    const x = sorted[i] ?? 0;
    if (x < 0) throw new RangeError('gini: values must be non-negative');
    total += x;
    weighted += (2 * (i + 1) - n - 1) * x;
  }
  return total === 0 ? 0 : weighted / (n * total);
}

export interface ShareRow {
  key: string;
  count: number;
  /** count / total (0 when total is 0) */
  share: number;
  /** weight / Σ weights (0 when every weight is 0) */
  target: number;
  /** count − target · total: how many assignments above (+) or below (−) the weight target */
  deviation: number;
}

/** Each key's share of the total against the share its weight asks for. */
export function sharesAgainstWeights(rows: readonly { key: string; count: number; weight: number }[]): ShareRow[] {
  let total = 0;
  let weights = 0;
  for (const r of rows) {
    total += r.count;
    weights += r.weight;
  }
  return rows.map((r) => {
    const target = weights > 0 ? r.weight / weights : 0;
    return {
      key: r.key,
      count: r.count,
      share: total > 0 ? r.count / total : 0,
      target,
      deviation: r.count - target * total,
    };
  });
}
