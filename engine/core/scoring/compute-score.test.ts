import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clampScore, computeScore, gradeFor, thresholdsOutOfOrder } from './compute-score';

const T = { A: 80, B: 60, C: 40 };
const rule = (label: string, points: number) => ({ label, points, condition: { all: [] } });

describe('computeScore', () => {
  it('adds the points of matched rules to the base and explains every rule', () => {
    const r = computeScore({ base: 10, rules: [rule('Finance', 40), rule('Big', 30), rule('Cold', -5)], thresholds: T }, (i) => i !== 1);
    expect(r).toMatchObject({ raw: 45, score: 45, grade: 'C' });
    expect(r.lines.map((l) => l.text.en)).toEqual(['+40 Finance (matched)', '0 Big (not matched; would add +30)', '-5 Cold (matched)']);
    expect(r.lines.map((l) => l.text['zh-CN'])).toEqual(['+40 Finance（满足）', '0 Big（不满足，满足时 +30）', '-5 Cold（满足）']);
    expect(r.summary.en).toBe('Score 45, grade C: base 10, 2 of 3 rules matched');
  });

  it('clamps to 0–100 and says so', () => {
    expect(computeScore({ base: 90, rules: [rule('a', 50)], thresholds: T }, () => true)).toMatchObject({ raw: 140, score: 100, grade: 'A' });
    const low = computeScore({ base: 0, rules: [rule('a', -50)], thresholds: T }, () => true);
    expect(low).toMatchObject({ raw: -50, score: 0, grade: 'D' });
    expect(low.summary['zh-CN']).toContain('原始 -50，已限制在 0–100');
  });

  it('grades at the thresholds, inclusive', () => {
    expect([80, 79, 60, 59, 40, 39].map((s) => gradeFor(s, T))).toEqual(['A', 'B', 'B', 'C', 'C', 'D']);
  });

  it('without explanation keeps the result and skips the lines', () => {
    const r = computeScore({ base: 50, rules: [rule('a', 20)], thresholds: T }, () => true, false);
    expect(r).toMatchObject({ score: 70, grade: 'B', lines: [] });
  });

  it('always lands in 0–100 with a grade consistent with the thresholds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.array(fc.tuple(fc.integer({ min: -100, max: 100 }), fc.boolean()), { maxLength: 30 }), (base, rs) => {
        const r = computeScore({ base, rules: rs.map(([p], i) => rule(`r${i}`, p)), thresholds: T }, (i) => rs[i]?.[1] === true);
        const raw = base + rs.reduce((s, [p, m]) => s + (m ? p : 0), 0);
        expect(r.raw).toBe(raw);
        expect(r.score).toBe(clampScore(raw));
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        expect(r.grade).toBe(gradeFor(r.score, T));
        expect(r.lines).toHaveLength(rs.length);
        expect(r.lines.reduce((s, l) => s + l.awarded, base)).toBe(raw);
      }),
      { numRuns: 300 },
    );
  });

  it('finds thresholds out of order', () => {
    expect(thresholdsOutOfOrder(T)).toBeUndefined();
    expect(thresholdsOutOfOrder({ A: 50, B: 60, C: 40 })).toBe('B');
    expect(thresholdsOutOfOrder({ A: 80, B: 40, C: 40 })).toBe('C');
  });
});
