import { describe, expect, it } from 'vitest';
import { emptyNodeState } from './node-state';
import { GRADE_MIN_LEVEL, minLevelForGrade, skillScore } from './skill-match.strategy';
import { cand, decide, makeCustomer, makeParams, makeRep } from './test-fixtures';

const sm = makeParams({ strategy: 'skillMatch' });
const weights = sm.skillWeights; // industry 3, region 2, language 1, productLine 2, level 2, winRate 3
const customer = makeCustomer({ industry: 'manufacturing', province: '浙江', language: 'zh', productLine: 'erp', grade: 'A' });

describe('skillScore', () => {
  it('adds the weight of every match and the weighted win rate', () => {
    const rep = makeRep('a', {
      industries: ['manufacturing'], regions: ['浙江'], languages: ['en'], productLines: ['erp'], level: 4,
      stats: { winRateByIndustry: { manufacturing: 0.5 }, avgDealValue: 0, medianFirstResponseHours: 0, escalationShare: 0 },
    });
    expect(skillScore(rep, customer, weights)).toEqual({
      score: 3 + 2 + 0 + 2 + 2 + 1.5,
      breakdown: { industry: 3, region: 2, language: 0, productLine: 2, level: 2, winRate: 1.5 },
    });
  });

  it('maps grades to minimum levels: A ≥ 4, B ≥ 3, C and D any, unknown or missing any', () => {
    expect(GRADE_MIN_LEVEL).toEqual({ A: 4, B: 3, C: 1, D: 1 });
    expect([minLevelForGrade('A'), minLevelForGrade('b'), minLevelForGrade('C'), minLevelForGrade('D')]).toEqual([4, 3, 1, 1]);
    expect([minLevelForGrade('VIP'), minLevelForGrade(undefined), minLevelForGrade('constructor')]).toEqual([1, 1, 1]);
    const level3 = makeRep('a', { level: 3 });
    expect(skillScore(level3, makeCustomer({ grade: 'A' }), weights).breakdown.level).toBe(0);
    expect(skillScore(level3, makeCustomer({ grade: 'B' }), weights).breakdown.level).toBe(2);
    expect(skillScore(makeRep('j', { level: 1 }), makeCustomer({ grade: 'D' }), weights).breakdown.level).toBe(2);
  });

  it('clamps odd win rates and ignores them without an industry', () => {
    const stats = { winRateByIndustry: { x: 7 }, avgDealValue: 0, medianFirstResponseHours: 0, escalationShare: 0 };
    expect(skillScore(makeRep('a', { stats }), makeCustomer({ industry: 'x' }), weights).breakdown.winRate).toBe(3);
    expect(skillScore(makeRep('a', { stats }), makeCustomer(), weights).breakdown.winRate).toBe(0);
  });
});

describe('skillMatch', () => {
  const specialist = makeRep('spec', { industries: ['manufacturing'], regions: ['浙江'], level: 4 });
  const local = makeRep('local', { regions: ['浙江'], languages: ['zh'], level: 5 });
  const generalist = makeRep('gen', { level: 2 });

  it('ranks by fit and keeps every candidate’s breakdown in the trace', () => {
    const d = decide({ customer, params: sm, candidates: [cand(generalist), cand(local), cand(specialist)] });
    expect(d.repId).toBe('spec'); // 3 + 2 + 2 = 7 vs local 2 + 1 + 2 = 5 vs gen 0
    expect(d.trace.map((t) => [t.repId, t.score])).toEqual([['gen', 0], ['local', 5], ['spec', 7]]);
    expect(d.trace[2]?.breakdown).toEqual({ industry: 3, region: 2, language: 0, productLine: 0, level: 2, winRate: 0 });
    expect(d.why.en).toContain('7 points (industry 3, region 2, level 2)');
    expect(d.why['zh-CN']).toContain('行业 3');
  });

  it('custom weights change the ranking', () => {
    const params = makeParams({ strategy: 'skillMatch', skillWeights: { industry: 0, language: 10 } });
    expect(decide({ customer, params, candidates: [cand(specialist), cand(local)] }).repId).toBe('local');
  });

  it('scores ineligible candidates too, but never picks them', () => {
    const d = decide({ customer, params: sm, candidates: [cand(specialist, { openCount: 1000 }), cand(generalist)] });
    expect(d.repId).toBe('gen');
    expect(d.trace[0]).toMatchObject({ eligible: false, score: 7 });
  });

  it('ties: least loaded first, then round robin', () => {
    const twinA = makeRep('a', { industries: ['manufacturing'], capacity: 10 });
    const twinB = makeRep('b', { industries: ['manufacturing'], capacity: 10 });
    const byLoad = decide({ customer, params: sm, candidates: [cand(twinA, { openCount: 5 }), cand(twinB, { openCount: 4 })] });
    expect(byLoad.repId).toBe('b');
    expect(byLoad.why.en).toContain('tied with 1 other(s)');
    const state = { ...emptyNodeState('flow:assign1'), seq: 2, lastSeq: { a: 2, b: 1 } };
    expect(decide({ customer, params: sm, nodeState: state, candidates: [cand(twinA), cand(twinB)] }).repId).toBe('b');
    const state2 = { ...state, lastSeq: { a: 1, b: 2 } };
    expect(decide({ customer, params: sm, nodeState: state2, candidates: [cand(twinA), cand(twinB)] }).repId).toBe('a');
  });

  it('rounds away floating-point noise so equal fits tie', () => {
    const params = makeParams({ strategy: 'skillMatch', skillWeights: { industry: 0.1, region: 0.2, language: 0.3, productLine: 0, level: 0, winRate: 0 } });
    const ab = makeRep('a', { industries: ['manufacturing'], regions: ['浙江'], capacity: 10 });
    const c = makeRep('b', { languages: ['zh'], capacity: 10 });
    const d = decide({ customer, params, candidates: [cand(ab, { openCount: 3 }), cand(c, { openCount: 1 })] });
    expect(d.trace.map((t) => t.score)).toEqual([0.3, 0.3]);
    expect(d.repId).toBe('b');
  });
});
