/**
 * The one place the catalog touches the condition layer (engine/core/conditions), so its names are used once.
 */
import { compileCondition, type CompiledCondition, type FactContext } from '../../conditions';
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
