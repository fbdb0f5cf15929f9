import type { Static, TSchema } from '@sinclair/typebox';
import type { FlowKind, NodeDefinition } from '../node-definition';

type Evaluate<P extends TSchema> = NonNullable<NodeDefinition<P>['evaluate']>;
type Step<P extends TSchema> = NonNullable<NodeDefinition<P>['step']>;

/** `evaluate` is required when the node may sit in allocation flows, `step` when it may sit in follow-up flows. */
type SemanticsFor<P extends TSchema, K extends readonly FlowKind[]> =
  ('allocation' extends K[number] ? { evaluate: Evaluate<P> } : unknown) &
  ('followUp' extends K[number] ? { step: Step<P> } : unknown);

/** A node definition with every part its kinds need; `type` and `kinds` keep their literal types. */
export type CompleteNodeDefinition<T extends string, P extends TSchema, K extends readonly FlowKind[]> =
  NodeDefinition<P> & { type: T; kinds: K } & SemanticsFor<P, K>;

/**
 * Declares a node type. Typing only: the compiler rejects a definition lacking `evaluate` (allocation kinds)
 * or `step` (follow-up kinds), and keeps the params schema's static type for the callbacks.
 */
export function defineNode<const T extends string, P extends TSchema, const K extends readonly FlowKind[]>(
  def: CompleteNodeDefinition<T, P, K>,
): CompleteNodeDefinition<T, P, K> {
  return def;
}

/** The params type of a node definition. */
export type ParamsOf<D> = D extends NodeDefinition<infer P> ? Static<P> : never;
