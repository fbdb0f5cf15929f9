import { describe, expect, it } from 'vitest';
import { prepareFlow } from '../core/interpreter/prepare-flow';
import { makeCustomer, makeFlow, makeRep, NOW } from '../core/interpreter/test-fixtures';
import { simulate } from '../core/simulation/simulate';
import { displayWidth, formatReport, table } from './report-table';

describe('table', () => {
  it('counts CJK characters as two columns and right-aligns numbers', () => {
    expect(displayWidth('华星ab')).toBe(6);
    const t = table(['Rep', 'Count'], [['李娜', '12'], ['Kevin', '3']]).split('\n');
    expect(t[0]).toBe('Rep    Count');
    expect(t[2]).toBe('李娜      12');
    expect(t[3]).toBe('Kevin      3');
  });
});

describe('formatReport', () => {
  const flow = prepareFlow(makeFlow('allocation', [
    { id: 't', type: 'trigger' },
    { id: 'a', type: 'assign', params: { strategy: 'roundRobin' } },
    { id: 'e', type: 'end' },
  ], [['t', 'next', 'a'], ['a', 'assigned', 'e'], ['a', 'none', 'e']]));
  const report = simulate(flow, {
    customers: Array.from({ length: 5 }, (_, i) => makeCustomer({ id: `c${i + 1}` })),
    reps: [makeRep('r1', { name: '李娜', capacity: 2 }), makeRep('r2', { name: 'Kevin', capacity: 2 })],
    teams: [{ id: 't1', name: 'T1' }],
    pools: [],
    now: NOW,
  });

  it('shows per-rep counts, fairness, unassigned customers with their reasons and violations, in English', () => {
    const s = formatReport(report, 'en', 1234);
    expect(s).toContain('Flow f1 · 5 customers · 1 day · 1.23 s');
    expect(s).toContain('Outcomes: assigned 4 · pool 0 · duplicate 0 · unassigned 1');
    expect(s).toMatch(/李娜\s+t1\s+active\s+2/);
    expect(s).toContain('Fairness, all active reps (2): min 2 · max 2 · spread 0 · Gini 0.000');
    expect(s).toContain('Unassigned: 1');
    expect(s).toContain('NO_ELIGIBLE_REP @a — No eligible rep at node a');
    expect(s).toContain('e.g. c5');
    expect(s).toContain('Violations: 0 (capacity 0, daily cap 0, inactive rep 0, state conflict 0)');
  });

  it('speaks Chinese when asked', () => {
    const s = formatReport(report, 'zh-CN');
    expect(s).toContain('结果: 已分配 4');
    expect(s).toContain('未分配: 1');
    expect(s).toContain('节点 a 没有符合条件的销售');
  });
});
