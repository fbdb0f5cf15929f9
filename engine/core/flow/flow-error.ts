import { Type, type Static } from '@sinclair/typebox';
import { LocalizedTextSchema, type LocalizedText } from '../common/localized';

/**
 * Stable codes of everything validateFlow reports (condition problems keep their own `CONDITION_*` codes, and
 * node types add `FLOW_<TYPE>_*` codes through their `check`). The designer and API key on these.
 */
export const FLOW_ERROR = {
  /** input is not a JSON document: functions, NaN, class instances, undefined in arrays … */
  notJson: 'FLOW_NOT_JSON',
  notObject: 'FLOW_NOT_OBJECT',
  cyclicObject: 'FLOW_CYCLIC_OBJECT',
  tooDeep: 'FLOW_TOO_DEEP',
  tooLarge: 'FLOW_TOO_LARGE',
  tooManyNodes: 'FLOW_TOO_MANY_NODES',
  tooManyEdges: 'FLOW_TOO_MANY_EDGES',
  forbiddenKey: 'FLOW_FORBIDDEN_KEY',
  unreadable: 'FLOW_UNREADABLE',
  fieldRequired: 'FLOW_FIELD_REQUIRED',
  fieldUnknown: 'FLOW_FIELD_UNKNOWN',
  fieldType: 'FLOW_FIELD_TYPE',
  fieldValue: 'FLOW_FIELD_VALUE',
  fieldRange: 'FLOW_FIELD_RANGE',
  fieldFormat: 'FLOW_FIELD_FORMAT',
  fieldInvalid: 'FLOW_FIELD_INVALID',
  unknownNodeType: 'FLOW_UNKNOWN_NODE_TYPE',
  nodeKindMismatch: 'FLOW_NODE_KIND_MISMATCH',
  nodeVersionUnsupported: 'FLOW_NODE_VERSION_UNSUPPORTED',
  noTrigger: 'FLOW_NO_TRIGGER',
  multipleTriggers: 'FLOW_MULTIPLE_TRIGGERS',
  triggerMismatch: 'FLOW_TRIGGER_MISMATCH',
  duplicateNodeId: 'FLOW_DUPLICATE_NODE_ID',
  duplicateEdgeId: 'FLOW_DUPLICATE_EDGE_ID',
  edgeUnknownSource: 'FLOW_EDGE_UNKNOWN_SOURCE',
  edgeUnknownTarget: 'FLOW_EDGE_UNKNOWN_TARGET',
  edgeUnknownHandle: 'FLOW_EDGE_UNKNOWN_HANDLE',
  edgeIntoTrigger: 'FLOW_EDGE_INTO_TRIGGER',
  outputMultipleEdges: 'FLOW_OUTPUT_MULTIPLE_EDGES',
  outputNotConnected: 'FLOW_OUTPUT_NOT_CONNECTED',
  nodeUnreachable: 'FLOW_NODE_UNREACHABLE',
  cycleWithoutWait: 'FLOW_CYCLE_WITHOUT_WAIT',
  unknownField: 'FLOW_UNKNOWN_FIELD',
  unknownTeam: 'FLOW_UNKNOWN_TEAM',
  unknownRep: 'FLOW_UNKNOWN_REP',
  unknownPool: 'FLOW_UNKNOWN_POOL',
  tooManyErrors: 'FLOW_TOO_MANY_ERRORS',
  internal: 'FLOW_INTERNAL',
} as const;
export type FlowErrorCode = (typeof FLOW_ERROR)[keyof typeof FLOW_ERROR];

export const FlowErrorSchema = Type.Object({
  code: Type.String(),
  nodeId: Type.Optional(Type.String()),
  /** JSON pointer into the document ('' is the whole document) */
  pointer: Type.String(),
  /** what is wrong and how to fix it */
  message: LocalizedTextSchema,
});
export type FlowError = Static<typeof FlowErrorSchema>;

export const ValidationContextSchema = Type.Object({
  /** custom attribute keys (`budget` or `attributes.budget`); built-in customer, rep and load fields are always known */
  fields: Type.Optional(Type.Array(Type.String())),
  teamIds: Type.Optional(Type.Array(Type.String())),
  repIds: Type.Optional(Type.Array(Type.String())),
  poolIds: Type.Optional(Type.Array(Type.String())),
});
/** What exists in the organisation; each list is checked only when given. */
export type ValidationContext = Static<typeof ValidationContextSchema>;

export interface ValidationResult {
  valid: boolean;
  errors: FlowError[];
}

export function flowError(code: string, pointer: string, message: LocalizedText, nodeId?: string): FlowError {
  return nodeId === undefined ? { code, pointer, message } : { code, nodeId, pointer, message };
}

/** Appends reference tokens to a JSON pointer (RFC 6901 escaping). */
export function ptr(base: string, ...tokens: Array<string | number>): string {
  let out = base;
  for (const t of tokens) out += `/${String(t).replace(/~/g, '~0').replace(/\//g, '~1')}`;
  return out;
}
