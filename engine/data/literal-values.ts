import type { TLiteral, TUnion } from '@sinclair/typebox';

/** The values of a TypeBox union of literals, so a mongoose enum never restates a core schema. */
export function literalValues<T extends string>(union: TUnion<TLiteral<T>[]>): T[] {
  return union.anyOf.map((member) => member.const);
}
