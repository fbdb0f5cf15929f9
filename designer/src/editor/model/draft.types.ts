import type { FlowEdge, FlowKindValue, FlowNode } from '../../../../engine/core/flow';

/**
 * A draft as the editor holds it: the flow document's shape (types from the engine's schema), but with params
 * that may be incomplete or invalid while the admin edits — validateFlow says what is wrong.
 */
export type DraftNode = Omit<FlowNode, 'type' | 'params'> & { type: string; params: Record<string, unknown> };
export type DraftEdge = FlowEdge;

export interface DraftDoc {
  schemaVersion: 1;
  id: string;
  name: string;
  description?: string;
  kind: FlowKindValue;
  trigger: string;
  nodes: DraftNode[];
  edges: DraftEdge[];
}

export type XY = { x: number; y: number };
