import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CONDITION_DEPTH } from './condition.schema';
import { checkCondition, MAX_CONDITION_NODES } from './condition-check';
import { listConditionFacts } from './condition-facts';

const ok = { fact: 'industry', operator: 'equal', value: 'saas' };
const codes = (cond: unknown, pointer = '') => checkCondition(cond, pointer).map((p) => p.code);

describe('checkCondition', () => {
  it('finds nothing wrong with a good condition', () => {
    expect(checkCondition({ all: [ok, { any: [] }, { not: ok }, { fact: 'tags', operator: 'contains', value: { fact: 'rep.regions', path: '' } }] }, '')).toEqual([]);
  });
  it('reports every problem, each under the given pointer', () => {
    const problems = checkCondition({ all: [{ fact: 'x y', operator: 'nope', value: 1 }, { fact: 'score', operator: 'between', value: [3, 1], extra: 1 }] }, '/nodes/2/params/when');
    expect(problems.map((p) => [p.code, p.pointer])).toEqual([
      ['CONDITION_BAD_FACT', '/nodes/2/params/when/all/0/fact'],
      ['CONDITION_UNKNOWN_OPERATOR', '/nodes/2/params/when/all/0/operator'],
      ['CONDITION_UNKNOWN_KEY', '/nodes/2/params/when/all/1/extra'],
      ['CONDITION_BAD_BETWEEN', '/nodes/2/params/when/all/1/value'],
    ]);
    for (const p of problems) expect(p.message['zh-CN'] && p.message.en).toBeTruthy();
  });
  it('escapes pointer tokens', () => {
    expect(checkCondition({ all: [ok], 'a/b~c': 1 }, '')[0]?.pointer).toBe('/a~1b~0c');
  });
  it('copes with junk of every type', () => {
    for (const junk of [undefined, null, 0, 'x', true, [], [ok], () => 1, Symbol('s'), 10n, new Date(0), { all: 'x' }, { not: [] }, { fact: 1 }, {}]) {
      expect(() => checkCondition(junk, '')).not.toThrow();
      expect(checkCondition(junk, '').length).toBeGreaterThan(0);
    }
  });
  it('copes with 1,000-deep nesting', () => {
    let deep: unknown = ok;
    for (let i = 0; i < 1000; i++) deep = i % 2 ? { not: deep } : { all: [deep] };
    const problems = checkCondition(deep, '');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.code).toBe('CONDITION_TOO_DEEP');
    expect(problems[0]?.pointer.split('/').length).toBeGreaterThan(MAX_CONDITION_DEPTH);
    let deepArrays: unknown = [];
    for (let i = 0; i < 1000; i++) deepArrays = [deepArrays];
    expect(codes({ all: deepArrays })).toEqual(['CONDITION_NOT_OBJECT']);
  });
  it('copes with cycles', () => {
    const a: Record<string, unknown> = { all: [] };
    (a.all as unknown[]).push(ok, a);
    expect(codes(a)).toEqual(['CONDITION_CYCLE']);
    const n: Record<string, unknown> = {};
    n.not = n;
    expect(codes(n)).toEqual(['CONDITION_CYCLE']);
  });
  it('bounds the work on shared sub-conditions (a DAG that would be 2^32 nodes as a tree)', () => {
    let dag: unknown = ok;
    for (let i = 0; i < 31; i++) dag = { any: [dag, dag] };
    const t0 = performance.now();
    expect(codes(dag)).toEqual(['CONDITION_TOO_LARGE']);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(MAX_CONDITION_NODES).toBeGreaterThanOrEqual(1000);
  });
  it('refuses groups over 200 items and stops collecting after 50 problems', () => {
    expect(codes({ any: Array.from({ length: 201 }, () => ok) })).toEqual(['CONDITION_GROUP_TOO_LARGE']);
    expect(checkCondition({ all: Array.from({ length: 200 }, () => 5) }, '')).toHaveLength(50);
  });
  it('reports prototype keys as condition keys, fact names and paths, without polluting', () => {
    const parsed = JSON.parse('{"any":[{"__proto__":{"x":1},"fact":"constructor","operator":"equal","value":1,"path":"$.__proto__"}],"constructor":{}}');
    expect(codes(parsed).sort()).toEqual(['CONDITION_FORBIDDEN_KEY', 'CONDITION_FORBIDDEN_KEY', 'CONDITION_FORBIDDEN_KEY', 'CONDITION_FORBIDDEN_KEY']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
  it('reports an unreadable input instead of throwing', () => {
    const hostile = new Proxy({}, { getOwnPropertyDescriptor: () => { throw new Error('boom'); } });
    expect(codes(hostile)).toEqual(['CONDITION_UNREADABLE']);
    const getter = { get all() { throw new Error('boom'); } };
    expect(codes(getter)).toEqual(['CONDITION_UNREADABLE']);
  });
  it('never throws on arbitrary JSON-like values', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => Array.isArray(checkCondition(v, ''))), { numRuns: 500 });
    fc.assert(fc.property(fc.anything({ maxDepth: 4, withNullPrototype: true, withBigInt: true, withMap: true }), (v) => Array.isArray(checkCondition(v, ''))), { numRuns: 500 });
  });
});

describe('listConditionFacts', () => {
  it('lists leaf facts and referenced facts with pointers', () => {
    const cond = { all: [ok, { not: { fact: 'rep.industries', operator: 'contains', value: { fact: 'customer.industry' } } }] };
    expect(listConditionFacts(cond, '/params/when')).toEqual([
      { fact: 'industry', pointer: '/params/when/all/0/fact' },
      { fact: 'rep.industries', pointer: '/params/when/all/1/not/fact' },
      { fact: 'customer.industry', pointer: '/params/when/all/1/not/value/fact' },
    ]);
  });
  it('tolerates junk, deep nesting and cycles', () => {
    const n: Record<string, unknown> = { fact: 'a' };
    n.not = n;
    expect(listConditionFacts(n, '').length).toBeLessThanOrEqual(MAX_CONDITION_DEPTH);
    expect(listConditionFacts('junk', '')).toEqual([]);
  });
});
