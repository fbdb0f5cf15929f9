import { describe, expect, it } from 'vitest';
import { DAY_MS, daysSince } from './derived-days';
import type { FactContext } from './fact-context';
import { parseFactName } from './fact-name';
import { parseFactPath } from './fact-path';
import { compileFactReader } from './fact-reader';

const NOW = Date.UTC(2025, 5, 15, 12);
const ctx = (customer: Record<string, unknown>, extra: Partial<FactContext> = {}): FactContext =>
  ({ customer, now: NOW, ...extra }) as unknown as FactContext;

function read(name: string, c: FactContext, path?: string): unknown {
  const f = parseFactName(name);
  const p = parseFactPath(path ?? '');
  if (!f.ok || !p.ok) throw new Error('bad fact');
  return compileFactReader(f.source, p.steps)(c);
}

describe('fact resolution', () => {
  const customer = { industry: 'saas', tags: ['vip'], estimatedValue: 5e5, attributes: { 渠道: 'ads', vip: true } };
  it('reads customer fields bare or prefixed, and attributes', () => {
    const c = ctx(customer);
    expect(read('industry', c)).toBe('saas');
    expect(read('customer.industry', c)).toBe('saas');
    expect(read('tags', c)).toEqual(['vip']);
    expect(read('attributes.渠道', c)).toBe('ads');
    expect(read('attributes.vip', c)).toBe(true);
    expect(read('attributes', c, '$.vip')).toBe(true);
  });
  it('reads undefined for missing fields and never reaches the prototype', () => {
    const c = ctx(customer);
    expect(read('province', c)).toBeUndefined();
    expect(read('attributes.missing', c)).toBeUndefined();
    expect(read('attributes.x', ctx({ attributes: 'text' }))).toBeUndefined();
    expect(read('attributes.x', ctx({}))).toBeUndefined();
    expect(read('industry', ctx(Object.create({ industry: 'inherited' })))).toBeUndefined();
  });
  it('reads rep and load facts, undefined without a rep or load', () => {
    const rep = { industries: ['saas'], regions: ['浙江'], level: 3, stats: { winRateByIndustry: { saas: 0.4 } } };
    const c = ctx(customer, { rep, load: { repId: 'r1', openCount: 7, todayCount: 2 } } as never);
    expect(read('rep.industries', c)).toEqual(['saas']);
    expect(read('rep.level', c)).toBe(3);
    expect(read('rep.stats', c, '$.winRateByIndustry.saas')).toBe(0.4);
    expect(read('load.openCount', c)).toBe(7);
    expect(read('load.todayCount', c)).toBe(2);
    expect(read('rep.level', ctx(customer))).toBeUndefined();
    expect(read('load.openCount', ctx(customer))).toBeUndefined();
  });
  it('applies paths to arrays and leaves non-objects alone', () => {
    const c = ctx(customer);
    expect(read('tags', c, '$[0]')).toBe('vip');
    expect(read('tags', c, '$.length')).toBe(1);
    expect(read('industry', c, '$.length')).toBe('saas');
  });
});

describe('derived day counts', () => {
  it('are whole days since the date, rounded down', () => {
    const c = ctx({ createdAt: NOW - 3 * DAY_MS - 1, assignedAt: NOW - DAY_MS + 1, lastFollowUpAt: NOW });
    expect(read('daysSinceCreated', c)).toBe(3);
    expect(read('daysSinceAssigned', c)).toBe(0);
    expect(read('customer.daysSinceLastFollowUp', c)).toBe(0);
  });
  it('are negative for a date in the future', () => {
    expect(read('daysSinceCreated', ctx({ createdAt: NOW + 1 }))).toBe(-1);
    expect(read('daysSinceCreated', ctx({ createdAt: NOW + 2 * DAY_MS }))).toBe(-2);
  });
  it('are undefined when the date is missing or not a number', () => {
    expect(read('daysSinceAssigned', ctx({}))).toBeUndefined();
    for (const d of ['2025-01-01', null, Number.NaN, Number.POSITIVE_INFINITY, [1]]) {
      expect(read('daysSinceLastFollowUp', ctx({ lastFollowUpAt: d }))).toBeUndefined();
    }
  });
  it('use the now passed in, not a clock', () => {
    const c = ctx({ createdAt: 0 });
    expect(read('daysSinceCreated', { ...c, now: 10 * DAY_MS })).toBe(10);
    expect(read('daysSinceCreated', { ...c, now: 10 * DAY_MS - 1 })).toBe(9);
    expect(daysSince(DAY_MS * 1.5, 0)).toBe(1);
  });
});
