import { describe, expect, it } from 'vitest';
import { checkCondition, getOperator } from '../../../../engine/core/conditions';
import { asGroup, coerceValue, countLeaves, factChoices, fromGroup, newLeaf, operatorChoices, withFact, withOperator } from './condition-model';

describe('condition builder logic', () => {
  it('round-trips nested all / any / not groups', () => {
    const cond = { any: [{ fact: 'grade', operator: 'equal' as const, value: 'A' }, { not: { all: [{ fact: 'score', operator: 'greaterThan' as const, value: 50 }] } }] };
    const g = asGroup(cond);
    expect(g.kind).toBe('any');
    expect(fromGroup(g)).toEqual(cond);
    const inner = asGroup(g.items[1]);
    expect(inner).toMatchObject({ kind: 'all', negated: true });
    expect(fromGroup(inner)).toEqual(g.items[1]);
    expect(countLeaves(cond)).toBe(2);
    expect(fromGroup(asGroup(undefined))).toEqual({ all: [] });
  });

  it('offers operators that fit the field type', () => {
    const names = (fact: string) => operatorChoices(fact).map((o) => o.name);
    expect(names('estimatedValue')).toContain('between');
    expect(names('estimatedValue')).not.toContain('startsWith');
    expect(names('tags')).toEqual(expect.arrayContaining(['contains', 'doesNotContain', 'exists']));
    expect(names('tags')).not.toContain('equal');
    expect(names('industry')).toContain('in');
    expect(names('rep.isNewHire')).toEqual(expect.arrayContaining(['equal', 'notEqual']));
  });

  it('offers rep fields only in rep filters', () => {
    expect(factChoices('customer').some((f) => f.name.startsWith('rep.'))).toBe(false);
    expect(factChoices('rep').some((f) => f.name === 'rep.industries')).toBe(true);
    expect(factChoices('customer').some((f) => f.name === 'daysSinceLastFollowUp')).toBe(true);
  });

  it('reshapes values so every leaf it produces is valid for the engine', () => {
    let leaf = newLeaf('customer');
    for (const fact of ['estimatedValue', 'tags', 'industry', 'createdAt', 'grade']) {
      leaf = withFact(leaf, fact);
      for (const op of operatorChoices(fact)) {
        leaf = withOperator(leaf, op.name);
        if (op.valueKind === 'pattern' || op.valueKind === 'text') leaf = { ...leaf, value: 'abc' };
        expect(checkCondition(leaf, ''), `${fact} ${op.name}`).toEqual([]);
      }
    }
    expect(coerceValue(['3', 'x'], getOperator('in')!, 'number')).toEqual([3, 0]);
    expect(coerceValue(5, getOperator('between')!, 'number')).toEqual([5, 5]);
    expect(coerceValue({ fact: 'customer.industry' }, getOperator('contains')!, 'stringArray')).toEqual({ fact: 'customer.industry' });
    expect(checkCondition(newLeaf('rep'), '')).toEqual([]);
  });
});
