/** Flow documents: schema (TypeBox → JSON Schema 2020-12), ajv validators, validation past the schema. */
export {
  FLOW_SCHEMA_VERSION, FlowDocumentSchema, FlowNodeSchema, FlowEdgeSchema, FlowKindSchema, FlowIdSchema, PositionSchema, nodeSchemaFor,
  type FlowDocument, type FlowNode, type FlowNodeOf, type FlowEdge, type FlowKindValue,
} from './flow.schema';
export { FLOW_LIMITS, ID_PATTERN } from './flow-limits';
export { flowDocumentJsonSchema, paramsJsonSchemas } from './flow-json-schema';
export { flowSchemaValidator } from './flow-ajv';
export {
  FLOW_ERROR, FlowErrorSchema, ValidationContextSchema,
  type FlowError, type FlowErrorCode, type ValidationContext, type ValidationResult,
} from './flow-error';
export { validateFlow, parseFlow, type ParseFlowResult } from './validate-flow';
export { JSON_SCHEMA_DIALECT } from './plain-schema';
export { listEntityReferences, bindEntityReferences, type ReferenceBindings, type LocatedReference, type EntityKind } from './bind-references';
export { diffFlows, MAX_DIFF_PATHS } from './diff-flows';
export {
  DiffNodeRefSchema, DiffNodeChangeSchema, DiffEdgeRefSchema, FlowDiffSchema,
  type DiffNodeRef, type DiffNodeChange, type DiffEdgeRef, type FlowDiff,
} from './diff-flows.schema';
