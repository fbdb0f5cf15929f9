import { ConditionSchema } from '../conditions/condition.schema';

/** JSON Schema dialect of every schema Allot publishes. */
export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';
export const CONDITION_DEF = 'Condition';
export const CONDITION_REF = `#/$defs/${CONDITION_DEF}`;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

const CONDITION_ID = ConditionSchema.$id ?? 'Condition';
/** keys that make up the recursive condition schema itself (not annotations a use site added) */
const CONDITION_OWN_KEYS = new Set(Object.keys(ConditionSchema));

/** TypeBox schema → plain JSON (drops TypeBox's symbol keys and functions). */
export function toJson(schema: unknown): JsonObject {
  return JSON.parse(JSON.stringify(schema)) as JsonObject;
}

/**
 * Replaces every embedded copy of the recursive condition schema (TypeBox `$id: 'Condition'`) with a `$ref` to
 * one `$defs/Condition`, keeping the use site's annotations (title, default, x-label …). Returns whether any
 * condition was found.
 */
function hoistConditions(node: Json): { node: Json; found: boolean } {
  let found = false;
  const walk = (n: Json): Json => {
    if (Array.isArray(n)) return n.map(walk);
    if (n === null || typeof n !== 'object') return n;
    if (n.$id === CONDITION_ID) {
      found = true;
      const out: JsonObject = { $ref: CONDITION_REF };
      for (const [k, v] of Object.entries(n)) if (!CONDITION_OWN_KEYS.has(k)) out[k] = walk(v);
      return out;
    }
    if (n.$ref === CONDITION_ID) {
      found = true;
      return { ...n, $ref: CONDITION_REF };
    }
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(n)) out[k] = walk(v);
    return out;
  };
  const result = walk(node);
  return { node: result, found };
}

/** The condition schema as a `$defs` entry (its inner self-references pointing at `#/$defs/Condition`). */
export function conditionDef(): JsonObject {
  const json = toJson(ConditionSchema);
  delete json.$id;
  const walk = (n: Json): Json => {
    if (Array.isArray(n)) return n.map(walk);
    if (n === null || typeof n !== 'object') return n;
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(n)) out[k] = k === '$ref' && v === CONDITION_ID ? CONDITION_REF : walk(v);
    return out;
  };
  return walk(json) as JsonObject;
}

/**
 * A self-contained draft 2020-12 schema from a TypeBox schema: plain JSON, conditions hoisted into `$defs`.
 * With `dialect`, `$schema` is set (for top-level published schemas).
 */
export function plainSchema(schema: unknown, dialect = true): JsonObject {
  const { node, found } = hoistConditions(toJson(schema));
  const out = node as JsonObject;
  if (found) out.$defs = { ...((out.$defs as JsonObject | undefined) ?? {}), [CONDITION_DEF]: conditionDef() };
  if (dialect) return { $schema: JSON_SCHEMA_DIALECT, ...out };
  return out;
}

/** JSON pointers (with `*` for array items) under which a schema places a condition, e.g. `/rules/∗/condition`. */
export function conditionLocations(schema: Json, at: string[] = [], depth = 0): string[][] {
  if (depth > 12 || schema === null || typeof schema !== 'object' || Array.isArray(schema)) return [];
  if (schema.$ref === CONDITION_REF) return [at];
  const out: string[][] = [];
  const props = schema.properties;
  if (props && typeof props === 'object' && !Array.isArray(props)) {
    for (const [k, sub] of Object.entries(props)) out.push(...conditionLocations(sub, [...at, k], depth + 1));
  }
  if (schema.items !== undefined) out.push(...conditionLocations(schema.items, [...at, '*'], depth + 1));
  return out;
}
