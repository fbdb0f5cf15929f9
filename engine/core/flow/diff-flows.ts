import type { DiffEdgeRef, DiffNodeChange, DiffNodeRef, FlowDiff } from './diff-flows.schema';
import { ptr } from './flow-error';

export type { DiffEdgeRef, DiffNodeChange, DiffNodeRef, FlowDiff } from './diff-flows.schema';

/**
 * What changed between two flow documents (two versions, or a version and a draft): nodes added, removed and
 * changed (with the JSON pointers of what changed inside each node, relative to the node), nodes only moved on
 * the canvas, connections added and removed, and changed document fields (name, trigger …). Tolerates invalid
 * drafts: items without a string id are ignored, the first of two nodes with the same id counts.
 */

/** most paths listed per node (and for the document) */
export const MAX_DIFF_PATHS = 50;
const MAX_DEPTH = 64;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

class PathSink {
  readonly paths: string[] = [];
  truncated = false;
  add(p: string): void {
    if (this.paths.length < MAX_DIFF_PATHS) this.paths.push(p);
    else this.truncated = true;
  }
  get full(): boolean {
    return this.truncated;
  }
}

/** Appends the pointers (below `at`) where a and b differ. */
function diffValues(a: unknown, b: unknown, at: string, sink: PathSink, depth: number): void {
  if (sink.full || a === b) return;
  if (depth > MAX_DEPTH) return sink.add(at);
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n && !sink.full; i++) {
      if (i >= a.length || i >= b.length) sink.add(ptr(at, i));
      else diffValues(a[i], b[i], ptr(at, i), sink, depth + 1);
    }
    return;
  }
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      if (sink.full) return;
      const inA = Object.hasOwn(a, k);
      const inB = Object.hasOwn(b, k);
      if (inA !== inB) sink.add(ptr(at, k));
      else diffValues(a[k], b[k], ptr(at, k), sink, depth + 1);
    }
    return;
  }
  if (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b)) return;
  sink.add(at);
}

function nodesById(doc: unknown): Map<string, Obj> {
  const out = new Map<string, Obj>();
  const nodes = isObj(doc) && Array.isArray(doc.nodes) ? doc.nodes : [];
  for (const n of nodes) {
    const id = isObj(n) ? str(n.id) : undefined;
    if (id !== undefined && isObj(n) && !out.has(id)) out.set(id, n);
  }
  return out;
}

function edgeRefs(doc: unknown): DiffEdgeRef[] {
  const edges = isObj(doc) && Array.isArray(doc.edges) ? doc.edges : [];
  const out: DiffEdgeRef[] = [];
  for (const e of edges) {
    if (!isObj(e)) continue;
    const source = str(e.source);
    const target = str(e.target);
    if (source === undefined || target === undefined) continue;
    out.push({ id: str(e.id) ?? '', source, sourceHandle: str(e.sourceHandle) ?? '', target });
  }
  return out;
}

const edgeKey = (e: DiffEdgeRef) => `${e.source}\u0000${e.sourceHandle}\u0000${e.target}`;

function refOf(id: string, n: Obj): DiffNodeRef {
  const label = str(n.label);
  return label ? { id, type: str(n.type) ?? '', label } : { id, type: str(n.type) ?? '' };
}

/** Edges of `a` without a counterpart in `b` (as a multiset: two identical connections count twice). */
function edgesMissingFrom(a: DiffEdgeRef[], b: DiffEdgeRef[]): DiffEdgeRef[] {
  const left = new Map<string, number>();
  for (const e of b) left.set(edgeKey(e), (left.get(edgeKey(e)) ?? 0) + 1);
  const out: DiffEdgeRef[] = [];
  for (const e of a) {
    const k = edgeKey(e);
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    else out.push(e);
  }
  return out;
}

const withoutKeys = (o: Obj, keys: readonly string[]): Obj => {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) if (!keys.includes(k)) out[k] = v;
  return out;
};

/** The differences from `from` to `to`. Pure; never throws on malformed input. */
export function diffFlows(from: unknown, to: unknown): FlowDiff {
  const docSink = new PathSink();
  diffValues(isObj(from) ? withoutKeys(from, ['nodes', 'edges', 'id']) : {}, isObj(to) ? withoutKeys(to, ['nodes', 'edges', 'id']) : {}, '', docSink, 0);

  const a = nodesById(from);
  const b = nodesById(to);
  const added: DiffNodeRef[] = [];
  const removed: DiffNodeRef[] = [];
  const changed: DiffNodeChange[] = [];
  const moved: string[] = [];
  for (const [id, n] of a) if (!b.has(id)) removed.push(refOf(id, n));
  for (const [id, n] of b) {
    const before = a.get(id);
    if (!before) {
      added.push(refOf(id, n));
      continue;
    }
    const sink = new PathSink();
    diffValues(withoutKeys(before, ['id', 'position']), withoutKeys(n, ['id', 'position']), '', sink, 0);
    if (sink.paths.length > 0) changed.push({ ...refOf(id, n), paths: sink.paths, truncated: sink.truncated });
    const posSink = new PathSink();
    diffValues(before.position, n.position, '/position', posSink, 0);
    if (posSink.paths.length > 0) moved.push(id);
  }

  const ea = edgeRefs(from);
  const eb = edgeRefs(to);
  const edges = { added: edgesMissingFrom(eb, ea), removed: edgesMissingFrom(ea, eb) };
  const identical =
    docSink.paths.length === 0 && added.length === 0 && removed.length === 0 && changed.length === 0 && moved.length === 0 && edges.added.length === 0 && edges.removed.length === 0;
  return { document: docSink.paths, nodes: { added, removed, changed, moved }, edges, identical };
}
