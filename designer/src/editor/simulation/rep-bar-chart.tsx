import { useTranslation } from 'react-i18next';
import { GRADE_COLORS, gradesOf, sum, type ChartRow } from './chart-rows';

const ROW_H = 16;
const GAP = 10;
const LABEL_W = 96;
const WIDTH = 480;

/**
 * Customers per rep, each bar split by grade. With an active version, each rep has two bars: the draft's (solid)
 * and the active version's (faded) — a plain SVG, no chart library.
 */
export function RepBarChart({ rows }: { rows: readonly ChartRow[] }) {
  const { t } = useTranslation();
  const grades = gradesOf(rows);
  const compare = rows.some((r) => r.active !== undefined);
  const max = Math.max(1, ...rows.map((r) => Math.max(sum(r.draft), sum(r.active))));
  const barW = WIDTH - LABEL_W - 40;
  const perRow = compare ? ROW_H * 2 + 2 + GAP : ROW_H + GAP;
  const height = rows.length * perRow + 28;
  const bar = (counts: Record<string, number>, y: number, faded: boolean, key: string) => {
    let x = LABEL_W;
    const total = sum(counts);
    return (
      <g key={key} opacity={faded ? 0.45 : 1}>
        {grades.map((g) => {
          const n = counts[g] ?? 0;
          if (!n) return null;
          const w = (n / max) * barW;
          const rect = <rect key={g} x={x} y={y} width={Math.max(w, 1)} height={ROW_H} fill={GRADE_COLORS[g] ?? '#8c959f'}><title>{`${g}: ${n}`}</title></rect>;
          x += w;
          return rect;
        })}
        <text x={x + 4} y={y + ROW_H - 4}>{total}</text>
      </g>
    );
  };
  return (
    <svg className="allot-chart" width="100%" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={t('sim.chartTitle')} data-testid="rep-chart">
      {rows.map((r, i) => {
        const y = i * perRow;
        return (
          <g key={r.repId} data-rep={r.repId}>
            <text x={LABEL_W - 6} y={y + ROW_H - 3} textAnchor="end">{r.name.length > 12 ? `${r.name.slice(0, 11)}…` : r.name}</text>
            {bar(r.draft, y, false, 'd')}
            {compare && bar(r.active ?? {}, y + ROW_H + 2, true, 'a')}
          </g>
        );
      })}
      <g transform={`translate(${LABEL_W}, ${height - 14})`}>
        {grades.map((g, i) => (
          <g key={g} transform={`translate(${i * 56}, 0)`}>
            <rect width={10} height={10} fill={GRADE_COLORS[g] ?? '#8c959f'} />
            <text x={14} y={9}>{g === '—' ? t('sim.noGrade') : g}</text>
          </g>
        ))}
        {compare && <text x={grades.length * 56 + 8} y={9}>{t('sim.legendCompare')}</text>}
      </g>
    </svg>
  );
}
