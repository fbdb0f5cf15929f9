import type { Locale } from '../../../../engine/core/common/localized';
import type { DraftDoc } from '../model/draft.types';
import { nodeOutputs } from '../model/node-info';

export interface PathStepLike {
  nodeId: string;
  output: string;
  summary: { 'zh-CN': string; en: string };
}

/** A customer's way through the flow, as the canvas lights it: each visited node with its result, and the edges taken. */
export interface LitPath {
  customerId: string;
  nodes: ReadonlyMap<string, string>;
  edges: ReadonlySet<string>;
}

export function lightPath(doc: DraftDoc, customerId: string, steps: readonly PathStepLike[], locale: Locale): LitPath {
  const nodes = new Map<string, string>();
  const edges = new Set<string>();
  steps.forEach((s, i) => {
    const node = doc.nodes.find((n) => n.id === s.nodeId);
    const out = node ? nodeOutputs(node).find((o) => o.id === s.output) : undefined;
    const outWord = out ? out.labels[locale] : s.output;
    const summary = s.summary[locale];
    nodes.set(s.nodeId, outWord && summary ? `${outWord} · ${summary}` : summary || outWord);
    const next = steps[i + 1];
    if (next) {
      const edge = doc.edges.find((e) => e.source === s.nodeId && e.sourceHandle === s.output && e.target === next.nodeId);
      if (edge) edges.add(edge.id);
    }
  });
  // the node the path ends on (an End node is reached but never evaluated)
  const last = steps[steps.length - 1];
  if (last) {
    const edge = doc.edges.find((e) => e.source === last.nodeId && e.sourceHandle === last.output);
    if (edge && !nodes.has(edge.target)) {
      nodes.set(edge.target, '');
      edges.add(edge.id);
    }
  }
  return { customerId, nodes, edges };
}
