import { describe, expect, it } from 'vitest';
import { parseFactPath, selectPath } from './fact-path';

const steps = (p: string) => {
  const r = parseFactPath(p);
  if (!r.ok) throw new Error(r.code);
  return r.steps;
};

describe('parseFactPath', () => {
  it('accepts $, .name and [index] steps; an empty path is no path', () => {
    expect(steps('')).toBeNull();
    expect(steps('$')).toEqual([]);
    expect(steps('$.winRateByIndustry.saas')).toEqual(['winRateByIndustry', 'saas']);
    expect(steps('$.tags[0]')).toEqual(['tags', '0']);
    expect(steps('$[1].名称.x-y')).toEqual(['1', '名称', 'x-y']);
    expect(steps('$.0')).toEqual(['0']);
  });
  it('refuses other JSONPath features and junk with CONDITION_BAD_PATH', () => {
    for (const bad of ['a.b', '$..a', '$.*', '$[*]', '$[?(@.a)]', "$['a']", '$.a[-1]', '$.a.', '$[0:2]', '$.a b', '$$', 5, null]) {
      const r = parseFactPath(bad);
      expect(r.ok ? 'ok' : r.code, String(bad)).toBe('CONDITION_BAD_PATH');
    }
    const long = parseFactPath(`$${'.a'.repeat(100)}`);
    expect(long.ok ? 'ok' : long.code).toBe('CONDITION_BAD_PATH');
  });
  it('refuses prototype keys with CONDITION_FORBIDDEN_KEY', () => {
    for (const bad of ['$.__proto__', '$.a.constructor', '$.prototype', '$.constructor.prototype']) {
      const r = parseFactPath(bad);
      expect(r.ok ? 'ok' : r.code, bad).toBe('CONDITION_FORBIDDEN_KEY');
    }
  });
});

describe('selectPath (jsonpath-plus semantics)', () => {
  it('follows own properties of objects and arrays', () => {
    expect(selectPath({ a: { b: 0 } }, ['a', 'b'])).toBe(0);
    expect(selectPath({ a: [5, 6] }, ['a', '1'])).toBe(6);
    expect(selectPath({ a: [5] }, ['a', 'length'])).toBe(1);
    expect(selectPath({ a: { x: 1 } }, [])).toEqual({ a: { x: 1 } });
  });
  it('gives undefined for a missing step, an inherited property or a falsy holder', () => {
    expect(selectPath({ a: 1 }, ['b'])).toBeUndefined();
    expect(selectPath({ a: {} }, ['a', 'toString'])).toBeUndefined();
    expect(selectPath({ a: null }, ['a', 'b'])).toBeUndefined();
    expect(selectPath({ a: '' }, ['a', 'length'])).toBeUndefined();
    expect(selectPath({ a: 0 }, ['a', 'x'])).toBeUndefined();
    expect(selectPath({ a: [5] }, ['a', '01'])).toBeUndefined();
  });
  it('reads own properties of non-empty text inside an object', () => {
    expect(selectPath({ a: 'abc' }, ['a', 'length'])).toBe(3);
    expect(selectPath({ a: 'abc' }, ['a', '1'])).toBe('b');
  });
  it('returns a non-object fact value unchanged, as json-rules-engine does', () => {
    expect(selectPath('abc', ['length'])).toBe('abc');
    expect(selectPath(5, ['a'])).toBe(5);
    expect(selectPath(undefined, ['a'])).toBeUndefined();
    expect(selectPath(null, ['a'])).toBeNull();
  });
});
