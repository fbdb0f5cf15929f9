import { MAX_CONDITION_DEPTH } from './condition.schema';
import { MAX_CONDITION_NODES } from './condition-check';
import { pointerTo } from './condition-problem';

export interface FactUse {
  fact: string;
  /** JSON pointer of the `fact` key that names it */
  pointer: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Every fact a condition names (leaf facts and fact references in values), with pointers, for the flow
 * validator's "every referenced field exists" check. Tolerates junk the way checkCondition does (bounded depth
 * and size, no throw); it simply skips what is not a condition.
 */
export function listConditionFacts(cond: unknown, pointer: string): FactUse[] {
  const out: FactUse[] = [];
  let budget = MAX_CONDITION_NODES;
  const visit = (node: unknown, ptr: string, depth: number): void => {
    if (depth > MAX_CONDITION_DEPTH || --budget < 0 || !isObject(node)) return;
    for (const key of ['all', 'any'] as const) {
      const items = Object.hasOwn(node, key) ? node[key] : undefined;
      if (Array.isArray(items)) items.forEach((c, i) => visit(c, pointerTo(pointerTo(ptr, key), i), depth + 1));
    }
    if (Object.hasOwn(node, 'not')) visit(node.not, pointerTo(ptr, 'not'), depth + 1);
    if (typeof node.fact === 'string' && Object.hasOwn(node, 'fact')) out.push({ fact: node.fact, pointer: pointerTo(ptr, 'fact') });
    const value = Object.hasOwn(node, 'value') ? node.value : undefined;
    if (isObject(value) && Object.hasOwn(value, 'fact') && typeof value.fact === 'string') {
      out.push({ fact: value.fact, pointer: pointerTo(pointerTo(ptr, 'value'), 'fact') });
    }
  };
  try {
    visit(cond, pointer, 1);
  } catch {
    // unreadable input: checkCondition reports it
  }
  return out;
}
