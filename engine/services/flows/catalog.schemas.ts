import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { LocalizedTextSchema } from '../../core/common/localized';

/** Shapes of what the designer reads to build its palette, forms and pickers. */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Json = Type.Record(Type.String(), Type.Unknown());

export const LocaleQuery = Type.Object(
  { locale: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')], { description: 'words in this language (default: Accept-Language)' })) },
  { additionalProperties: false },
);

const CatalogEntryView = Type.Object({
  type: Type.String(),
  version: Type.Integer(),
  category: Type.String(),
  kinds: Type.Array(Type.String()),
  icon: Type.String(),
  waits: Type.Boolean(),
  label: Type.String(),
  helpText: Type.String(),
  labels: LocalizedTextSchema,
  help: LocalizedTextSchema,
  paramsSchema: Json,
  defaultParams: Json,
  outputs: Type.Array(Type.Object({ id: Type.String(), label: Type.String(), labels: LocalizedTextSchema })),
  outputsDependOnParams: Type.Boolean(),
  defaultSummary: Type.String(),
});

export const CatalogView = Type.Object({
  locale: Type.String(),
  nodes: Type.Array(CatalogEntryView),
  triggers: Type.Array(Type.Object({ trigger: Type.String(), label: Type.String(), labels: LocalizedTextSchema, kinds: Type.Array(Type.String()) })),
  kinds: Type.Array(Type.Object({ kind: Type.String(), label: Type.String(), labels: LocalizedTextSchema })),
});

const OperatorView = Type.Object({
  name: Type.String(),
  label: Type.String(),
  labels: LocalizedTextSchema,
  /** what the value editor shows: scalar, list, number, range, text, pattern, boolean */
  valueKind: Type.String(),
  /** the value may be another fact */
  acceptsFactRef: Type.Boolean(),
  /** field types it is offered for */
  fits: Type.Array(Type.String()),
});

const FactView = Type.Object({
  name: Type.String(),
  /** string, number, date, stringArray, boolean, or any (custom attributes) */
  type: Type.String(),
  /** customer, derived, attribute, rep or load */
  scope: Type.String(),
  label: Type.String(),
  labels: LocalizedTextSchema,
  /** operator names that fit the type */
  operators: Type.Array(Type.String()),
});

export const FactsView = Type.Object({
  locale: Type.String(),
  /** catalogued facts, then the custom attribute keys in use (`attributes.<key>`) */
  facts: Type.Array(FactView),
  operators: Type.Array(OperatorView),
  /** fact type → operator names */
  operatorsByType: Type.Record(Type.String(), Type.Array(Type.String())),
});
export type FactsViewT = Static<typeof FactsView>;

export const OrgRefsView = Type.Object({
  teams: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), nameEn: Nullable(Type.String()), managerRepId: Nullable(Type.String()) })),
  reps: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), teamId: Type.String(), status: Type.String() })),
  pools: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), nameEn: Nullable(Type.String()), isDefault: Type.Boolean() })),
});
export type OrgRefsViewT = Static<typeof OrgRefsView>;
