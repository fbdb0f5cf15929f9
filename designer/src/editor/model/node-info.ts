import type { Locale } from '../../../../engine/core/common/localized';
import { paramsValidator } from '../../../../engine/core/flow/flow-ajv';
import { getNodeDefinition, isNodeType, type OutputSpec } from '../../../../engine/core/nodes';
import type { DraftNode } from './draft.types';

/**
 * What the canvas needs to know about a node, read from the node catalog: its params with defaults filled in,
 * its outputs (handles) and its summary words. Memoised per params object (params are replaced, never mutated).
 */
const filledCache = new WeakMap<object, Record<string, unknown>>();

/** A deep copy of the params with every schema default filled in (whatever else is wrong with them). */
export function filledParams(node: Pick<DraftNode, 'type' | 'params'>): Record<string, unknown> {
  const hit = filledCache.get(node.params);
  if (hit) return hit;
  const copy = structuredClone(node.params ?? {}) as Record<string, unknown>;
  if (isNodeType(node.type)) paramsValidator(node.type)(copy);
  filledCache.set(node.params, copy);
  return copy;
}

const outputsCache = new WeakMap<object, OutputSpec[]>();

/** The node's named outputs for its current params ([] when unknown or not computable). */
export function nodeOutputs(node: Pick<DraftNode, 'type' | 'params'>): OutputSpec[] {
  const hit = outputsCache.get(node.params);
  if (hit) return hit;
  const def = getNodeDefinition(node.type);
  let out: OutputSpec[] = [];
  if (def) {
    try {
      out = def.outputs(filledParams(node) as never);
    } catch {
      out = [];
    }
  }
  outputsCache.set(node.params, out);
  return out;
}

/** The card's words ("Grade A → skill match among Senior team"); '' when the params cannot be described yet. */
export function nodeSummary(node: Pick<DraftNode, 'type' | 'params'>, locale: Locale): string {
  const def = getNodeDefinition(node.type);
  if (!def) return '';
  try {
    return def.summary(filledParams(node) as never, locale);
  } catch {
    return '';
  }
}
