import { describe, expect, it } from 'vitest';
import { allocCtx, makeCustomer } from '../common/test-data.fixture';
import { scoreNode } from './score.node';

const params = {
  base: 20,
  rules: [
    { label: 'Finance', condition: { fact: 'industry', operator: 'equal' as const, value: 'finance' }, points: 40 },
    { label: 'Big deal', condition: { fact: 'estimatedValue', operator: 'greaterThanInclusive' as const, value: 100000 }, points: 30 },
    { label: 'Cold source', condition: { fact: 'source', operator: 'equal' as const, value: 'coldCall' }, points: -15 },
  ],
  thresholds: { A: 80, B: 60, C: 40 },
};

describe('score node', () => {
  it('adds the points of matching rules, grades, and explains every rule', () => {
    const r = scoreNode.evaluate(params, allocCtx(makeCustomer({ industry: 'finance', source: 'coldCall' })));
    expect(r.effects).toEqual([{ kind: 'setScore', score: 45, grade: 'C' }]);
    expect(r.output).toBe('next');
    const detail = r.trace.detail as { lines: Array<{ label: string; matched: boolean; awarded: number }> };
    expect(detail.lines.map((l) => [l.label, l.matched, l.awarded])).toEqual([['Finance', true, 40], ['Big deal', false, 0], ['Cold source', true, -15]]);
    expect(r.trace.summary.en).toBe('Score 45, grade C: base 20, 2 of 3 rules matched');
  });

  it('clamps to 100 and gives grade A', () => {
    const r = scoreNode.evaluate({ ...params, base: 50 }, allocCtx(makeCustomer({ industry: 'finance', estimatedValue: 200000 })));
    expect(r.effects).toEqual([{ kind: 'setScore', score: 100, grade: 'A' }]);
    expect(r.trace.summary.en).toContain('raw 120, clamped to 0–100');
  });

  it('checks that thresholds fall from A to C', () => {
    expect(scoreNode.check?.({ ...params, thresholds: { A: 60, B: 60, C: 40 } })[0]?.pointer).toBe('/thresholds/B');
    expect(scoreNode.check?.(params)).toEqual([]);
  });
});
