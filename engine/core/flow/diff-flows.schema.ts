import { Type, type Static } from '@sinclair/typebox';

/** The shape of a flow diff (diff-flows.ts), declared once for the API's response schema and the static types. */
export const DiffNodeRefSchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  label: Type.Optional(Type.String()),
});

export const DiffNodeChangeSchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  label: Type.Optional(Type.String()),
  /** pointers relative to the node: `/params/strategy`, `/params/rules/2/points`, `/label`, `/type` … */
  paths: Type.Array(Type.String()),
  /** more paths changed than are listed */
  truncated: Type.Boolean(),
});

export const DiffEdgeRefSchema = Type.Object({
  id: Type.String(),
  source: Type.String(),
  sourceHandle: Type.String(),
  target: Type.String(),
});

export const FlowDiffSchema = Type.Object({
  /** changed fields of the document itself (`/name`, `/trigger` …), nodes and edges excluded */
  document: Type.Array(Type.String()),
  nodes: Type.Object({
    added: Type.Array(DiffNodeRefSchema),
    removed: Type.Array(DiffNodeRefSchema),
    changed: Type.Array(DiffNodeChangeSchema),
    /** ids of nodes only moved on the canvas */
    moved: Type.Array(Type.String()),
  }),
  /** connections, compared by source, output and target (a reconnected edge is one removed and one added) */
  edges: Type.Object({ added: Type.Array(DiffEdgeRefSchema), removed: Type.Array(DiffEdgeRefSchema) }),
  identical: Type.Boolean(),
});

export type DiffNodeRef = Static<typeof DiffNodeRefSchema>;
export type DiffNodeChange = Static<typeof DiffNodeChangeSchema>;
export type DiffEdgeRef = Static<typeof DiffEdgeRefSchema>;
export type FlowDiff = Static<typeof FlowDiffSchema>;
