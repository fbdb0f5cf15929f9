import { ID_PATTERN } from '../../../../engine/core/flow';
import { defaultParams, getNodeDefinition, isNodeType } from '../../../../engine/core/nodes';
import type { DraftDoc, DraftEdge, DraftNode, XY } from './draft.types';
import { nodeOutputs } from './node-info';

/** Pure edits of a draft document; each returns a new document and leaves unchanged nodes as the same objects. */

const idOk = new RegExp(ID_PATTERN);

/** A fresh id `<prefix>-<n>` unused in `taken`. */
export function freshId(prefix: string, taken: ReadonlySet<string>): string {
  const base = idOk.test(prefix) ? prefix : 'node';
  for (let n = 1; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

export function nodeIds(doc: DraftDoc): Set<string> {
  return new Set(doc.nodes.map((n) => n.id));
}

/** A node of `type` at `position` with its default params. */
export function createNode(doc: DraftDoc, type: string, position: XY): DraftNode {
  const def = getNodeDefinition(type);
  if (!def || !isNodeType(type)) throw new Error(`unknown node type ${type}`);
  const params = defaultParams(type);
  if (type === 'trigger') params.on = doc.trigger;
  return { id: freshId(type, nodeIds(doc)), type, version: def.version, params, position: { x: Math.round(position.x), y: Math.round(position.y) } };
}

export function addNode(doc: DraftDoc, node: DraftNode): DraftDoc {
  return { ...doc, nodes: [...doc.nodes, node] };
}

/**
 * Connects an output to a node. An output leads to one node, so an existing edge from the same output is
 * replaced. Unknown nodes or outputs, and edges into the trigger, are refused (the document is returned as is).
 */
export function connect(doc: DraftDoc, source: string, sourceHandle: string, target: string): DraftDoc {
  const from = doc.nodes.find((n) => n.id === source);
  const to = doc.nodes.find((n) => n.id === target);
  if (!from || !to || source === target || to.type === 'trigger') return doc;
  if (!nodeOutputs(from).some((o) => o.id === sourceHandle)) return doc;
  const existing = doc.edges.find((e) => e.source === source && e.sourceHandle === sourceHandle);
  if (existing?.target === target) return doc;
  const edges = doc.edges.filter((e) => e !== existing);
  const edge: DraftEdge = { id: freshId('e', new Set(doc.edges.map((e) => e.id))), source, sourceHandle, target };
  return { ...doc, edges: [...edges, edge] };
}

/** Removes the output's edge, if any. */
export function disconnect(doc: DraftDoc, source: string, sourceHandle: string): DraftDoc {
  const edges = doc.edges.filter((e) => !(e.source === source && e.sourceHandle === sourceHandle));
  return edges.length === doc.edges.length ? doc : { ...doc, edges };
}

/** Removes nodes (with every edge touching them) and edges. */
export function removeElements(doc: DraftDoc, nodeIdsToRemove: Iterable<string>, edgeIdsToRemove: Iterable<string> = []): DraftDoc {
  const nodes = new Set(nodeIdsToRemove);
  const edges = new Set(edgeIdsToRemove);
  if (nodes.size === 0 && edges.size === 0) return doc;
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => !nodes.has(n.id)),
    edges: doc.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
  };
}

/** Moves nodes; positions are rounded to whole pixels. */
export function moveNodes(doc: DraftDoc, positions: ReadonlyMap<string, XY>): DraftDoc {
  if (positions.size === 0) return doc;
  let changed = false;
  const nodes = doc.nodes.map((n) => {
    const p = positions.get(n.id);
    if (!p) return n;
    const x = Math.round(p.x);
    const y = Math.round(p.y);
    if (x === n.position.x && y === n.position.y) return n;
    changed = true;
    return { ...n, position: { x, y } };
  });
  return changed ? { ...doc, nodes } : doc;
}

/**
 * New params for a node. Edges from outputs that no longer exist (a removed switch case) are dropped, and a
 * trigger's event becomes the flow's trigger.
 */
export function updateParams(doc: DraftDoc, nodeId: string, params: Record<string, unknown>): DraftDoc {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node) return doc;
  const next: DraftNode = { ...node, params };
  const outputs = new Set(nodeOutputs(next).map((o) => o.id));
  const edges = doc.edges.filter((e) => e.source !== nodeId || outputs.has(e.sourceHandle));
  const trigger = node.type === 'trigger' && typeof params.on === 'string' ? params.on : doc.trigger;
  return { ...doc, trigger, nodes: doc.nodes.map((n) => (n === node ? next : n)), edges: edges.length === doc.edges.length ? doc.edges : edges };
}

/** A node's own name on the canvas ('' removes it). */
export function setNodeLabel(doc: DraftDoc, nodeId: string, label: string): DraftDoc {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      if (n.id !== nodeId) return n;
      const { label: _old, ...rest } = n;
      return label.trim() ? { ...rest, label: label.trim() } : rest;
    }),
  };
}

/** Copied nodes and the edges between them. */
export interface Clip {
  nodes: DraftNode[];
  edges: DraftEdge[];
}

export function copySelection(doc: DraftDoc, ids: ReadonlySet<string>): Clip | null {
  const nodes = doc.nodes.filter((n) => ids.has(n.id) && n.type !== 'trigger');
  if (nodes.length === 0) return null;
  const kept = new Set(nodes.map((n) => n.id));
  return { nodes: structuredClone(nodes), edges: structuredClone(doc.edges.filter((e) => kept.has(e.source) && kept.has(e.target))) };
}

/** Pastes a clip with fresh ids, shifted by `offset`; returns the document and the new node ids. */
export function pasteClip(doc: DraftDoc, clip: Clip, offset: XY): { doc: DraftDoc; ids: string[] } {
  const taken = nodeIds(doc);
  const rename = new Map<string, string>();
  const nodes = clip.nodes.map((n) => {
    const id = freshId(n.type, taken);
    taken.add(id);
    rename.set(n.id, id);
    return { ...structuredClone(n), id, position: { x: Math.round(n.position.x + offset.x), y: Math.round(n.position.y + offset.y) } };
  });
  const edgeIds = new Set(doc.edges.map((e) => e.id));
  const edges = clip.edges.flatMap((e) => {
    const source = rename.get(e.source);
    const target = rename.get(e.target);
    if (!source || !target) return [];
    const id = freshId('e', edgeIds);
    edgeIds.add(id);
    return [{ id, source, sourceHandle: e.sourceHandle, target }];
  });
  return { doc: { ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] }, ids: nodes.map((n) => n.id) };
}

/** Where a newly added node goes: right of the given node, or at `fallback`; nudged down past occupied spots. */
export function placeNear(doc: DraftDoc, anchorId: string | undefined, fallback: XY): XY {
  const anchor = anchorId ? doc.nodes.find((n) => n.id === anchorId) : undefined;
  const p = anchor ? { x: anchor.position.x + 300, y: anchor.position.y } : { ...fallback };
  const busy = (q: XY) => doc.nodes.some((n) => Math.abs(n.position.x - q.x) < 200 && Math.abs(n.position.y - q.y) < 90);
  for (let i = 0; i < 50 && busy(p); i++) p.y += 110;
  return { x: Math.round(p.x), y: Math.round(p.y) };
}
