import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { LocalizedTextSchema } from '../../core/common/localized';
import { ObjectIdString } from '../../api/http/common.schemas';
import { DocumentValue, FlowDetail, ValidationView } from '../flows/flow.schemas';
import { SimulationSide } from '../simulation/simulation.schemas';

/** Shapes of the template routes: the gallery, one template with its preview, and installing it as a draft. */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Ids = Type.Array(Type.String());

export const TemplateParams = Type.Object({ id: Type.String({ pattern: '^[a-z0-9-]{1,64}$' }) }, { additionalProperties: false });

/** Symbolic team, pool and rep ids the template names (to bind to this organisation's). */
export const Placeholders = Type.Object({ team: Ids, pool: Ids, rep: Ids });
export type PlaceholdersT = Static<typeof Placeholders>;

export const TemplateSummary = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  trigger: Type.String(),
  /** the name in the caller's language */
  label: Type.String(),
  name: LocalizedTextSchema,
  description: LocalizedTextSchema,
  tags: Type.Array(Type.String()),
  highlights: Type.Array(LocalizedTextSchema),
  nodeCount: Type.Integer({ minimum: 0 }),
  placeholders: Placeholders,
});
export type TemplateSummaryT = Static<typeof TemplateSummary>;

const FollowUpScenario = Type.Object({
  name: LocalizedTextSchema,
  customerId: Type.String(),
  untilDays: Type.Number(),
  /** every wake-up of the flow: hours after the start, what woke it, what it did */
  entries: Type.Array(
    Type.Object({
      atHours: Type.Number(),
      cause: Type.String(),
      actions: Type.Array(Type.Object({ kind: Type.String(), nodeId: Type.String(), message: Nullable(LocalizedTextSchema) })),
    }),
  ),
  ended: Type.Boolean(),
  endReason: Nullable(Type.String()),
});

export const TemplatePreview = Type.Object({
  kind: Type.String(),
  /** allocation templates: the simulation report on the example customers and reps */
  report: Nullable(SimulationSide),
  /** follow-up templates: the example scenarios played over simulated time */
  scenarios: Type.Array(FollowUpScenario),
  /** whether the example data produce the outcomes the template promises (expected.json) */
  expectations: Type.Object({ met: Type.Boolean(), problems: Type.Array(Type.String()) }),
});
export type TemplatePreviewT = Static<typeof TemplatePreview>;

export const TemplateDetail = Type.Composite([
  TemplateSummary,
  Type.Object({
    /** the flow as shipped (symbolic ids), defaults filled */
    document: DocumentValue,
    example: Type.Object({
      customers: Type.Integer({ minimum: 0 }),
      teams: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
      pools: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
      reps: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), teamId: Type.String() })),
    }),
    preview: TemplatePreview,
  }),
]);
export type TemplateDetailT = Static<typeof TemplateDetail>;

const Binding = Type.Record(Type.String({ maxLength: 100 }), ObjectIdString);

export const InstallBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    /** placeholder → id in this organisation, per kind; pools default to the organisation's default pool */
    bindings: Type.Optional(Type.Object({ team: Type.Optional(Binding), pool: Type.Optional(Binding), rep: Type.Optional(Binding) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type InstallBodyT = Static<typeof InstallBody>;

export const InstallResult = Type.Object({
  flow: FlowDetail,
  bound: Type.Array(Type.Object({ kind: Type.String(), placeholder: Type.String(), id: Type.String(), defaulted: Type.Boolean() })),
  /** placeholders left for the admin to bind (validation names them until then) */
  unbound: Type.Array(Type.Object({ kind: Type.String(), placeholder: Type.String(), nodeIds: Ids })),
  validation: ValidationView,
});
export type InstallResultT = Static<typeof InstallResult>;
