import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { LocalizedTextSchema } from '../../core/common/localized';
import { FlowDiffSchema } from '../../core/flow/diff-flows.schema';
import { FLOW_LIMITS } from '../../core/flow/flow-limits';
import { TRIGGER_EVENTS } from '../../core/nodes/trigger/trigger-event.schema';
import { ObjectIdString } from '../../api/http/common.schemas';

/** Shapes of the flows, versions and validation routes, declared once (validation, handler types, OpenAPI). */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

export const FlowKindValue = Type.Union([Type.Literal('allocation'), Type.Literal('followUp')], { description: 'allocation (picks an owner) or followUp (the lifecycle of an ownership)' });
export const TriggerValue = Type.Union(
  TRIGGER_EVENTS.map((t) => Type.Literal(t)),
  { description: 'the event the flow runs on' },
);

/** A flow document as JSON; drafts may be invalid (GET /api/schema/flow has the schema of a valid one). */
export const DocumentValue = Type.Unknown({ description: 'a flow document (schema: GET /api/schema/flow); a draft may be incomplete or invalid' });

const Name = Type.String({ minLength: 1, maxLength: FLOW_LIMITS.maxNameLength });
const Description = Type.String({ maxLength: FLOW_LIMITS.maxDescriptionLength });

export const FlowCreateBody = Type.Object(
  {
    name: Name,
    description: Type.Optional(Description),
    kind: FlowKindValue,
    trigger: TriggerValue,
    document: Type.Optional(DocumentValue),
  },
  { additionalProperties: false },
);
export type FlowCreate = Static<typeof FlowCreateBody>;

export const FlowSaveBody = Type.Object(
  {
    /** the revision the editor last read: the save succeeds only when it is still current (else 409) */
    revision: Type.Integer({ minimum: 0 }),
    document: DocumentValue,
    name: Type.Optional(Name),
    description: Type.Optional(Description),
  },
  { additionalProperties: false },
);
export type FlowSave = Static<typeof FlowSaveBody>;

export const FlowDuplicateBody = Type.Object({ name: Type.Optional(Name) }, { additionalProperties: false });

export const FlowListQuery = Type.Object(
  { includeArchived: Type.Boolean({ default: false, description: 'also list archived drafts' }) },
  { additionalProperties: false },
);

export const ActorRef = Nullable(Type.Object({ id: Type.String(), name: Type.String() }));

export const FlowVersionSummary = Type.Object({
  id: Type.String(),
  flowId: Type.String(),
  version: Type.Integer({ minimum: 1 }),
  name: Type.String(),
  kind: Type.String(),
  trigger: Type.String(),
  note: Nullable(Type.String()),
  publishedAt: DateTime,
  publishedBy: ActorRef,
  /** the active version of its trigger */
  active: Type.Boolean(),
});
export type FlowVersionSummaryT = Static<typeof FlowVersionSummary>;

export const FlowVersionDetail = Type.Composite([FlowVersionSummary, Type.Object({ nodeCount: Type.Integer({ minimum: 0 }), document: DocumentValue })]);
export type FlowVersionDetailT = Static<typeof FlowVersionDetail>;

export const ActiveRef = Type.Object({
  flowId: Type.String(),
  flowName: Type.String(),
  versionId: Type.String(),
  version: Type.Integer({ minimum: 1 }),
  activatedAt: DateTime,
  activatedBy: ActorRef,
});
export type ActiveRefT = Static<typeof ActiveRef>;

export const FlowSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  kind: Type.String(),
  trigger: Type.String(),
  templateId: Nullable(Type.String()),
  /** compare-and-set token of the draft: send it back with PUT */
  revision: Type.Integer({ minimum: 0 }),
  /** highest published version (0 = never published) */
  latestVersion: Type.Integer({ minimum: 0 }),
  nodeCount: Type.Integer({ minimum: 0 }),
  createdAt: DateTime,
  updatedAt: DateTime,
  /** who saved the draft last */
  updatedBy: ActorRef,
  archivedAt: Nullable(DateTime),
  /** this flow's version that is active for its trigger, if one is */
  active: Nullable(ActiveRef),
  /** newest first, at most 20 (all of them: GET /api/flows/:id/versions) */
  versions: Type.Array(FlowVersionSummary),
});
export type FlowSummaryT = Static<typeof FlowSummary>;

export const FlowDetail = Type.Composite([FlowSummary, Type.Object({ document: DocumentValue })]);
export type FlowDetailT = Static<typeof FlowDetail>;

export const TriggerRow = Type.Object({
  trigger: Type.String(),
  label: Type.String(),
  labels: LocalizedTextSchema,
  /** flow kinds that may run on it */
  kinds: Type.Array(Type.String()),
  active: Nullable(ActiveRef),
  /** drafts for this trigger */
  flowIds: Type.Array(Type.String()),
});

export const FlowList = Type.Object({ items: Type.Array(FlowSummary), triggers: Type.Array(TriggerRow) });
export type FlowListT = Static<typeof FlowList>;

export const FlowErrorView = Type.Object({
  code: Type.String(),
  nodeId: Type.Optional(Type.String()),
  /** JSON pointer into the document ('' is the whole document) */
  pointer: Type.String(),
  /** in the caller's language */
  message: Type.String(),
  /** in both languages */
  text: LocalizedTextSchema,
});
export type FlowErrorViewT = Static<typeof FlowErrorView>;

export const ValidationView = Type.Object({
  valid: Type.Boolean(),
  errors: Type.Array(FlowErrorView),
  /** what references were checked against */
  context: Type.Object({ teams: Type.Integer(), reps: Type.Integer(), pools: Type.Integer(), fields: Type.Array(Type.String()) }),
});
export type ValidationViewT = Static<typeof ValidationView>;

export const ValidateBody = Type.Object({ document: DocumentValue }, { additionalProperties: false });

export const FlowSaved = Type.Object({
  id: Type.String(),
  revision: Type.Integer({ minimum: 0 }),
  updatedAt: DateTime,
  nodeCount: Type.Integer({ minimum: 0 }),
  validation: ValidationView,
});
export type FlowSavedT = Static<typeof FlowSaved>;

export const PublishBody = Type.Object(
  {
    note: Type.Optional(Type.String({ maxLength: 2000, description: 'what changed, for the version history' })),
    /** republish this older version's document as the new latest (rollback); the draft is left as it is */
    fromVersionId: Type.Optional(ObjectIdString),
  },
  { additionalProperties: false },
);
export type Publish = Static<typeof PublishBody>;

export const ActivationView = Type.Object({
  trigger: Type.String(),
  flowId: Type.String(),
  versionId: Type.String(),
  version: Type.Integer({ minimum: 1 }),
  activatedAt: DateTime,
  /** what was active for the trigger before (null: nothing, or this same version) */
  previous: Nullable(Type.Object({ flowId: Type.String(), versionId: Type.String(), version: Type.Integer({ minimum: 1 }) })),
  /** false when this version was active already */
  changed: Type.Boolean(),
});
export type ActivationViewT = Static<typeof ActivationView>;

const DiffRef = Type.String({ pattern: '^([0-9a-fA-F]{24}|draft|active)$', description: 'a version id, `draft` (the flow’s draft) or `active` (the active version of its trigger)' });
export const DiffQuery = Type.Object({ from: DiffRef, to: DiffRef }, { additionalProperties: false });

const DiffSide = Type.Object({
  ref: Type.String(),
  /** null for the draft */
  versionId: Nullable(Type.String()),
  version: Nullable(Type.Integer({ minimum: 1 })),
  flowId: Type.String(),
});
export const DiffView = Type.Object({ from: DiffSide, to: DiffSide, diff: FlowDiffSchema });
export type DiffViewT = Static<typeof DiffView>;
