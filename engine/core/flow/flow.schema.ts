import { Type, type Static } from '@sinclair/typebox';
import { text } from '../common/localized';
import { nodeRegistry, type NodeRegistry } from '../nodes/node.registry';
import { NODE_TYPES, type NodeType } from '../nodes/node-types';
import { FlowTriggerSchema } from '../nodes/trigger/trigger-event.schema';
import { FLOW_LIMITS, ID_PATTERN } from './flow-limits';

/**
 * The flow document, declared once: the JSON Schema (flow-json-schema.ts turns it into plain draft 2020-12 JSON
 * for the API and designer), the ajv validators and the static types below all come from these declarations and
 * from each node type's params schema in the registry.
 */
export const FLOW_SCHEMA_VERSION = 1;

const w = (zh: string, en: string) => ({ title: en, 'x-label': text(zh, en) });

export const FlowIdSchema = Type.String({ minLength: 1, maxLength: FLOW_LIMITS.maxIdLength, pattern: ID_PATTERN });

export const FlowKindSchema = Type.Union(
  [Type.Literal('allocation', w('分配流程', 'Allocation')), Type.Literal('followUp', w('跟进流程', 'Follow-up'))],
  w('流程类型', 'Kind'),
);

export const PositionSchema = Type.Object(
  { x: Type.Number({ minimum: -1e6, maximum: 1e6 }), y: Type.Number({ minimum: -1e6, maximum: 1e6 }) },
  { additionalProperties: false, default: { x: 0, y: 0 } },
);

/** The schema of one node of the given type: common fields plus that type's params. */
export function nodeSchemaFor<K extends NodeType>(type: K) {
  const def = nodeRegistry[type];
  return Type.Object(
    {
      id: FlowIdSchema,
      type: Type.Literal(type),
      version: Type.Integer({ minimum: 1, maximum: 1000, default: def.version }),
      params: def.params as NodeRegistry[K]['params'],
      position: PositionSchema,
      label: Type.Optional(Type.String({ maxLength: FLOW_LIMITS.maxLabelLength })),
    },
    { additionalProperties: false, title: def.labels.en, 'x-label': def.labels },
  );
}
type NodeSchemaOf<K extends NodeType> = ReturnType<typeof nodeSchemaFor<K>>;

/** A node: discriminated on `type`. */
export const FlowNodeSchema = Type.Union(NODE_TYPES.map((t) => nodeSchemaFor(t)) as NodeSchemaOf<NodeType>[]);

export const FlowEdgeSchema = Type.Object(
  {
    id: FlowIdSchema,
    source: FlowIdSchema,
    /** the source node's output (`true`, `assigned`, `timeout`, a switch case key …) */
    sourceHandle: Type.String({ minLength: 1, maxLength: FLOW_LIMITS.maxIdLength }),
    target: FlowIdSchema,
  },
  { additionalProperties: false },
);

export const FlowDocumentSchema = Type.Object(
  {
    schemaVersion: Type.Literal(FLOW_SCHEMA_VERSION),
    id: FlowIdSchema,
    name: Type.String({ minLength: 1, maxLength: FLOW_LIMITS.maxNameLength, ...w('名称', 'Name') }),
    description: Type.Optional(Type.String({ maxLength: FLOW_LIMITS.maxDescriptionLength, ...w('说明', 'Description') })),
    kind: FlowKindSchema,
    /** the event the flow runs on; must equal its trigger node's `on` */
    trigger: FlowTriggerSchema,
    nodes: Type.Array(FlowNodeSchema, { maxItems: FLOW_LIMITS.maxNodes }),
    edges: Type.Array(FlowEdgeSchema, { maxItems: FLOW_LIMITS.maxEdges }),
  },
  { additionalProperties: false, $id: 'https://allot.dev/schemas/flow-document.json', title: 'Allot flow document' },
);

/** A node of one type, its params typed by that type's schema. */
export type FlowNodeOf<K extends NodeType> = Static<NodeSchemaOf<K>>;
export type FlowNode = { [K in NodeType]: FlowNodeOf<K> }[NodeType];
export type FlowEdge = Static<typeof FlowEdgeSchema>;
export type FlowKindValue = Static<typeof FlowKindSchema>;
/** A valid flow document with its params' defaults filled in (what `parseFlow` returns). */
export type FlowDocument = Omit<Static<typeof FlowDocumentSchema>, 'nodes'> & { nodes: FlowNode[] };
