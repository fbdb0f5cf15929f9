/**
 * json-rules-engine as the reference and baseline for Allot's compiled conditions.
 *
 * - `addAllotOperators(engine)` registers Allot's extra operators (between, startsWith, endsWith, matches,
 *   exists) as json-rules-engine custom operators, written here independently of engine/core so the
 *   differential test compares two implementations.
 * - `referenceFact(name, ctx)` resolves Allot fact names the documented way (bare / `customer.` fields,
 *   `attributes.<key>`, `rep.<field>`, `load.<field>`, derived day counts); json-rules-engine itself then
 *   applies `path` (jsonpath-plus) and resolves `{ fact, path }` values.
 * - `makeJreEngineFor(conditions)` builds one Engine with one rule per condition (rule name = index), for the
 *   engine benchmark's baseline and the differential test: `await baseline.run(ctx)` → one boolean per condition.
 */
import { Engine, Operator, type TopLevelCondition } from 'json-rules-engine';
import type { Condition } from '../core/conditions/condition.schema';
import type { FactContext } from '../core/conditions/fact-context';

/** json-rules-engine 7's own number check for lessThan & co (engine-default-operators.js), verbatim. */
function numberValidator(factValue: unknown): boolean {
  return Number.parseFloat(factValue as string).toString() !== 'NaN';
}

const regexCache = new Map<string, RegExp>();
function regexFor(value: unknown): RegExp {
  const [pattern, flags] = Array.isArray(value) ? [String(value[0]), String(value[1] ?? '')] : [String(value), ''];
  const key = `${flags}/${pattern}`;
  let re = regexCache.get(key);
  if (!re) {
    re = new RegExp(pattern, flags);
    regexCache.set(key, re);
  }
  return re;
}

/** Allot's extra operators with the semantics documented in engine/core/conditions/operators. */
export function addAllotOperators(engine: Engine): Engine {
  engine.addOperator(
    new Operator<unknown, [number, number]>(
      'between',
      (a, b) => (a as number) >= b[0] && (a as number) <= b[1],
      numberValidator,
    ),
  );
  engine.addOperator('startsWith', (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && a.startsWith(b));
  engine.addOperator('endsWith', (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && a.endsWith(b));
  engine.addOperator('matches', (a: unknown, b: unknown) => typeof a === 'string' && regexFor(b).test(a));
  engine.addOperator('exists', (a: unknown, b: unknown) => (b ? a !== undefined && a !== null : a === undefined || a === null));
  return engine;
}

const DAY = 86_400_000;
const DERIVED: Record<string, string> = {
  daysSinceCreated: 'createdAt',
  daysSinceAssigned: 'assignedAt',
  daysSinceLastFollowUp: 'lastFollowUpAt',
};

function own(holder: unknown, key: string): unknown {
  if (holder === null || typeof holder !== 'object') return undefined;
  return Object.prototype.hasOwnProperty.call(holder, key) ? (holder as Record<string, unknown>)[key] : undefined;
}

function customerFact(field: string, ctx: FactContext): unknown {
  const dateField = Object.prototype.hasOwnProperty.call(DERIVED, field) ? DERIVED[field] : undefined;
  if (dateField === undefined) return own(ctx.customer, field);
  const date = own(ctx.customer, dateField);
  return typeof date === 'number' && Number.isFinite(date) ? Math.floor((ctx.now - date) / DAY) : undefined;
}

/** The value of an Allot fact name in a context, as documented (no path applied). */
export function referenceFact(name: string, ctx: FactContext): unknown {
  const dot = name.indexOf('.');
  if (dot < 0) return customerFact(name, ctx);
  const head = name.slice(0, dot);
  const rest = name.slice(dot + 1);
  switch (head) {
    case 'customer':
      return customerFact(rest, ctx);
    case 'attributes':
      return own(own(ctx.customer, 'attributes'), rest);
    case 'rep':
      return own(ctx.rep, rest);
    case 'load':
      return own(ctx.load, rest);
    default:
      return undefined;
  }
}

/** Fact names a condition uses, leaf facts and fact references alike. */
export function factNamesOf(cond: Condition, into: Set<string> = new Set()): Set<string> {
  if ('all' in cond) cond.all.forEach((c) => factNamesOf(c, into));
  else if ('any' in cond) cond.any.forEach((c) => factNamesOf(c, into));
  else if ('not' in cond) factNamesOf(cond.not, into);
  else {
    into.add(cond.fact);
    const v = cond.value;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && typeof v.fact === 'string') into.add(v.fact);
  }
  return into;
}

export interface JreBaseline {
  engine: Engine;
  factNames: readonly string[];
  /** the runtime facts for one context: every used fact name → its value (missing facts left out) */
  factsFor(ctx: FactContext): Record<string, unknown>;
  /** runs every rule once for the context; result[i] is condition i's outcome */
  run(ctx: FactContext): Promise<boolean[]>;
}

/** json-rules-engine's rule root must be a group, so a bare leaf is wrapped in `all` (same result). */
function asRuleRoot(cond: Condition): Condition {
  return 'all' in cond || 'any' in cond || 'not' in cond ? cond : { all: [cond] };
}

/** An Engine (allowUndefinedFacts) with Allot's operators and one rule per condition, named by its index. */
export function makeJreEngineFor(conditions: Condition[]): JreBaseline {
  const engine = addAllotOperators(new Engine([], { allowUndefinedFacts: true }));
  const names = new Set<string>();
  conditions.forEach((cond, i) => {
    factNamesOf(cond, names);
    engine.addRule({ name: String(i), conditions: asRuleRoot(cond) as TopLevelCondition, event: { type: `condition-${i}` } });
  });
  const factNames = [...names];
  const factsFor = (ctx: FactContext): Record<string, unknown> => {
    const facts: Record<string, unknown> = {};
    for (const name of factNames) {
      const v = referenceFact(name, ctx);
      if (v !== undefined) facts[name] = v;
    }
    return facts;
  };
  return {
    engine,
    factNames,
    factsFor,
    async run(ctx) {
      const { results, failureResults } = await engine.run(factsFor(ctx));
      const out = new Array<boolean>(conditions.length).fill(false);
      for (const r of results) out[Number(r.name)] = r.result;
      for (const r of failureResults) out[Number(r.name)] = false;
      return out;
    },
  };
}
