/**
 * Differential property test: the compiled evaluator and json-rules-engine 7 (the reference) agree on random
 * conditions and random, often malformed, contexts. Replay a failure with FC_SEED=<seed> (and FC_PATH=<path>);
 * FC_RUNS=<n> runs longer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeJreEngineFor } from '../../bench/conditions-baseline';
import type { Condition, LeafCondition, OperatorName } from './condition.schema';
import { compileCondition } from './condition-compiler';
import type { ConditionExplanation } from './condition-explanation';
import type { FactContext } from './fact-context';
import { CustomerSchema } from '../model/customer.schema';

const NOW = 1_750_000_000_000;
const DAY = 86_400_000;

const FACTS = [
  'industry', 'customer.industry', 'province', 'estimatedValue', 'customer.estimatedValue', 'score', 'tags',
  'customer.tags', 'grade', 'name', 'extra', 'attributes', 'attributes.vip', 'attributes.level', 'attributes.城市',
  'rep.industries', 'rep.regions', 'rep.level', 'rep.name', 'rep.stats', 'load.openCount', 'load.todayCount',
  'daysSinceCreated', 'customer.daysSinceAssigned', 'daysSinceLastFollowUp',
];
const PATHS = ['', '$', '$.a', '$.a.b', '$.0', '$[0]', '$.a[1]', '$.length', '$.x-y', '$.名称', '$.b.length', '$[1].a', '$[0].length', '$.0.1', '$.a.length', '$[01]'];
const KEYS = ['a', 'b', '0', '1', 'length', 'x-y', '名称'];

// ---- values: a small shared domain so that comparisons often hit -------------------------------------------
const hotText = fc.constantFrom('a', 'ab', 'ba', 'saas', '12', '');
const text = fc.oneof(
  { weight: 2, arbitrary: hotText },
  { weight: 1, arbitrary: fc.constantFrom('b', 'SaaS', '北京', '3.5', '1e3', '12abc', ' 7', '-1', 'Infinity', 'NaN', 'null', 'true', 'a,b', 'foo', 'barfoo') },
);
const finite = fc.oneof(fc.integer({ min: -5, max: 20 }), fc.constantFrom(0, -0, 0.5, 3.5, -7.25, 1e21, Number.MAX_SAFE_INTEGER));
const hot = fc.constantFrom<unknown>('a', 'ab', 'saas', '12', 3, 0, 12, true, null);
const scalar = fc.oneof({ weight: 2, arbitrary: hot }, { weight: 1, arbitrary: fc.oneof(text, finite, fc.boolean(), fc.constant(null)) });
const factScalar = fc.oneof({ weight: 6, arbitrary: scalar }, { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, undefined) });
const { junk } = fc.letrec((tie) => ({
  junk: fc.oneof(
    { maxDepth: 3, depthSize: 'small' },
    { weight: 5, arbitrary: factScalar },
    { weight: 3, arbitrary: fc.array(factScalar, { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...KEYS), tie('junk'), { maxKeys: 3, noNullPrototype: true }) },
    { weight: 1, arbitrary: fc.array(tie('junk'), { maxLength: 3 }) },
  ),
}));
const listish = fc.oneof({ weight: 3, arbitrary: fc.array(hot, { maxLength: 4 }) }, { weight: 1, arbitrary: junk });
const date = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: NOW - 40 * DAY, max: NOW + 2 * DAY }) }, { weight: 1, arbitrary: junk });

const customer = fc.record(
  {
    industry: junk, province: junk, estimatedValue: junk, score: junk, tags: listish, grade: junk, name: junk,
    extra: junk, createdAt: date, assignedAt: date, lastFollowUpAt: date,
    attributes: fc.oneof(
      { weight: 4, arbitrary: fc.record({ vip: junk, level: junk, 城市: junk }, { requiredKeys: [], noNullPrototype: true }) },
      { weight: 1, arbitrary: junk },
    ),
  },
  { requiredKeys: [], noNullPrototype: true },
);
const rep = fc.record({ industries: listish, regions: listish, level: junk, name: junk, stats: junk }, { requiredKeys: [], noNullPrototype: true });
const load = fc.record({ openCount: junk, todayCount: junk }, { requiredKeys: [], noNullPrototype: true });
const context = fc.record({ customer, rep: fc.option(rep, { nil: undefined }), load: fc.option(load, { nil: undefined }) }, { noNullPrototype: true }).map(
  (c) => ({ ...c, now: NOW }) as unknown as FactContext,
);

// ---- conditions ---------------------------------------------------------------------------------------------
const path = fc.oneof(fc.constantFrom(...PATHS), fc.constant(''));
const factRef = fc.record({ fact: fc.constantFrom(...FACTS), path }, { requiredKeys: ['fact'], noNullPrototype: true });
const orRef = <T,>(literal: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: literal }, { weight: 1, arbitrary: factRef });
const PATTERNS = ['^a', 'b$', '^\\d+$', '北', '(foo|bar)+', 'a.c', '^[a-z]+$', '\\d{2}', 'SAAS', '^(a|b)*$'];
const VALUES: Record<OperatorName, fc.Arbitrary<unknown>> = {
  equal: orRef(scalar),
  notEqual: orRef(scalar),
  in: orRef(fc.array(scalar, { maxLength: 12 })),
  notIn: orRef(fc.array(scalar, { maxLength: 12 })),
  contains: orRef(scalar),
  doesNotContain: orRef(scalar),
  lessThan: orRef(finite),
  lessThanInclusive: orRef(finite),
  greaterThan: orRef(finite),
  greaterThanInclusive: orRef(finite),
  between: fc.tuple(finite, finite).map(([a, b]) => (a <= b ? [a, b] : [b, a])),
  startsWith: orRef(text),
  endsWith: orRef(text),
  matches: fc.oneof(fc.constantFrom(...PATTERNS), fc.tuple(fc.constantFrom(...PATTERNS), fc.constantFrom('', 'i'))),
  exists: fc.boolean(),
};
/** Facts of the kind an operator is meant for, picked half the time so every operator sees both outcomes. */
const FAVOURED_FACTS: Partial<Record<OperatorName, string[]>> = {
  contains: ['tags', 'customer.tags', 'rep.industries', 'rep.regions'],
  doesNotContain: ['tags', 'customer.tags', 'rep.industries', 'rep.regions'],
  startsWith: ['industry', 'name', 'grade', 'attributes.城市'],
  endsWith: ['industry', 'name', 'grade', 'attributes.城市'],
  matches: ['industry', 'name', 'grade', 'attributes.城市'],
};
const leaf: fc.Arbitrary<Condition> = fc
  .constantFrom(...(Object.keys(VALUES) as OperatorName[]))
  .chain((operator) =>
    fc.record(
      {
        fact: fc.oneof(fc.constantFrom(...FACTS), fc.constantFrom(...(FAVOURED_FACTS[operator] ?? FACTS))),
        operator: fc.constant(operator), value: VALUES[operator], path },
      { requiredKeys: ['fact', 'operator', 'value'], noNullPrototype: true },
    ),
  ) as fc.Arbitrary<Condition>;
const { condition } = fc.letrec((tie) => ({
  condition: fc.oneof(
    { maxDepth: 4, depthSize: 'small' },
    { weight: 4, arbitrary: leaf },
    { weight: 1, arbitrary: fc.record({ all: fc.array(tie('condition'), { maxLength: 4 }) }, { noNullPrototype: true }) },
    { weight: 1, arbitrary: fc.record({ any: fc.array(tie('condition'), { maxLength: 4 }) }, { noNullPrototype: true }) },
    { weight: 1, arbitrary: fc.record({ not: tie('condition') }, { noNullPrototype: true }) },
  ) as fc.Arbitrary<Condition>,
}));

/** json-rules-engine throws (reading `indexOf` of a non-list) where an in/notIn fact reference is neither list nor text. */
function hasRefMembership(cond: Condition): boolean {
  if ('all' in cond) return cond.all.some(hasRefMembership);
  if ('any' in cond) return cond.any.some(hasRefMembership);
  if ('not' in cond) return hasRefMembership(cond.not);
  const l = cond as LeafCondition;
  return (l.operator === 'in' || l.operator === 'notIn') && l.value !== null && typeof l.value === 'object' && !Array.isArray(l.value);
}

/**
 * The same context with the customer as the interpreter's working copy holds it (every Customer schema field an own
 * property, undefined when absent; other own fields kept) and `shaped: true`, which lets compiled conditions skip
 * their own-property checks on schema fields.
 */
function shapedVariant(ctx: FactContext): FactContext {
  const c = ctx.customer as unknown as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const k of Object.keys(CustomerSchema.properties)) copy[k] = Object.hasOwn(c, k) ? c[k] : undefined;
  for (const k of Object.keys(c)) if (!Object.hasOwn(copy, k)) copy[k] = c[k];
  return { ...ctx, customer: copy as unknown as FactContext['customer'], shaped: true };
}

/** Tallies leaf outcomes per operator, to show the generator exercises both outcomes of every operator. */
function tally(e: ConditionExplanation, into: Map<string, [number, number]>): void {
  if (e.kind === 'leaf') {
    const t = into.get(e.operator) ?? [0, 0];
    t[e.result ? 0 : 1]++;
    into.set(e.operator, t);
  } else if (e.kind === 'not') tally(e.child, into);
  else e.children.forEach((c) => tally(c, into));
}

describe('compiled conditions agree with json-rules-engine 7', () => {
  it('on at least 10,000 random conditions × contexts', async () => {
    let compared = 0;
    let skipped = 0;
    let passed = 0;
    const outcomes = new Map<string, [number, number]>();
    const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
    await fc.assert(
      fc.asyncProperty(condition, fc.array(context, { minLength: 1, maxLength: 3 }), async (cond, contexts) => {
        const compiled = compileCondition(cond);
        const reference = makeJreEngineFor([cond]);
        for (const ctx of contexts) {
          const mine = compiled.test(ctx);
          const explanation = compiled.explain(ctx);
          expect(explanation.result).toBe(mine);
          expect(compiled.test(shapedVariant(ctx))).toBe(mine);
          tally(explanation, outcomes);
          let theirs: boolean | undefined;
          try {
            theirs = (await reference.run(ctx))[0];
          } catch (e) {
            // Outside json-rules-engine's domain: only an in/notIn reference to a non-list may get here.
            expect(hasRefMembership(cond), String(e)).toBe(true);
            expect(String(e)).toMatch(/indexOf/);
            skipped++;
            continue;
          }
          expect(mine).toBe(theirs);
          compared++;
          if (mine) passed++;
        }
      }),
      { numRuns: Math.max(10_000, Number(process.env.FC_RUNS ?? 0)), ...(seed === undefined ? {} : { seed, path: process.env.FC_PATH }) },
    );
    console.log(`differential: ${compared} cases compared (${passed} true), ${skipped} outside json-rules-engine's domain`);
    console.log([...outcomes].map(([op, [t, f]]) => `${op} ${t}/${f}`).join(', '));
    expect(passed).toBeGreaterThan(compared / 10);
    expect(compared - passed).toBeGreaterThan(compared / 10);
    for (const op of Object.keys(VALUES)) {
      const [t, f] = outcomes.get(op) ?? [0, 0];
      expect(t > 20 && f > 20, `${op}: ${t} true / ${f} false leaves`).toBe(true);
    }
    expect(compared).toBeGreaterThanOrEqual(10_000);
    expect(skipped).toBeLessThan(compared / 10);
  }, 120_000);
});
