import type { Condition, LeafCondition } from './condition.schema';
import { checkCondition, isFactRef } from './condition-check';
import { groupSummary, leafSummary, notSummary, type ConditionExplanation } from './condition-explanation';
import { problemToError } from './condition-problem';
import type { FactContext } from './fact-context';
import { parseFactName, type FactSource } from './fact-name';
import { parseFactPath } from './fact-path';
import { compileFactReader, type FactReader } from './fact-reader';
import { leafTest, type Test } from './leaf-test';
import { getOperator } from './operators/operator.registry';
import type { OperatorDefinition } from './operators/operator-definition';

/** A condition turned into plain closures, once; `test` is the hot path, `explain` feeds decision traces. */
export interface CompiledCondition {
  test(ctx: FactContext): boolean;
  explain(ctx: FactContext): ConditionExplanation;
}

type Explain = (ctx: FactContext) => ConditionExplanation;
interface Built {
  test: Test;
  explain: Explain;
}

/**
 * Compiles a condition (json-rules-engine format) into closures with json-rules-engine 7 semantics
 * (`all: []` and `any: []` are both true, as there). Throws a CoreError with a stable code and a JSON pointer
 * inside the condition for anything checkCondition reports.
 */
export function compileCondition(cond: Condition): CompiledCondition {
  const first = checkCondition(cond, '')[0];
  if (first) throw problemToError(first);
  const built = build(cond);
  return { test: built.test, explain: built.explain };
}

function build(cond: Condition): Built {
  if (Object.hasOwn(cond, 'all')) return buildGroup('all', (cond as { all: Condition[] }).all.map(build));
  if (Object.hasOwn(cond, 'any')) return buildGroup('any', (cond as { any: Condition[] }).any.map(build));
  if (Object.hasOwn(cond, 'not')) return buildNot(build((cond as { not: Condition }).not));
  return buildLeaf(cond as LeafCondition);
}

const always: Test = () => true;

function allOf(tests: Test[]): Test {
  const [a, b, c] = tests;
  if (!a) return always;
  if (!b) return a;
  if (!c) return (ctx) => a(ctx) && b(ctx);
  if (tests.length === 3) return (ctx) => a(ctx) && b(ctx) && c(ctx);
  return (ctx) => {
    for (let i = 0; i < tests.length; i++) if (!(tests[i] as Test)(ctx)) return false;
    return true;
  };
}

function anyOf(tests: Test[]): Test {
  const [a, b, c] = tests;
  if (!a) return always; // json-rules-engine: an empty `any` passes
  if (!b) return a;
  if (!c) return (ctx) => a(ctx) || b(ctx);
  if (tests.length === 3) return (ctx) => a(ctx) || b(ctx) || c(ctx);
  return (ctx) => {
    for (let i = 0; i < tests.length; i++) if ((tests[i] as Test)(ctx)) return true;
    return false;
  };
}

function buildGroup(kind: 'all' | 'any', children: Built[]): Built {
  const tests = children.map((c) => c.test);
  const explains = children.map((c) => c.explain);
  return {
    test: kind === 'all' ? allOf(tests) : anyOf(tests),
    explain: (ctx) => {
      const parts = explains.map((e) => e(ctx));
      const result = parts.length === 0 || (kind === 'all' ? parts.every((p) => p.result) : parts.some((p) => p.result));
      return { kind, result, summary: groupSummary(kind, parts, result), children: parts };
    },
  };
}

function buildNot(child: Built): Built {
  const inner = child.test;
  return {
    test: (ctx) => !inner(ctx),
    explain: (ctx) => {
      const part = child.explain(ctx);
      const result = !part.result;
      return { kind: 'not', result, summary: notSummary(part, result), child: part };
    },
  };
}

interface ParsedFact {
  source: FactSource;
  steps: readonly string[] | null;
  read: FactReader;
}

function parsedFact(fact: unknown, path: unknown): ParsedFact {
  const name = parseFactName(fact);
  const steps = path === undefined ? { ok: true as const, steps: null } : parseFactPath(path);
  // checkCondition has accepted both; these guards only keep the types honest.
  if (!name.ok || !steps.ok) throw new Error('unreachable: condition was checked');
  return { source: name.source, steps: steps.steps, read: compileFactReader(name.source, steps.steps) };
}

function reader(fact: unknown, path: unknown): FactReader {
  return parsedFact(fact, path).read;
}

function buildLeaf(leaf: LeafCondition): Built {
  const op = getOperator(leaf.operator) as OperatorDefinition;
  const parsed = parsedFact(leaf.fact, leaf.path);
  const readFact = parsed.read;
  const fact = leaf.fact;
  const path = leaf.path || undefined;
  if (isFactRef(leaf.value)) {
    const ref = { fact: leaf.value.fact as string, ...(leaf.value.path ? { path: leaf.value.path as string } : {}) };
    const readValue = reader(ref.fact, leaf.value.path);
    const evaluate = op.evaluate;
    return {
      test: (ctx) => evaluate(readFact(ctx), readValue(ctx)),
      explain: (ctx) => {
        const factValue = readFact(ctx);
        const valueResult = readValue(ctx);
        const result = evaluate(factValue, valueResult);
        const summary = leafSummary({ fact, path, op, value: ref, ref, factValue, valueResult, result });
        return { kind: 'leaf', fact, ...(path ? { path } : {}), operator: op.name, value: { ...ref }, valueResult, factValue, result, summary };
      },
    };
  }
  const value = Array.isArray(leaf.value) ? leaf.value.slice() : leaf.value;
  const check = op.prepare(value);
  return {
    test: leafTest(parsed.source, parsed.steps, readFact, check),
    explain: (ctx) => {
      const factValue = readFact(ctx);
      const result = check(factValue);
      const summary = leafSummary({ fact, path, op, value, factValue, valueResult: undefined, result });
      return { kind: 'leaf', fact, ...(path ? { path } : {}), operator: op.name, value: Array.isArray(value) ? value.slice() : value, factValue, result, summary };
    },
  };
}
