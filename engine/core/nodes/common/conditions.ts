/**
 * The one place the catalog touches the condition layer (engine/core/conditions), so its names are used once.
 */
import { compileCondition, listConditionFacts, parseFactName, type CompiledCondition, type FactContext } from '../../conditions';
import type { Condition } from '../../conditions/condition.schema';

export type { CompiledCondition, FactContext };

const cache = new WeakMap<object, CompiledCondition>();

/** Compiles a condition once per condition object (flow versions are immutable, so this is safe). */
export function compiled(cond: Condition): CompiledCondition {
  const hit = cache.get(cond);
  if (hit) return hit;
  const made = compileCondition(cond);
  cache.set(cond, made);
  return made;
}

/**
 * Whether a condition reads rep facts only (`rep.<field>`, leaf facts and fact references alike): its result then
 * depends on the rep alone, not on the customer, the rep's load or the time.
 */
export function readsRepOnly(cond: Condition): boolean {
  return listConditionFacts(cond, '').every((use) => {
    const name = parseFactName(use.fact);
    return name.ok && name.source.scope === 'rep';
  });
}
