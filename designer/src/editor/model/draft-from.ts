import type { DraftDoc, DraftEdge, DraftNode } from './draft.types';

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown, d = ''): string => (typeof v === 'string' ? v : d);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/**
 * A stored document as the editor's draft. Drafts may be incomplete; anything the canvas cannot draw (a node
 * without an id, an edge without ends) is dropped here and reported by the validator on the server's copy.
 */
export function draftFrom(document: unknown, fallback: { id: string; name: string; kind: string; trigger: string }): DraftDoc {
  const d = isObj(document) ? document : {};
  const nodes: DraftNode[] = (Array.isArray(d.nodes) ? d.nodes : []).filter(isObj).filter((n) => typeof n.id === 'string' && typeof n.type === 'string').map((n) => {
    const p = isObj(n.position) ? n.position : {};
    const node: DraftNode = {
      id: n.id as string,
      type: n.type as string,
      version: typeof n.version === 'number' ? n.version : 1,
      params: isObj(n.params) ? n.params : {},
      position: { x: num(p.x), y: num(p.y) },
    };
    if (typeof n.label === 'string' && n.label) node.label = n.label;
    return node;
  });
  const edges: DraftEdge[] = (Array.isArray(d.edges) ? d.edges : [])
    .filter(isObj)
    .filter((e) => typeof e.id === 'string' && typeof e.source === 'string' && typeof e.target === 'string' && typeof e.sourceHandle === 'string')
    .map((e) => ({ id: e.id as string, source: e.source as string, sourceHandle: e.sourceHandle as string, target: e.target as string }));
  const kind = d.kind === 'followUp' || d.kind === 'allocation' ? d.kind : fallback.kind === 'followUp' ? 'followUp' : 'allocation';
  const out: DraftDoc = {
    schemaVersion: 1,
    id: str(d.id, fallback.id) || fallback.id,
    name: str(d.name, fallback.name) || fallback.name,
    kind,
    trigger: str(d.trigger, fallback.trigger) || fallback.trigger,
    nodes,
    edges,
  };
  if (typeof d.description === 'string') out.description = d.description;
  return out;
}
