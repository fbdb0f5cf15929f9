import { describe, expect, it } from 'vitest';
import { parseFactName } from './fact-name';

const source = (name: string) => {
  const r = parseFactName(name);
  if (!r.ok) throw new Error(`${name}: ${r.code}`);
  return r.source;
};
const code = (name: unknown) => {
  const r = parseFactName(name);
  return r.ok ? 'ok' : r.code;
};

describe('parseFactName', () => {
  it('reads customer fields bare or with the customer. prefix', () => {
    expect(source('industry')).toEqual({ scope: 'customer', field: 'industry' });
    expect(source('customer.estimatedValue')).toEqual({ scope: 'customer', field: 'estimatedValue' });
    expect(source('attributes')).toEqual({ scope: 'customer', field: 'attributes' });
  });
  it('reads derived day counts', () => {
    expect(source('daysSinceCreated')).toEqual({ scope: 'derived', dateField: 'createdAt' });
    expect(source('customer.daysSinceAssigned')).toEqual({ scope: 'derived', dateField: 'assignedAt' });
    expect(source('daysSinceLastFollowUp')).toEqual({ scope: 'derived', dateField: 'lastFollowUpAt' });
  });
  it('reads attributes, rep and load facts', () => {
    expect(source('attributes.渠道')).toEqual({ scope: 'attribute', key: '渠道' });
    expect(source('attributes.ad-campaign_2')).toEqual({ scope: 'attribute', key: 'ad-campaign_2' });
    expect(source('rep.industries')).toEqual({ scope: 'rep', field: 'industries' });
    expect(source('load.openCount')).toEqual({ scope: 'load', field: 'openCount' });
  });
  it('refuses malformed names with CONDITION_BAD_FACT', () => {
    for (const bad of ['', 'rep', 'customer', 'load', 'team.id', 'customer.attributes.vip', 'rep.stats.avg', 'a b', '1abc',
      'attributes.', 'attributes.a.b', 'rep.', 'x'.repeat(101), 3, null, undefined, {}]) {
      expect(code(bad), String(bad)).toBe('CONDITION_BAD_FACT');
    }
  });
  it('refuses prototype keys anywhere in the name with CONDITION_FORBIDDEN_KEY', () => {
    for (const bad of ['__proto__', 'constructor', 'prototype', 'toString', 'customer.__proto__', 'attributes.constructor',
      'rep.constructor', 'load.valueOf', 'constructor.name', '__proto__.x', 'hasOwnProperty']) {
      expect(code(bad), bad).toBe('CONDITION_FORBIDDEN_KEY');
    }
  });
  it('explains the problem in both languages', () => {
    const r = parseFactName('customer.attributes.vip');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message.en).toMatch(/path/);
      expect(r.message['zh-CN']).toMatch(/路径/);
    }
  });
});
