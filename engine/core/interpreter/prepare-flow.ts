import { CoreError } from '../common/core-error';
import { text } from '../common/localized';
import type { FlowKind, NodeDefinition } from '../nodes/node-definition';
import { getNodeDefinition } from '../nodes/node.registry';
import type { FlowDocument } from '../flow/flow.schema';

/**
 * A flow version compiled once for running: nodes indexed by id, each output resolved to its target node,
 * and every node's `prepare(params)` result (compiled conditions, lookup tables) computed ahead of time,
 * so a decision does no parsing, lookup by string scan or re-compilation.
 */
export interface PreparedNode {
  id: string;
  type: string;
  def: NodeDefinition;
  /** `def.evaluate`, read once (every prepared node has this shape; node definitions differ in theirs) */
  evaluate: NodeDefinition['evaluate'];
  params: unknown;
  /** what def.prepare(params) returned (undefined when the type has no prepare) */
  prepared: unknown;
  /** sourceHandle → target node; a handle missing here has no edge */
  next: Record<string, PreparedNode>;
  isEnd: boolean;
  waits: boolean;
}

export interface PreparedFlow {
  id: string;
  version: number;
  kind: FlowKind;
  trigger: PreparedNode;
  nodes: ReadonlyMap<string, PreparedNode>;
  /** upper bound on nodes visited in one run / one stepper call (loop guard) */
  maxSteps: number;
  doc: FlowDocument;
}

export type NodeLookup = (type: string) => NodeDefinition | undefined;

export interface PrepareOptions {
  /** where node types are looked up (default: the node registry) */
  lookup?: NodeLookup;
  /** the version number recorded in results (default: the document's `version`, else 0) */
  version?: number;
  maxSteps?: number;
}

const invalid = (zh: string, en: string, pointer?: string): CoreError => new CoreError('FLOW_NOT_RUNNABLE', text(zh, en), pointer);

/**
 * Compiles a flow document for the interpreter and stepper. The document is expected to be valid
 * (validateFlow); this still rejects what would make running impossible (no trigger, an unknown node type,
 * an edge to a missing node) with a CoreError `FLOW_NOT_RUNNABLE`.
 */
export function prepareFlow(doc: FlowDocument, opts: PrepareOptions = {}): PreparedFlow {
  const lookup = opts.lookup ?? getNodeDefinition;
  const nodes = new Map<string, PreparedNode>();
  let trigger: PreparedNode | undefined;
  doc.nodes.forEach((n, i) => {
    const def = lookup(n.type);
    if (!def) throw invalid(`节点 ${n.id} 的类型 "${n.type}" 不存在。`, `Node ${n.id} has an unknown type "${n.type}".`, `/nodes/${i}/type`);
    if (nodes.has(n.id)) throw invalid(`节点 id "${n.id}" 重复。`, `Node id "${n.id}" appears twice.`, `/nodes/${i}/id`);
    const params: unknown = n.params ?? {};
    const node: PreparedNode = {
      id: n.id,
      type: n.type,
      def,
      evaluate: def.evaluate,
      params,
      prepared: def.prepare ? def.prepare(params as never) : undefined,
      next: Object.create(null) as Record<string, PreparedNode>,
      isEnd: n.type === 'end',
      waits: def.waits,
    };
    nodes.set(n.id, node);
    if (n.type === 'trigger') {
      if (trigger) throw invalid('流程只能有一个触发节点。', 'A flow has exactly one trigger node.', `/nodes/${i}`);
      trigger = node;
    }
  });
  if (!trigger) throw invalid('流程缺少触发节点。', 'The flow has no trigger node.', '/nodes');
  doc.edges.forEach((e, i) => {
    const from = nodes.get(e.source);
    const to = nodes.get(e.target);
    if (!from || !to) {
      throw invalid(`连线 ${e.id} 指向不存在的节点。`, `Edge ${e.id} connects a node that does not exist.`, `/edges/${i}`);
    }
    from.next[e.sourceHandle] = to;
  });
  const versioned = doc as { version?: unknown };
  return {
    id: doc.id,
    version: opts.version ?? (typeof versioned.version === 'number' ? versioned.version : 0),
    kind: doc.kind,
    trigger,
    nodes,
    maxSteps: opts.maxSteps ?? Math.max(64, nodes.size * 4),
    doc,
  };
}
