import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OPERATORS, type OperatorName } from '../condition.schema';
import { getOperator, OPERATOR_LIST, OPERATOR_REGISTRY, operatorsFor } from './operator.registry';

/** A valid literal value for each operator, to check prepare against evaluate. */
const LITERALS: Record<OperatorName, fc.Arbitrary<unknown>> = {
  equal: fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
  notEqual: fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
  in: fc.array(fc.oneof(fc.constantFrom('a', 'b'), fc.integer({ min: 0, max: 3 })), { maxLength: 12 }),
  notIn: fc.array(fc.oneof(fc.constantFrom('a', 'b'), fc.integer({ min: 0, max: 3 })), { maxLength: 12 }),
  contains: fc.constantFrom('a', 1, null),
  doesNotContain: fc.constantFrom('a', 1, null),
  lessThan: fc.integer({ min: -3, max: 3 }),
  lessThanInclusive: fc.integer({ min: -3, max: 3 }),
  greaterThan: fc.integer({ min: -3, max: 3 }),
  greaterThanInclusive: fc.integer({ min: -3, max: 3 }),
  between: fc.tuple(fc.integer({ min: -3, max: 0 }), fc.integer({ min: 0, max: 3 })),
  startsWith: fc.constantFrom('', 'a', 'ab'),
  endsWith: fc.constantFrom('', 'b', 'ab'),
  matches: fc.constantFrom('^a', ['b$', 'i'], '\\d'),
  exists: fc.boolean(),
};
const facts = fc.oneof(
  fc.constantFrom(undefined, null, Number.NaN, 'a', 'ab', 'B', '2', 2, -1, 0, true, [], ['a'], [1, 'a'], { a: 1 }),
  fc.string({ maxLength: 4 }),
  fc.integer({ min: -4, max: 4 }),
);

describe('operator registry', () => {
  it('registers every operator name once, under its own name', () => {
    expect(Object.keys(OPERATOR_REGISTRY).sort()).toEqual([...OPERATORS].sort());
    for (const name of OPERATORS) expect(OPERATOR_REGISTRY[name].name).toBe(name);
    expect(OPERATOR_LIST).toHaveLength(OPERATORS.length);
  });
  it('labels every operator in both languages and says which field types it fits', () => {
    for (const op of OPERATOR_LIST) {
      expect(op.labels['zh-CN'].length).toBeGreaterThan(0);
      expect(op.labels.en.length).toBeGreaterThan(0);
      expect(op.fits.length).toBeGreaterThan(0);
    }
  });
  it('looks names up as own keys only', () => {
    expect(getOperator('between')?.name).toBe('between');
    for (const junk of ['constructor', '__proto__', 'toString', 'EQUAL', 3, undefined]) expect(getOperator(junk)).toBeUndefined();
  });
  it('offers operators per field type', () => {
    const names = (t: Parameters<typeof operatorsFor>[0]) => operatorsFor(t).map((o) => o.name);
    expect(names('stringArray')).toEqual(expect.arrayContaining(['contains', 'doesNotContain', 'exists']));
    expect(names('stringArray')).not.toContain('lessThan');
    expect(names('number')).toEqual(expect.arrayContaining(['between', 'greaterThan', 'in', 'equal']));
    expect(names('number')).not.toContain('matches');
    expect(names('string')).toEqual(expect.arrayContaining(['matches', 'startsWith', 'in']));
    expect(names('date')).toEqual(expect.arrayContaining(['between', 'lessThan', 'exists']));
    expect(names('any')).toHaveLength(OPERATORS.length);
  });
  it('prepare(value) always agrees with evaluate(fact, value)', () => {
    for (const name of OPERATORS) {
      const op = OPERATOR_REGISTRY[name];
      fc.assert(
        fc.property(LITERALS[name], facts, (value, fact) => {
          expect(op.checkValue(value)).toBeUndefined();
          expect(op.prepare(value)(fact)).toBe(op.evaluate(fact, value));
        }),
        { numRuns: 300 },
      );
    }
  });
});
