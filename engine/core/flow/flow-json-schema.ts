import { Type } from '@sinclair/typebox';
import { nodeRegistry } from '../nodes/node.registry';
import { NODE_TYPES, type NodeType } from '../nodes/node-types';
import { FlowDocumentSchema, FlowEdgeSchema, FlowIdSchema, PositionSchema, nodeSchemaFor } from './flow.schema';
import { FLOW_LIMITS } from './flow-limits';
import { CONDITION_DEF, JSON_SCHEMA_DIALECT, conditionDef, plainSchema, type JsonObject } from './plain-schema';

/**
 * The flow document as plain JSON Schema (draft 2020-12) for the API, the designer and anyone else: nodes are a
 * `oneOf` discriminated on `type` (OpenAPI `discriminator`), each with its type's params schema; conditions are
 * one shared `$defs/Condition`.
 */
function buildFlowDocumentJsonSchema(): JsonObject {
  const doc = plainSchema(FlowDocumentSchema, false);
  const props = doc.properties as JsonObject;
  const nodes = props.nodes as JsonObject;
  nodes.items = {
    type: 'object',
    required: ['type'],
    properties: { type: { type: 'string' } },
    discriminator: { propertyName: 'type' },
    oneOf: NODE_TYPES.map((t) => {
      const s = plainSchema(nodeSchemaFor(t), false);
      delete s.$defs;
      return s;
    }),
  };
  return { $schema: JSON_SCHEMA_DIALECT, ...doc, $defs: { [CONDITION_DEF]: conditionDef() } };
}

export const flowDocumentJsonSchema: JsonObject = buildFlowDocumentJsonSchema();

/** Each node type's params as a self-contained JSON Schema (what the designer renders a form from). */
export const paramsJsonSchemas: Readonly<Record<NodeType, JsonObject>> = Object.fromEntries(
  NODE_TYPES.map((t) => [t, plainSchema(nodeRegistry[t].params)]),
) as Record<NodeType, JsonObject>;

/**
 * The document with every node's params left open: the validator checks the envelope with this, then each node's
 * params with its own type's schema (so errors read "this node's field" instead of "matches none of 17 types").
 */
const NodeEnvelopeSchema = Type.Object(
  {
    id: FlowIdSchema,
    type: Type.String({ minLength: 1, maxLength: FLOW_LIMITS.maxIdLength }),
    version: Type.Integer({ minimum: 1, maximum: 1000 }),
    params: Type.Object({}, { additionalProperties: true, default: {} }),
    position: PositionSchema,
    label: Type.Optional(Type.String({ maxLength: FLOW_LIMITS.maxLabelLength })),
  },
  { additionalProperties: false },
);

export const envelopeJsonSchema: JsonObject = plainSchema(
  Type.Object(
    {
      ...FlowDocumentSchema.properties,
      nodes: Type.Array(NodeEnvelopeSchema, { maxItems: FLOW_LIMITS.maxNodes }),
      edges: Type.Array(FlowEdgeSchema, { maxItems: FLOW_LIMITS.maxEdges }),
    },
    { additionalProperties: false },
  ),
);
