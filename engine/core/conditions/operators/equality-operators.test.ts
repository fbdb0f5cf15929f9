import { describe, expect, it } from 'vitest';
import { OPERATOR_REGISTRY } from './operator.registry';

const { equal, notEqual, in: inOp, notIn, contains, doesNotContain } = OPERATOR_REGISTRY;

describe('equal / notEqual (strict, as json-rules-engine)', () => {
  it('compares with === and no coercion', () => {
    expect(equal.evaluate('5', 5)).toBe(false);
    expect(equal.evaluate(5, 5)).toBe(true);
    expect(equal.evaluate(0, -0)).toBe(true);
    expect(equal.evaluate(Number.NaN, Number.NaN)).toBe(false);
    expect(equal.evaluate(null, null)).toBe(true);
    expect(equal.evaluate(undefined, null)).toBe(false);
    expect(equal.prepare('SaaS')('saas')).toBe(false);
    expect(equal.prepare(true)(true)).toBe(true);
  });
  it('treats a missing fact as unequal to every value', () => {
    expect(notEqual.prepare('x')(undefined)).toBe(true);
    expect(notEqual.prepare(null)(undefined)).toBe(true);
    expect(notEqual.prepare(1)(1)).toBe(false);
  });
  it('accepts only scalar literals', () => {
    expect(equal.checkValue('a')).toBeUndefined();
    expect(equal.checkValue(null)).toBeUndefined();
    expect(equal.checkValue(['a'])?.code).toBe('CONDITION_BAD_VALUE');
    expect(equal.checkValue({})?.code).toBe('CONDITION_BAD_VALUE');
    expect(equal.checkValue(Number.POSITIVE_INFINITY)?.code).toBe('CONDITION_BAD_VALUE');
    expect(equal.checkValue('x'.repeat(1001))?.code).toBe('CONDITION_BAD_VALUE');
  });
});

describe('in / notIn', () => {
  it('tests membership with strict equality', () => {
    const test = inOp.prepare(['a', 1, null]);
    expect(test('a')).toBe(true);
    expect(test('1')).toBe(false);
    expect(test(null)).toBe(true);
    expect(test(undefined)).toBe(false);
    expect(notIn.prepare(['a', 1])(undefined)).toBe(true);
    expect(notIn.prepare(['a', 1])(1)).toBe(false);
    expect(inOp.prepare([])('a')).toBe(false);
    expect(notIn.prepare([])('a')).toBe(true);
  });
  it('gives the same answers for long lists (set lookup) as for short ones', () => {
    const long = Array.from({ length: 20 }, (_, i) => (i % 2 ? i : `v${i}`));
    for (const probe of [0, 1, 'v0', 'v1', 19, '19', Number.NaN, -0, null, undefined]) {
      expect(inOp.prepare(long)(probe)).toBe(long.indexOf(probe as never) > -1);
      expect(notIn.prepare(long)(probe)).toBe(long.indexOf(probe as never) === -1);
    }
    expect(inOp.prepare([0, ...long])(-0)).toBe(true);
  });
  it('searches text values as json-rules-engine does (value.indexOf(fact))', () => {
    expect(inOp.evaluate('aa', 'baab')).toBe(true);
    expect(inOp.evaluate(1, 'a1')).toBe(true);
    expect(notIn.evaluate('z', 'baab')).toBe(true);
  });
  it('answers false both ways when the referenced value is neither a list nor text', () => {
    for (const v of [undefined, null, 3, true, { a: 1 }]) {
      expect(inOp.evaluate('a', v)).toBe(false);
      expect(notIn.evaluate('a', v)).toBe(false);
    }
  });
  it('requires a list of scalars as a literal', () => {
    expect(inOp.checkValue(['a', 2, true, null])).toBeUndefined();
    expect(inOp.checkValue('a')?.code).toBe('CONDITION_BAD_VALUE');
    expect(notIn.checkValue(['a', ['b']])).toMatchObject({ code: 'CONDITION_BAD_VALUE', pointer: '/1' });
    expect(inOp.checkValue(Array.from({ length: 1001 }, () => 1))?.code).toBe('CONDITION_BAD_VALUE');
  });
});

describe('contains / doesNotContain', () => {
  it('needs the fact to be a list', () => {
    expect(contains.prepare('vip')(['vip', 'new'])).toBe(true);
    expect(contains.prepare('vip')('vip')).toBe(false);
    expect(contains.prepare('vip')(undefined)).toBe(false);
    expect(doesNotContain.prepare('vip')(['new'])).toBe(true);
    expect(doesNotContain.prepare('vip')(undefined)).toBe(false);
    expect(doesNotContain.prepare('vip')('other')).toBe(false);
  });
  it('uses strict equality inside the list', () => {
    expect(contains.prepare(1)(['1'])).toBe(false);
    expect(contains.evaluate([Number.NaN], Number.NaN)).toBe(false);
    expect(contains.evaluate(['saas', 'edu'], 'edu')).toBe(true);
  });
});
