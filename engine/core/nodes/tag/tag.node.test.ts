import { describe, expect, it } from 'vitest';
import { allocCtx, makeCustomer } from '../common/test-data.fixture';
import { tagNode } from './tag.node';

const params = {
  rules: [
    { condition: { fact: 'churnRisk', operator: 'greaterThan' as const, value: 0.7 }, tags: ['churn-risk', 'vip'] },
    { condition: { fact: 'estimatedValue', operator: 'greaterThan' as const, value: 1e6 }, tags: ['vip', 'big'] },
  ],
};

describe('tag node', () => {
  it('adds each tag of the matching rules once, skipping tags already present', () => {
    const r = tagNode.evaluate(params, allocCtx(makeCustomer({ churnRisk: 0.9, estimatedValue: 2e6, tags: ['big'] })));
    expect(r.effects).toEqual([{ kind: 'addTags', tags: ['churn-risk', 'vip'] }]);
    expect(r.trace.detail).toEqual({ matchedRules: [0, 1], added: ['churn-risk', 'vip'] });
  });

  it('adds nothing when no rule holds', () => {
    const r = tagNode.evaluate(params, allocCtx(makeCustomer()));
    expect(r.effects).toEqual([]);
    expect(r.trace.summary.en).toBe('No tags added (0 of 2 rules matched)');
  });
});
