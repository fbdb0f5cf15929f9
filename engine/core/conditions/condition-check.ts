import { text } from '../common/localized';
import { MAX_CONDITION_DEPTH, OPERATORS } from './condition.schema';
import { CONDITION_ERROR, conditionProblem, pointerTo, type ConditionProblem } from './condition-problem';
import { parseFactName } from './fact-name';
import { parseFactPath } from './fact-path';
import { isForbiddenKey } from './forbidden-keys';
import { getOperator } from './operators/operator.registry';
import type { OperatorDefinition } from './operators/operator-definition';

/** Most items in one all/any group (as the schema says). */
export const MAX_GROUP_ITEMS = 200;
/** Most nodes (groups and leaves) in one condition; bigger inputs are refused without being walked further. */
export const MAX_CONDITION_NODES = 5000;
/** checkCondition stops collecting after this many problems. */
export const MAX_REPORTED_PROBLEMS = 50;

const OPERATORS_HINT = OPERATORS.join(', ');
const LEAF_KEYS = new Set(['fact', 'operator', 'value', 'path']);
const REF_KEYS = new Set(['fact', 'path']);

interface Walk {
  problems: ConditionProblem[];
  nodes: number;
  onPath: Set<object>;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Everything wrong with a condition, each with a stable code, a JSON pointer (under `pointer`) and a sentence
 * in both languages that says how to fix it. Never throws: copes with junk of any type, nesting deeper than
 * MAX_CONDITION_DEPTH, cycles, shared sub-objects and prototype keys. An empty list means compileCondition
 * will accept it.
 */
export function checkCondition(cond: unknown, pointer: string): ConditionProblem[] {
  const walk: Walk = { problems: [], nodes: 0, onPath: new Set() };
  try {
    checkNode(cond, pointer, 1, walk);
  } catch {
    walk.problems.push(
      conditionProblem(CONDITION_ERROR.unreadable, pointer, text('条件无法读取；请在设计器中重新编辑。', 'The condition could not be read; edit it again in the designer.')),
    );
  }
  return walk.problems.slice(0, MAX_REPORTED_PROBLEMS);
}

function report(walk: Walk, p: ConditionProblem): void {
  if (walk.problems.length < MAX_REPORTED_PROBLEMS) walk.problems.push(p);
}

function checkNode(node: unknown, ptr: string, depth: number, walk: Walk): void {
  if (walk.problems.length >= MAX_REPORTED_PROBLEMS) return;
  if (depth > MAX_CONDITION_DEPTH) {
    report(walk, conditionProblem(CONDITION_ERROR.tooDeep, ptr, text(
      `条件嵌套超过 ${MAX_CONDITION_DEPTH} 层；请合并或拆分条件组。`,
      `The condition is nested more than ${MAX_CONDITION_DEPTH} levels deep; merge or split its groups.`,
    )));
    return;
  }
  if (++walk.nodes > MAX_CONDITION_NODES) {
    if (walk.nodes === MAX_CONDITION_NODES + 1) {
      report(walk, conditionProblem(CONDITION_ERROR.tooLarge, ptr, text(
        `条件超过 ${MAX_CONDITION_NODES} 项；请拆分成多个节点。`,
        `The condition has more than ${MAX_CONDITION_NODES} parts; split it over several nodes.`,
      )));
    }
    return;
  }
  if (!isPlainObject(node)) {
    report(walk, conditionProblem(CONDITION_ERROR.notObject, ptr, text(
      '这里应该是一个条件（全部满足 / 任一满足 / 取反 / 字段比较）。',
      'A condition is expected here (all / any / not / a field comparison).',
    )));
    return;
  }
  if (walk.onPath.has(node)) {
    report(walk, conditionProblem(CONDITION_ERROR.cycle, ptr, text('条件引用了自身，形成循环；请删除这一项。', 'The condition contains itself (a cycle); remove this item.')));
    return;
  }
  walk.onPath.add(node);
  try {
    checkObject(node, ptr, depth, walk);
  } finally {
    walk.onPath.delete(node);
  }
}

function checkObject(node: Record<string, unknown>, ptr: string, depth: number, walk: Walk): void {
  const groups = (['all', 'any', 'not'] as const).filter((k) => Object.hasOwn(node, k));
  if (groups.length > 1) {
    report(walk, conditionProblem(CONDITION_ERROR.ambiguous, ptr, text(
      `一个条件只能是“全部满足”“任一满足”或“取反”之一，这里同时有 ${groups.join('、')}。`,
      `A condition is one of all, any or not; this one has ${groups.join(', ')}.`,
    )));
    return;
  }
  const group = groups[0];
  if (group === undefined) {
    if (!Object.hasOwn(node, 'fact') && !Object.hasOwn(node, 'operator')) {
      report(walk, conditionProblem(CONDITION_ERROR.unknownShape, ptr, text(
        '无法识别的条件：需要 all、any、not，或 fact + operator + value。',
        'Unrecognised condition: it needs all, any, not, or fact + operator + value.',
      )));
      return;
    }
    checkLeaf(node, ptr, walk);
    return;
  }
  checkKeys(node, new Set([group]), ptr, walk);
  const inner = node[group];
  const at = pointerTo(ptr, group);
  if (group === 'not') {
    checkNode(inner, at, depth + 1, walk);
    return;
  }
  if (!Array.isArray(inner)) {
    report(walk, conditionProblem(CONDITION_ERROR.groupNotArray, at, text(`“${group}”必须是条件列表。`, `“${group}” must be a list of conditions.`)));
    return;
  }
  if (inner.length > MAX_GROUP_ITEMS) {
    report(walk, conditionProblem(CONDITION_ERROR.groupTooLarge, at, text(
      `一个条件组最多 ${MAX_GROUP_ITEMS} 项；请拆分。`,
      `A group holds at most ${MAX_GROUP_ITEMS} conditions; split it.`,
    )));
    return;
  }
  for (let i = 0; i < inner.length; i++) checkNode(inner[i], pointerTo(at, i), depth + 1, walk);
}

function checkKeys(node: Record<string, unknown>, allowed: ReadonlySet<string>, ptr: string, walk: Walk): void {
  for (const key of Object.keys(node)) {
    if (allowed.has(key)) continue;
    report(walk, isForbiddenKey(key)
      ? conditionProblem(CONDITION_ERROR.forbiddenKey, pointerTo(ptr, key), text(`“${key}”是保留名称，不能出现在条件中。`, `“${key}” is a reserved name and cannot appear in a condition.`))
      : conditionProblem(CONDITION_ERROR.unknownKey, pointerTo(ptr, key), text(`条件中不认识“${key}”，请删除它。`, `“${key}” does not belong in a condition; remove it.`)));
  }
}

/** A path that is absent or undefined means no path (json-rules-engine tests `if (path)`). */
function checkFact(name: unknown, path: unknown, hasPath: boolean, ptr: string, walk: Walk): void {
  const fact = parseFactName(name);
  if (!fact.ok) report(walk, conditionProblem(fact.code, pointerTo(ptr, 'fact'), fact.message));
  if (!hasPath) return;
  const parsed = parseFactPath(path);
  if (!parsed.ok) report(walk, conditionProblem(parsed.code, pointerTo(ptr, 'path'), parsed.message));
}

function checkLeaf(node: Record<string, unknown>, ptr: string, walk: Walk): void {
  checkKeys(node, LEAF_KEYS, ptr, walk);
  checkFact(node.fact, node.path, node.path !== undefined, ptr, walk);
  const op = getOperator(node.operator);
  if (!op) {
    const name = typeof node.operator === 'string' ? node.operator.slice(0, 50) : '';
    report(walk, conditionProblem(CONDITION_ERROR.unknownOperator, pointerTo(ptr, 'operator'), text(
      `未知的运算符“${name}”；可用：${OPERATORS_HINT}。`,
      `Unknown operator “${name}”; use one of: ${OPERATORS_HINT}.`,
    )));
  }
  if (!Object.hasOwn(node, 'value')) {
    report(walk, conditionProblem(CONDITION_ERROR.missingValue, pointerTo(ptr, 'value'), text('请填写比较值。', 'Fill in the value to compare with.')));
    return;
  }
  if (op) checkValue(op, node.value, pointerTo(ptr, 'value'), walk);
}

/** json-rules-engine treats any object value with its own `fact` key as a reference to another fact. */
export function isFactRef(value: unknown): value is { fact: unknown; path?: unknown } {
  return isPlainObject(value) && Object.hasOwn(value, 'fact');
}

function checkValue(op: OperatorDefinition, value: unknown, ptr: string, walk: Walk): void {
  if (isFactRef(value)) {
    if (!op.acceptsFactRef) {
      report(walk, conditionProblem(CONDITION_ERROR.badValue, ptr, text(
        `“${op.labels['zh-CN']}”只能与固定值比较，不能引用字段。`,
        `“${op.labels.en}” compares with a fixed value, not with another field.`,
      )));
      return;
    }
    checkKeys(value, REF_KEYS, ptr, walk);
    checkFact(value.fact, value.path, value.path !== undefined, ptr, walk);
    return;
  }
  const problem = op.checkValue(value);
  if (problem) report(walk, conditionProblem(problem.code, ptr + problem.pointer, problem.message));
}
