import type { SimulationSideT } from '../../api/simulations.api';

/** The per-rep bars of a simulation: count by grade for the draft and (optionally) the active version. */
export interface ChartRow {
  repId: string;
  name: string;
  draft: Record<string, number>;
  active?: Record<string, number>;
  total: number;
}

export const GRADE_ORDER = ['A', 'B', 'C', 'D'];
export const GRADE_COLORS: Readonly<Record<string, string>> = { A: '#1f6feb', B: '#2da44e', C: '#d4a72c', D: '#bc4c00', '—': '#8c959f' };

const byGrade = (list: Array<{ grade: string; count: number }>): Record<string, number> => Object.fromEntries(list.map((g) => [g.grade, g.count]));

/** Grades present in either side, in A–D order then the rest (no grade last). */
export function gradesOf(rows: readonly ChartRow[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const g of [...Object.keys(r.draft), ...Object.keys(r.active ?? {})]) seen.add(g);
  const rest = [...seen].filter((g) => !GRADE_ORDER.includes(g) && g !== '—').sort();
  return [...GRADE_ORDER.filter((g) => seen.has(g)), ...rest, ...(seen.has('—') ? ['—'] : [])];
}

/** One row per rep of either side that is active or got customers, busiest first. */
export function chartRows(draft: SimulationSideT, active: SimulationSideT | null): ChartRow[] {
  const rows = new Map<string, ChartRow>();
  for (const r of draft.reps) {
    if (r.status !== 'active' && r.count === 0) continue;
    rows.set(r.repId, { repId: r.repId, name: r.name, draft: byGrade(r.byGrade), total: r.count });
  }
  if (active) {
    for (const r of active.reps) {
      if (r.status !== 'active' && r.count === 0) continue;
      const row = rows.get(r.repId) ?? { repId: r.repId, name: r.name, draft: {}, total: 0 };
      row.active = byGrade(r.byGrade);
      row.total = Math.max(row.total, r.count);
      rows.set(r.repId, row);
    }
    for (const row of rows.values()) row.active ??= {};
  }
  return [...rows.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
}

export const sum = (counts: Record<string, number> | undefined): number => Object.values(counts ?? {}).reduce((a, b) => a + b, 0);
