import type { TSchema } from '@sinclair/typebox';
import type { FlowKind, NodeDefinition } from './node-definition';
import type { NodeType } from './node-types';
import { assignNode } from './assign/assign.node.js';
import { collaborateNode } from './collaborate/collaborate.node.js';
import { conditionNode } from './condition/condition.node.js';
import { dedupeNode } from './dedupe/dedupe.node.js';
import { endNode } from './end/end.node.js';
import { escalateNode } from './escalate/escalate.node.js';
import { notifyNode } from './notify/notify.node.js';
import { reassignNode } from './reassign/reassign.node.js';
import { reclaimNode } from './reclaim/reclaim.node.js';
import { remindNode } from './remind/remind.node.js';
import { scoreNode } from './score/score.node.js';
import { switchNode } from './switch/switch.node.js';
import { tagNode } from './tag/tag.node.js';
import { toPoolNode } from './toPool/toPool.node.js';
import { triggerNode } from './trigger/trigger.node.js';
import { waitNode } from './wait/wait.node.js';
import { waitForFollowUpNode } from './waitForFollowUp/waitForFollowUp.node.js';

export { NODE_TYPES, isNodeType, type NodeType } from './node-types';

/** Every type in `NodeType`, each mapped to a definition whose `type` is that key. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry keeps its own params type
export type RegistryShape = { [K in NodeType]: NodeDefinition<any> & { type: K } };

/**
 * Every node type, keyed by its type. Typed so that a type in `NodeType` missing here, a definition registered
 * under another key, or a definition lacking `evaluate` (allocation kinds) / `step` (follow-up kinds) fails to compile.
 */
const registry = {
  trigger: triggerNode,
  condition: conditionNode,
  switch: switchNode,
  score: scoreNode,
  tag: tagNode,
  dedupe: dedupeNode,
  assign: assignNode,
  collaborate: collaborateNode,
  toPool: toPoolNode,
  notify: notifyNode,
  waitForFollowUp: waitForFollowUpNode,
  wait: waitNode,
  remind: remindNode,
  escalate: escalateNode,
  reassign: reassignNode,
  reclaim: reclaimNode,
  end: endNode,
} satisfies RegistryShape;

/** Compile-time proof every entry carries the semantics its kinds need (see CompleteNodeDefinition). */
export type IncompleteEntries<R> = {
  [K in keyof R]: R[K] extends { kinds: infer Ks extends readonly FlowKind[] }
    ? ('allocation' extends Ks[number] ? (R[K] extends { evaluate: object } ? never : K) : never)
      | ('followUp' extends Ks[number] ? (R[K] extends { step: object } ? never : K) : never)
    : K;
}[keyof R];
const everyDefinitionComplete: [IncompleteEntries<typeof registry>] extends [never] ? true : never = true;
void everyDefinitionComplete;

export type NodeRegistry = typeof registry;
export const nodeRegistry: NodeRegistry = registry;

/** The definition of a node type, or undefined for an unknown type (safe for any string, e.g. `__proto__`). */
export function getNodeDefinition(type: string): NodeDefinition | undefined {
  return Object.hasOwn(registry, type) ? (registry[type as NodeType] as unknown as NodeDefinition<TSchema>) : undefined;
}

/** Every definition, in palette order. */
export function allNodeDefinitions(): NodeDefinition[] {
  return Object.values(registry) as unknown as NodeDefinition[];
}
