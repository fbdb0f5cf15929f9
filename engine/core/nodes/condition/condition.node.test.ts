import { describe, expect, it } from 'vitest';
import { allocCtx, makeCustomer, stepCtx } from '../common/test-data.fixture';
import { conditionNode } from './condition.node';

const params = { condition: { all: [{ fact: 'industry', operator: 'equal' as const, value: 'finance' }, { fact: 'estimatedValue', operator: 'greaterThan' as const, value: 1000 }] } };

describe('condition node', () => {
  it('takes true when the condition holds and explains each leaf', () => {
    const r = conditionNode.evaluate(params, allocCtx(makeCustomer({ industry: 'finance', estimatedValue: 5000 })));
    expect(r.output).toBe('true');
    expect(r.effects).toEqual([]);
    expect(r.trace.summary.en).toBe('Condition holds: Industry = finance and Estimated value > 1000');
    expect(r.trace.detail).toMatchObject({ kind: 'all', result: true });
  });

  it('takes false otherwise, and leaves detail out when asked', () => {
    const r = conditionNode.evaluate(params, { ...allocCtx(makeCustomer({ industry: 'retail' })), explain: false });
    expect(r.output).toBe('false');
    expect(r.trace.summary['zh-CN']).toContain('条件不成立');
    expect(r.trace.detail).toBeUndefined();
  });

  it('uses what prepare compiled', () => {
    const prepared = conditionNode.prepare?.(params);
    const r = conditionNode.evaluate(params, { ...allocCtx(makeCustomer({ industry: 'finance', estimatedValue: 2000 })), prepared });
    expect(r.output).toBe('true');
  });

  it('tests derived facts in follow-up flows', () => {
    const p = { condition: { fact: 'daysSinceCreated', operator: 'greaterThanInclusive' as const, value: 1 } };
    expect(conditionNode.step(p, stepCtx())).toEqual({ type: 'continue', output: 'true', actions: [] });
    expect(conditionNode.step(p, stepCtx({ customer: makeCustomer({ createdAt: stepCtx().now }) }))).toMatchObject({ output: 'false' });
  });

  it('lists the facts it reads as field references', () => {
    expect(conditionNode.references(params)).toEqual([
      { kind: 'field', name: 'industry', pointer: '/condition/all/0/fact' },
      { kind: 'field', name: 'estimatedValue', pointer: '/condition/all/1/fact' },
    ]);
  });
});
