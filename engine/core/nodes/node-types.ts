/**
 * Every node type, in palette order. The registry is typed against this union, so a type listed here but
 * missing from node.registry.ts (or registered under the wrong key) fails to compile.
 */
export const NODE_TYPES = [
  'trigger', 'condition', 'switch', 'score', 'tag', 'dedupe', 'assign', 'collaborate', 'toPool', 'notify',
  'waitForFollowUp', 'wait', 'remind', 'escalate', 'reassign', 'reclaim', 'end',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export function isNodeType(value: unknown): value is NodeType {
  return typeof value === 'string' && (NODE_TYPES as readonly string[]).includes(value);
}
