import { describe, expect, it } from 'vitest';
import { allocCtx, makeCustomer, stepCtx } from '../common/test-data.fixture';
import { switchNode } from './switch.node';

const params = {
  field: 'province',
  cases: [
    { key: 'east', label: 'East', values: ['上海', '江苏', '浙江'] },
    { key: 'south', label: 'South', values: ['广东'] },
  ],
};

describe('switch node', () => {
  it('routes to the first case containing the value', () => {
    const r = switchNode.evaluate(params, allocCtx(makeCustomer({ province: '江苏' })));
    expect(r.output).toBe('east');
    expect(r.trace.summary.en).toBe('Province matched case "East"');
    expect(r.trace.detail).toEqual({ field: 'province', value: '江苏' });
  });

  it('takes default when nothing matches or the field is missing', () => {
    expect(switchNode.evaluate(params, allocCtx(makeCustomer({ province: '四川' }))).output).toBe('default');
    expect(switchNode.evaluate(params, allocCtx(makeCustomer())).output).toBe('default');
  });

  it('does not confuse numbers and strings, and matches any element of a list field', () => {
    const bySize = { field: 'estimatedValue', cases: [{ key: 'k', label: 'k', values: ['100'] }, { key: 'n', label: 'n', values: [100] }] };
    expect(switchNode.evaluate(bySize, allocCtx(makeCustomer({ estimatedValue: 100 }))).output).toBe('n');
    const byTag = { field: 'tags', cases: [{ key: 'vip', label: 'VIP', values: ['vip'] }, { key: 'churn', label: 'Churn', values: ['churn'] }] };
    expect(switchNode.evaluate(byTag, allocCtx(makeCustomer({ tags: ['churn', 'vip'] }))).output).toBe('vip');
  });

  it('reads custom attributes and works in follow-up flows', () => {
    const p = { field: 'attributes.channel', cases: [{ key: 'ads', label: 'Ads', values: ['ads'] }] };
    expect(switchNode.step(p, stepCtx({ customer: makeCustomer({ attributes: { channel: 'ads' } }) }))).toMatchObject({ output: 'ads' });
  });

  it('has one output per case plus default', () => {
    expect(switchNode.outputs(params).map((o) => o.id)).toEqual(['east', 'south', 'default']);
  });

  it('rejects duplicate and reserved case keys', () => {
    const issues = switchNode.check?.({ field: 'grade', cases: [{ key: 'A', label: 'A', values: ['A'] }, { key: 'A', label: 'A2', values: ['B'] }, { key: 'default', label: 'd', values: ['C'] }] });
    expect(issues?.map((i) => [i.code, i.pointer])).toEqual([
      ['FLOW_SWITCH_DUPLICATE_KEY', '/cases/1/key'],
      ['FLOW_SWITCH_RESERVED_KEY', '/cases/2/key'],
    ]);
  });
});
