import { describe, expect, it } from 'vitest';
import { CoreError } from '../common/core-error';
import { MAX_CONDITION_DEPTH, type Condition } from './condition.schema';
import { compileCondition } from './condition-compiler';
import type { FactContext } from './fact-context';

const NOW = 1_750_000_000_000;
const ctx = (customer: Record<string, unknown>, rep?: Record<string, unknown>): FactContext =>
  ({ customer: { tags: [], attributes: {}, ...customer }, ...(rep ? { rep } : {}), now: NOW }) as unknown as FactContext;
const leaf = (fact: string, operator: string, value: unknown, path?: string) =>
  ({ fact, operator, value, ...(path === undefined ? {} : { path }) }) as Condition;
const T = leaf('industry', 'exists', false);
const F = leaf('industry', 'exists', true);

function compileError(cond: unknown): CoreError {
  try {
    compileCondition(cond as Condition);
  } catch (e) {
    if (e instanceof CoreError) return e;
    throw e;
  }
  throw new Error('expected a CoreError');
}

describe('compileCondition: logic', () => {
  it('evaluates all / any / not', () => {
    const c = ctx({});
    expect(compileCondition({ all: [T, T] }).test(c)).toBe(true);
    expect(compileCondition({ all: [T, F, T] }).test(c)).toBe(false);
    expect(compileCondition({ any: [F, F, F, T] }).test(c)).toBe(true);
    expect(compileCondition({ any: [F, F, F, F] }).test(c)).toBe(false);
    expect(compileCondition({ not: F }).test(c)).toBe(true);
    expect(compileCondition({ not: { not: T } }).test(c)).toBe(true);
    expect(compileCondition({ all: [T, T, T, T, T, { any: [F, T] }] }).test(c)).toBe(true);
  });
  it('treats empty groups as json-rules-engine does: all [] and any [] both pass', () => {
    expect(compileCondition({ all: [] }).test(ctx({}))).toBe(true);
    expect(compileCondition({ any: [] }).test(ctx({}))).toBe(true);
    expect(compileCondition({ not: { any: [] } }).test(ctx({}))).toBe(false);
  });
  it('accepts a leaf as the root', () => {
    const c = compileCondition(leaf('estimatedValue', 'greaterThanInclusive', 100000));
    expect(c.test(ctx({ estimatedValue: 100000 }))).toBe(true);
    expect(c.test(ctx({ estimatedValue: 99999 }))).toBe(false);
    expect(c.test(ctx({}))).toBe(false);
  });
  it('tests derived day counts against now', () => {
    const stale = compileCondition(leaf('daysSinceLastFollowUp', 'greaterThanInclusive', 15));
    expect(stale.test(ctx({ lastFollowUpAt: NOW - 15 * 86_400_000 }))).toBe(true);
    expect(stale.test(ctx({ lastFollowUpAt: NOW - 15 * 86_400_000 + 1 }))).toBe(false);
    expect(stale.test(ctx({}))).toBe(false);
  });
  it('reads an undefined or empty path as no path', () => {
    const c = compileCondition({ fact: 'industry', operator: 'equal', value: 'saas', path: undefined } as unknown as Condition);
    expect(c.test(ctx({ industry: 'saas' }))).toBe(true);
    expect(compileCondition(leaf('industry', 'equal', 'saas', '')).test(ctx({ industry: 'saas' }))).toBe(true);
    expect(compileCondition(leaf('tags', 'contains', { fact: 'industry', path: undefined })).test(ctx({ tags: ['a'], industry: 'a' }))).toBe(true);
  });
  it('keeps its own copy of literal lists', () => {
    const list = ['北京'];
    const c = compileCondition(leaf('province', 'in', list));
    list.push('上海');
    expect(c.test(ctx({ province: '上海' }))).toBe(false);
  });
});

describe('compileCondition: fact references (rep filters)', () => {
  const industryFit = compileCondition(leaf('rep.industries', 'contains', { fact: 'customer.industry' }));
  const regionFit = compileCondition(leaf('rep.regions', 'contains', { fact: 'province' }));
  const rep = { industries: ['saas', 'edu'], regions: ['浙江'], level: 3, stats: { winRateByIndustry: { saas: 0.5 } } };
  it('relates the rep to the customer', () => {
    expect(industryFit.test(ctx({ industry: 'saas' }, rep))).toBe(true);
    expect(industryFit.test(ctx({ industry: 'retail' }, rep))).toBe(false);
    expect(industryFit.test(ctx({}, rep))).toBe(false);
    expect(regionFit.test(ctx({ province: '浙江' }, rep))).toBe(true);
    expect(regionFit.test(ctx({ province: '浙江' }))).toBe(false);
  });
  it('resolves a referenced fact with its path', () => {
    const c = compileCondition(leaf('score', 'greaterThan', { fact: 'rep.stats', path: '$.winRateByIndustry.saas' }));
    expect(c.test(ctx({ score: 0.6 }, rep))).toBe(true);
    expect(c.test(ctx({ score: 0.4 }, rep))).toBe(false);
  });
  it('compares a fact with another customer fact', () => {
    const c = compileCondition(leaf('city', 'equal', { fact: 'province' }));
    expect(c.test(ctx({ city: '上海', province: '上海' }))).toBe(true);
    expect(c.test(ctx({ city: '杭州', province: '浙江' }))).toBe(false);
  });
});

describe('compileCondition: errors carry a stable code and a pointer inside the condition', () => {
  it.each([
    [{ all: [T, leaf('industry', 'like', 'x')] }, 'CONDITION_UNKNOWN_OPERATOR', '/all/1/operator'],
    [{ any: [leaf('name', 'matches', '(')] }, 'CONDITION_BAD_REGEX', '/any/0/value'],
    [{ not: leaf('name', 'matches', ['(a+)+$', 'i']) }, 'CONDITION_UNSAFE_REGEX', '/not/value'],
    [{ all: [leaf('name', 'matches', '(x)\\1')] }, 'CONDITION_UNSAFE_REGEX', '/all/0/value'],
    [leaf('score', 'between', [80, 60]), 'CONDITION_BAD_BETWEEN', '/value'],
    [leaf('score', 'between', { fact: 'rep.level' }), 'CONDITION_BAD_VALUE', '/value'],
    [leaf('__proto__', 'equal', 1), 'CONDITION_FORBIDDEN_KEY', '/fact'],
    [leaf('constructor', 'equal', 1), 'CONDITION_FORBIDDEN_KEY', '/fact'],
    [leaf('attributes', 'equal', 1, '$.__proto__'), 'CONDITION_FORBIDDEN_KEY', '/path'],
    [leaf('tags', 'contains', { fact: 'rep.constructor' }), 'CONDITION_FORBIDDEN_KEY', '/value/fact'],
    [leaf('tags', 'contains', { fact: 'industry', path: '$..x' }), 'CONDITION_BAD_PATH', '/value/path'],
    [{ all: [{ fact: 'tags', operator: 'contains' }] }, 'CONDITION_MISSING_VALUE', '/all/0/value'],
    [{ all: {} }, 'CONDITION_GROUP_NOT_ARRAY', '/all'],
    [{ all: [T], any: [T] }, 'CONDITION_AMBIGUOUS', ''],
    [{ all: [5] }, 'CONDITION_NOT_OBJECT', '/all/0'],
    [null, 'CONDITION_NOT_OBJECT', ''],
    ['industry = saas', 'CONDITION_NOT_OBJECT', ''],
    [[T], 'CONDITION_NOT_OBJECT', ''],
  ])('%j → %s at %s', (cond, code, pointer) => {
    const e = compileError(cond);
    expect(e.code).toBe(code);
    expect(e.pointer).toBe(pointer);
    expect(e.text['zh-CN'].length).toBeGreaterThan(0);
    expect(e.text.en.length).toBeGreaterThan(0);
  });
  it('refuses nesting deeper than MAX_CONDITION_DEPTH', () => {
    const nest = (levels: number): Condition => (levels === 1 ? T : { not: nest(levels - 1) });
    expect(() => compileCondition(nest(MAX_CONDITION_DEPTH))).not.toThrow();
    const e = compileError(nest(MAX_CONDITION_DEPTH + 1));
    expect(e.code).toBe('CONDITION_TOO_DEEP');
    expect(e.pointer).toBe('/not'.repeat(MAX_CONDITION_DEPTH));
  });
  it('refuses a prototype key smuggled in through JSON', () => {
    const e = compileError(JSON.parse('{"all":[{"fact":"industry","operator":"equal","value":"x","__proto__":{"polluted":1}}]}'));
    expect(e.code).toBe('CONDITION_FORBIDDEN_KEY');
    expect(e.pointer).toBe('/all/0/__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
