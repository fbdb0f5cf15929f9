import type { Locale } from '../core/common/localized';
import type { SimulationReport } from '../core/simulation/simulation-report';

/** Renders a simulation report as plain-text tables for the terminal (CJK-aware column widths). */
const wide = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += wide.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, width: number, right: boolean): string {
  const gap = Math.max(0, width - displayWidth(s));
  return right ? ' '.repeat(gap) + s : s + ' '.repeat(gap);
}

/** A table with a header row; numeric-looking cells are right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^[-+\d.,%/ ]*$/.test(r[i] ?? '')));
  const fmt = (r: string[]) => r.map((c, i) => pad(c, widths[i] ?? 0, numeric[i] ?? false)).join('  ').trimEnd();
  return [fmt(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const n = (x: number) => x.toLocaleString('en-US');

export function formatReport(r: SimulationReport, locale: Locale, elapsedMs?: number): string {
  const zh = locale === 'zh-CN';
  const L = (zhText: string, en: string) => (zh ? zhText : en);
  const out: string[] = [];
  out.push(
    `${L('流程', 'Flow')} ${r.flowId}${r.flowVersion > 0 ? ` v${r.flowVersion}` : ''} · ${n(r.customers)} ${L('个客户', 'customers')} · ${r.days} ${L('天', r.days === 1 ? 'day' : 'days')}` +
      (elapsedMs !== undefined ? ` · ${(elapsedMs / 1000).toFixed(2)} s` : ''),
  );
  const o = r.outcomes;
  out.push(`${L('结果', 'Outcomes')}: ${L('已分配', 'assigned')} ${n(o.assigned)} · ${L('进公海', 'pool')} ${n(o.pool)} · ${L('重复', 'duplicate')} ${n(o.duplicate)} · ${L('未分配', 'unassigned')} ${n(o.unassigned)}`);
  const pools = Object.entries(r.pools);
  if (pools.length > 0) out.push(`${L('进入公海', 'Into pools')}: ${pools.map(([id, count]) => `${id} ${n(count)}`).join(' · ')}`);
  out.push('');

  const allGrades = [...new Set(r.reps.flatMap((x) => Object.keys(x.byGrade)))].sort();
  // by-grade columns only when the flow grades customers
  const grades = allGrades.length === 1 && allGrades[0] === '—' ? [] : allGrades;
  out.push(
    table(
      [L('销售', 'Rep'), L('团队', 'Team'), L('状态', 'Status'), L('分配数', 'Count'), ...grades, L('占比', 'Share'), L('权重目标', 'Weight target'), L('在跟/容量', 'Open/cap'), L('单日最多/上限', 'Max day/cap')],
      r.reps.map((x) => [
        `${x.name}${x.isNewHire ? L('（新人）', ' (new)') : ''}${x.isTopRep ? ' ★' : ''}`,
        x.teamId,
        x.status,
        n(x.count),
        ...grades.map((g) => n(x.byGrade[g] ?? 0)),
        pct(x.share),
        pct(x.weightTarget),
        `${n(x.openCount)}/${n(x.capacity)}`,
        `${n(x.maxInOneDay)}/${n(x.dailyCap)}`,
      ]),
    ),
  );
  out.push('');
  const fair = (label: string, f: SimulationReport['fairness']) =>
    `${label} (${f.reps}): min ${n(f.min)} · max ${n(f.max)} · ${L('极差', 'spread')} ${n(f.spread)} · Gini ${f.gini.toFixed(3)} · ${L('平均', 'mean')} ${f.mean.toFixed(1)}`;
  out.push(fair(L('公平性：全部在岗销售', 'Fairness, all active reps'), r.fairness));
  out.push(fair(L('公平性：获得分配的销售', 'Fairness, reps with assignments'), r.fairnessAssigned));
  if (r.nodes.length > 0) {
    out.push('');
    out.push(
      table(
        [L('分配节点', 'Assign node'), L('分配数', 'Assigned'), L('销售数', 'Reps'), L('极差', 'Spread'), 'Gini', L('新人占比', 'New-hire share'), L('头部占比', 'Top-rep share'), L('配额', 'Quotas')],
        r.nodes.map((x) => [
          x.nodeId,
          n(x.assigned),
          n(Object.keys(x.perRep).length),
          n(x.spread),
          x.gini.toFixed(3),
          pct(x.newHireShare) + (x.newHireMinShare !== undefined ? ` (≥${pct(x.newHireMinShare)})` : ''),
          pct(x.topRepShare) + (x.topRepMaxShare !== undefined ? ` (≤${pct(x.topRepMaxShare)})` : ''),
          x.newHireMinShare === undefined && x.topRepMaxShare === undefined ? '—' : x.quotasMet ? L('达成', 'met') : L('未达成', 'MISSED'),
        ]),
      ),
    );
  }
  out.push('');
  out.push(`${L('未分配', 'Unassigned')}: ${n(r.unassigned.total)}`);
  for (const g of r.unassigned.groups) {
    out.push(`  ${pad(n(g.count), 8, true)}  ${g.code}${g.nodeId ? ` @${g.nodeId}` : ''} — ${g.text[locale]}`);
    out.push(`            ${L('例如', 'e.g.')} ${g.customerIds.slice(0, 5).join(', ')}${g.count > 5 ? ' …' : ''}`);
  }
  out.push('');
  const v = r.violations;
  out.push(`${L('违规', 'Violations')}: ${n(v.total)} (${L('容量', 'capacity')} ${n(v.capacity)}, ${L('每日上限', 'daily cap')} ${n(v.dailyCap)}, ${L('不在岗', 'inactive rep')} ${n(v.inactiveRep)}, ${L('状态冲突', 'state conflict')} ${n(v.staleState)})`);
  for (const item of v.items.slice(0, 10)) out.push(`  ${item.kind} ${item.customerId} → ${item.repId}: ${item.text[locale]}`);
  return out.join('\n');
}
