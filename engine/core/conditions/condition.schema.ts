import { Type, type Static, type TSchema } from '@sinclair/typebox';

/**
 * Conditions in the json-rules-engine format: `all` / `any` / `not` groups and leaves
 * `{ fact, operator, value, path? }`. A leaf's value may reference another fact (`{ fact: 'customer.industry' }`),
 * which is how rep filters relate a rep to the customer.
 */
export const OPERATORS = [
  'equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain',
  'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive',
  'between', 'startsWith', 'endsWith', 'matches', 'exists',
] as const;
export type OperatorName = (typeof OPERATORS)[number];

export const FactRefSchema = Type.Object(
  { fact: Type.String({ minLength: 1, maxLength: 100 }), path: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);

const Scalar = Type.Union([Type.String({ maxLength: 1000 }), Type.Number(), Type.Boolean(), Type.Null()]);

export const LeafConditionSchema = Type.Object(
  {
    fact: Type.String({ minLength: 1, maxLength: 100 }),
    operator: Type.Union(OPERATORS.map((o) => Type.Literal(o))),
    value: Type.Union([Scalar, Type.Array(Scalar, { maxItems: 1000 }), FactRefSchema]),
    path: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type LeafCondition = Static<typeof LeafConditionSchema>;

export const ConditionSchema = Type.Recursive(
  (Self: TSchema) =>
    Type.Union([
      Type.Object({ all: Type.Array(Self, { maxItems: 200 }) }, { additionalProperties: false }),
      Type.Object({ any: Type.Array(Self, { maxItems: 200 }) }, { additionalProperties: false }),
      Type.Object({ not: Self }, { additionalProperties: false }),
      LeafConditionSchema,
    ]),
  { $id: 'Condition' },
);

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | LeafCondition;

/** Deepest nesting a condition may have; deeper documents are rejected before compiling. */
export const MAX_CONDITION_DEPTH = 32;
