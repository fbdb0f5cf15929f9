import { listConditionFacts } from '../../conditions';
import type { Reference } from '../node-definition';
import type { RefKind } from './schema-helpers';

/**
 * Every fact a condition names (leaf facts and fact-valued operands, `rep.` and `load.` facts included) as a
 * field reference with the JSON pointer of where it is written. The validator checks each against the fact
 * catalog and, for custom attributes, the context's fields. Bounded and tolerant of junk (it skips what is
 * not a condition; checkCondition reports that).
 */
export function conditionFieldRefs(cond: unknown, pointer: string): Reference[] {
  return listConditionFacts(cond, pointer).map((f) => ({ kind: 'field', name: f.fact, pointer: f.pointer }));
}

function refOf(kind: RefKind, value: string, pointer: string): Reference {
  switch (kind) {
    case 'field': return { kind, name: value, pointer };
    case 'team': return { kind, id: value, pointer };
    case 'rep': return { kind, id: value, pointer };
    case 'pool': return { kind, id: value, pointer };
  }
}

const isRefKind = (v: unknown): v is RefKind => v === 'team' || v === 'rep' || v === 'pool' || v === 'field';

/**
 * References found by walking a params schema alongside the params: every string (or string in an array)
 * whose schema carries `'x-ref': 'team' | 'rep' | 'pool' | 'field'`. Follows `properties`, `items` and the
 * branches of `anyOf`; non-matching data is ignored.
 */
export function schemaRefs(schema: unknown, value: unknown, pointer = ''): Reference[] {
  const out: Reference[] = [];
  const walk = (s: unknown, v: unknown, at: string, depth: number): void => {
    if (depth > 12 || s === null || typeof s !== 'object' || v === undefined) return;
    const sch = s as Record<string, unknown>;
    const ref = sch['x-ref'];
    if (isRefKind(ref) && typeof v === 'string' && v.length > 0) out.push(refOf(ref, v, at));
    const props = sch.properties;
    if (props && typeof props === 'object' && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, sub] of Object.entries(props as Record<string, unknown>)) {
        if (Object.hasOwn(v, k)) walk(sub, (v as Record<string, unknown>)[k], `${at}/${k}`, depth + 1);
      }
    }
    if (sch.items && Array.isArray(v)) v.forEach((x, i) => walk(sch.items, x, `${at}/${i}`, depth + 1));
    if (Array.isArray(sch.anyOf)) for (const branch of sch.anyOf) walk(branch, v, at, depth + 1);
  };
  walk(schema, value, pointer, 0);
  // anyOf branches may find the same reference twice
  const seen = new Set<string>();
  return out.filter((r) => {
    const key = `${r.kind}|${r.pointer}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
