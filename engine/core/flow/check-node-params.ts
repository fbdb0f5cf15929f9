import { checkCondition } from '../conditions';
import type { NodeDefinition, Reference } from '../nodes/node-definition';
import type { NodeType } from '../nodes/node-types';
import { paramsValidator } from './flow-ajv';
import { flowError, ptr, type FlowError } from './flow-error';
import { paramsJsonSchemas } from './flow-json-schema';
import { conditionLocations, type JsonObject } from './plain-schema';
import { translateAjvErrors } from './schema-errors';

/** What the per-node pass learned about a node with a known type and valid params. */
export interface CheckedNode {
  index: number;
  id: string;
  type: NodeType;
  def: NodeDefinition;
  params: Record<string, unknown>;
  /** the node's outputs; undefined when its params are invalid (outputs unknown) */
  outputs: string[] | undefined;
  references: Reference[];
}

const locationsCache = new Map<NodeType, string[][]>();
function locationsOf(type: NodeType): string[][] {
  let l = locationsCache.get(type);
  if (!l) {
    l = conditionLocations(paramsJsonSchemas[type] as JsonObject);
    locationsCache.set(type, l);
  }
  return l;
}

/** The actual condition values in params at the schema's condition locations, with relative pointers. */
function conditionsIn(params: unknown, location: string[]): Array<{ pointer: string; value: unknown }> {
  let found: Array<{ pointer: string; value: unknown }> = [{ pointer: '', value: params }];
  for (const step of location) {
    const next: Array<{ pointer: string; value: unknown }> = [];
    for (const f of found) {
      const v = f.value;
      if (step === '*') {
        if (Array.isArray(v)) v.forEach((item, i) => next.push({ pointer: ptr(f.pointer, i), value: item }));
      } else if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, step)) {
        next.push({ pointer: ptr(f.pointer, step), value: (v as Record<string, unknown>)[step] });
      }
    }
    found = next;
  }
  return found.filter((f) => f.value !== undefined);
}

const guard = <T>(fn: () => T, fallback: T): T => {
  try {
    return fn();
  } catch {
    return fallback;
  }
};

/**
 * Checks one node's params (defaults filled in place): the type's schema, every condition with checkCondition,
 * and the type's own `check`. Returns the errors and, when the params are usable, the node's outputs and references.
 */
export function checkNodeParams(
  node: { id: string; type: NodeType; params: Record<string, unknown> },
  def: NodeDefinition,
  index: number,
): { errors: FlowError[]; checked: CheckedNode } {
  const base = ptr('', 'nodes', index, 'params');
  const errors: FlowError[] = [];
  const validate = paramsValidator(node.type);
  const schemaOk = validate(node.params);
  const conds = locationsOf(node.type).flatMap((l) => conditionsIn(node.params, l));
  const condPointers = conds.map((c) => c.pointer);
  const schemaErrors = schemaOk ? [] : translateAjvErrors(validate.errors, base, condPointers, node.id);
  errors.push(...schemaErrors);
  for (const c of conds) {
    for (const p of checkCondition(c.value, base + c.pointer)) errors.push(flowError(p.code, p.pointer, p.message, node.id));
  }
  const usable = schemaErrors.length === 0;
  const params = node.params as never;
  if (usable && def.check) {
    for (const issue of guard(() => def.check?.(params) ?? [], [])) {
      errors.push(flowError(issue.code, base + issue.pointer, issue.message, node.id));
    }
  }
  const outputs = usable ? guard(() => def.outputs(params).map((o) => o.id), undefined) : undefined;
  const references = usable ? guard(() => def.references(params), []) : [];
  return { errors, checked: { index, id: node.id, type: node.type, def, params: node.params, outputs, references } };
}
