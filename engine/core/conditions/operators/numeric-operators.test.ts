import { describe, expect, it } from 'vitest';
import { OPERATOR_REGISTRY } from './operator.registry';

const { lessThan, lessThanInclusive, greaterThan, greaterThanInclusive, between } = OPERATOR_REGISTRY;

describe('lessThan & co (json-rules-engine number semantics)', () => {
  it('compares numbers, inclusive or not', () => {
    expect(lessThan.prepare(10)(9)).toBe(true);
    expect(lessThan.prepare(10)(10)).toBe(false);
    expect(lessThanInclusive.prepare(10)(10)).toBe(true);
    expect(greaterThan.prepare(10)(10)).toBe(false);
    expect(greaterThanInclusive.prepare(10)(10)).toBe(true);
    expect(greaterThan.prepare(-1)(-0.5)).toBe(true);
  });
  it('is false for facts that do not parse as numbers', () => {
    for (const fact of [undefined, null, true, false, 'abc', '', {}, [], Number.NaN]) {
      expect(lessThan.prepare(100)(fact)).toBe(false);
      expect(greaterThanInclusive.prepare(-100)(fact)).toBe(false);
    }
  });
  it('lets numeric-looking facts through, then compares as JavaScript does', () => {
    // json-rules-engine checks Number.parseFloat(fact) and then applies `<` to the raw fact.
    expect(greaterThan.prepare(10)('12')).toBe(true);
    expect(lessThan.prepare(10)('12')).toBe(false);
    expect(lessThan.prepare(10)('3px')).toBe(false); // passes the check, but '3px' < 10 is NaN < 10
    expect(lessThan.prepare(10)([5])).toBe(true);
    expect(lessThan.prepare(10)([5, 6])).toBe(false);
    expect(greaterThan.prepare(0)(Number.POSITIVE_INFINITY)).toBe(true);
    expect(lessThan.prepare(0)('-Infinity')).toBe(true);
  });
  it('survives facts that cannot become primitives', () => {
    expect(lessThan.prepare(1)(Object.create(null))).toBe(false);
    expect(lessThan.evaluate(1, Object.create(null))).toBe(false);
  });
  it('evaluate (fact references) matches prepare (literals)', () => {
    for (const op of [lessThan, lessThanInclusive, greaterThan, greaterThanInclusive]) {
      for (const fact of [1, 2, '2', 'x', null, [2], undefined]) {
        expect(op.evaluate(fact, 2)).toBe(op.prepare(2)(fact));
      }
    }
    expect(lessThan.evaluate(1, '2')).toBe(true); // a referenced text value is coerced, as in json-rules-engine
  });
  it('accepts only finite numbers as literals', () => {
    expect(lessThan.checkValue(3)).toBeUndefined();
    expect(lessThan.checkValue('3')?.code).toBe('CONDITION_BAD_VALUE');
    expect(lessThan.checkValue(Number.NaN)?.code).toBe('CONDITION_BAD_VALUE');
    expect(greaterThan.checkValue(null)?.code).toBe('CONDITION_BAD_VALUE');
  });
});

describe('between', () => {
  it('is inclusive at both ends', () => {
    const test = between.prepare([60, 80]);
    expect([59, 60, 70, 80, 81].map(test)).toEqual([false, true, true, true, false]);
    expect(between.prepare([5, 5])(5)).toBe(true);
  });
  it('is exactly greaterThanInclusive min and lessThanInclusive max', () => {
    for (const fact of [1, '7', '7px', [7], 'x', null, undefined, true, Number.NaN, 10, 11]) {
      const expected = greaterThanInclusive.prepare(5)(fact) && lessThanInclusive.prepare(10)(fact);
      expect(between.prepare([5, 10])(fact)).toBe(expected);
      expect(between.evaluate(fact, [5, 10])).toBe(expected);
    }
  });
  it('rejects anything but [min, max] with min ≤ max', () => {
    expect(between.checkValue([1, 2])).toBeUndefined();
    for (const bad of [[2, 1], [1], [1, 2, 3], ['1', 2], [1, Number.POSITIVE_INFINITY], 5, null, { min: 1, max: 2 }]) {
      expect(between.checkValue(bad)?.code).toBe('CONDITION_BAD_BETWEEN');
    }
    expect(between.evaluate(5, [10, 1])).toBe(false);
  });
});
