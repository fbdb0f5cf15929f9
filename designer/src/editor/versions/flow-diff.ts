import type { FlowDiff } from '../../../../engine/core/flow';
import type { DraftDoc, DraftEdge } from '../model/draft.types';

/**
 * Drawing a diff computed by the engine's `diffFlows` (or served by the API's diff route): node states for the
 * cards, edge states for the connections, and one document holding both sides so removed nodes can be shown.
 */
export type NodeChange = 'added' | 'removed' | 'changed' | 'moved' | 'same';
export type EdgeChange = 'added' | 'removed';

export const edgeKey = (e: Pick<DraftEdge, 'source' | 'sourceHandle' | 'target'>): string => `${e.source}|${e.sourceHandle}|${e.target}`;

export interface DiffDecorations {
  nodes: Map<string, NodeChange>;
  /** keyed by edgeKey */
  edges: Map<string, EdgeChange>;
  /** changed paths per changed node (`/params/strategy`) */
  paths: Map<string, string[]>;
}

export function diffDecorations(diff: FlowDiff): DiffDecorations {
  const nodes = new Map<string, NodeChange>();
  const paths = new Map<string, string[]>();
  for (const n of diff.nodes.added) nodes.set(n.id, 'added');
  for (const n of diff.nodes.removed) nodes.set(n.id, 'removed');
  for (const n of diff.nodes.changed) {
    nodes.set(n.id, 'changed');
    paths.set(n.id, n.paths);
  }
  for (const id of diff.nodes.moved) if (!nodes.has(id)) nodes.set(id, 'moved');
  const edges = new Map<string, EdgeChange>();
  for (const e of diff.edges.added) edges.set(edgeKey(e), 'added');
  for (const e of diff.edges.removed) edges.set(edgeKey(e), 'removed');
  return { nodes, edges, paths };
}

/**
 * One document to draw the diff on: every node of `after` plus the removed nodes of `before` at their old
 * positions; the edges of `after` plus the removed ones (ids prefixed `removed:` so they can be struck out).
 */
export function mergedForDiff(before: DraftDoc, after: DraftDoc): DraftDoc {
  const ids = new Set(after.nodes.map((n) => n.id));
  const kept = new Set(after.edges.map(edgeKey));
  const removedEdges = before.edges.filter((e) => !kept.has(edgeKey(e))).map((e) => ({ ...e, id: `removed:${e.id}` }));
  return {
    ...after,
    nodes: [...after.nodes, ...before.nodes.filter((n) => !ids.has(n.id))],
    edges: [...after.edges, ...removedEdges],
  };
}
