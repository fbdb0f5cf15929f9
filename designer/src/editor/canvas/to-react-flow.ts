import type { Edge, Node } from '@xyflow/react';
import type { Locale } from '../../../../engine/core/common/localized';
import { getNodeDefinition, type NodeCategory } from '../../../../engine/core/nodes';
import type { DraftDoc, DraftNode } from '../model/draft.types';
import { nodeOutputs, nodeSummary } from '../model/node-info';
import type { NodeChange } from '../versions/flow-diff';

/** What a node card shows; built from the document and the editor's decorations. */
export interface CardData extends Record<string, unknown> {
  draft: DraftNode;
  title: string;
  typeLabel: string;
  icon: string;
  category: NodeCategory | 'unknown';
  summary: string;
  outputs: Array<{ id: string; label: string; connected: boolean }>;
  hasInput: boolean;
  errorCount: number;
  /** the simulated customer's result at this node, when a path is lit */
  result?: string;
  /** lit path: hit / dimmed */
  path?: 'hit' | 'dim';
  diff?: NodeChange;
}

export type CardNode = Node<CardData, 'card'>;

export interface Decorations {
  locale: Locale;
  selected: ReadonlySet<string>;
  errorCounts: ReadonlyMap<string, number>;
  /** node id → result words, for a lit simulation path */
  path?: ReadonlyMap<string, string>;
  diff?: ReadonlyMap<string, NodeChange>;
  measured: ReadonlyMap<string, { width: number; height: number }>;
  readOnly?: boolean;
  /** team, rep and pool names by id, so summaries say "Senior team" rather than an id */
  names?: ReadonlyMap<string, string>;
}

const patterns = new WeakMap<ReadonlyMap<string, string>, RegExp>();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces the team, rep and pool ids in a summary by their names (whole ids only; unknown words are left alone). */
export function withNames(summary: string, names: ReadonlyMap<string, string> | undefined): string {
  if (!names || names.size === 0) return summary;
  let re = patterns.get(names);
  if (!re) {
    const keys = [...names.keys()].sort((a, b) => b.length - a.length).map(escape);
    re = new RegExp(`(?<![\\w.:-])(${keys.join('|')})(?![\\w-]|[.:]\\w)`, 'g');
    patterns.set(names, re);
  }
  return summary.replace(re, (id) => names.get(id) ?? id);
}

interface Cached {
  draft: DraftNode;
  key: string;
  /** the key without the measured size: the card's data is kept when only the size changed */
  dataKey: string;
  node: CardNode;
}

/**
 * Builds React Flow nodes from the document, reusing the previous node object whenever neither the document
 * node nor its decorations changed — so dragging one node of 150 re-renders one card.
 */
export class NodeBuilder {
  private cache = new Map<string, Cached>();
  private namesSeen: ReadonlyMap<string, string> | undefined;

  build(doc: DraftDoc, deco: Decorations): CardNode[] {
    // new names (the organisation loaded after the canvas): cards whose words do not change keep their data
    const namesChanged = deco.names !== this.namesSeen;
    this.namesSeen = deco.names;
    const connected = new Set(doc.edges.map((e) => `${e.source}|${e.sourceHandle}`));
    const next = new Map<string, Cached>();
    const out = doc.nodes.map((draft) => {
      const outputs = nodeOutputs(draft);
      const outKey = outputs.map((o) => `${o.id}:${connected.has(`${draft.id}|${o.id}`) ? 1 : 0}`).join(',');
      const m = deco.measured.get(draft.id);
      const result = deco.path?.get(draft.id);
      const pathState = deco.path ? (result !== undefined ? 'hit' : 'dim') : undefined;
      const dataKey = [deco.locale, deco.errorCounts.get(draft.id) ?? 0, outKey, pathState ?? '', result ?? '', deco.diff?.get(draft.id) ?? ''].join('|');
      const key = `${dataKey}|${deco.selected.has(draft.id) ? 1 : 0}|${m ? `${m.width}x${m.height}` : '-'}|${deco.readOnly ? 1 : 0}`;
      const prev = this.cache.get(draft.id);
      const sameWords = !namesChanged || (prev !== undefined && withNames(nodeSummary(draft, deco.locale), deco.names) === prev.node.data.summary);
      if (prev && prev.draft === draft && prev.key === key && sameWords) {
        next.set(draft.id, prev);
        return prev.node;
      }
      if (prev && prev.draft === draft && prev.dataKey === dataKey && sameWords) {
        // only the selection or the measured size changed: same card data, so the card itself does not re-render
        const node: CardNode = { ...prev.node, selected: deco.selected.has(draft.id), ...(m ? { measured: m } : {}) };
        next.set(draft.id, { draft, key, dataKey, node });
        return node;
      }
      const def = getNodeDefinition(draft.type);
      const typeLabel = def ? def.labels[deco.locale] : draft.type;
      const data: CardData = {
        draft,
        title: draft.label || typeLabel,
        typeLabel,
        icon: def?.icon ?? '',
        category: def?.category ?? 'unknown',
        summary: withNames(nodeSummary(draft, deco.locale), deco.names),
        outputs: outputs.map((o) => ({ id: o.id, label: o.labels[deco.locale], connected: connected.has(`${draft.id}|${o.id}`) })),
        hasInput: draft.type !== 'trigger',
        errorCount: deco.errorCounts.get(draft.id) ?? 0,
      };
      if (result !== undefined) data.result = result;
      if (pathState) data.path = pathState;
      const diff = deco.diff?.get(draft.id);
      if (diff) data.diff = diff;
      const node: CardNode = {
        id: draft.id,
        type: 'card',
        position: draft.position,
        data,
        selected: deco.selected.has(draft.id),
        ...(m ? { measured: m } : {}),
        ...(deco.readOnly ? { draggable: false, connectable: false, deletable: false } : {}),
      };
      next.set(draft.id, { draft, key, dataKey, node });
      return node;
    });
    this.cache = next;
    return out;
  }
}

/** React Flow edges; lit-path and diff states become classes and colours. */
export function buildEdges(
  doc: DraftDoc,
  opts: { selected?: ReadonlySet<string>; pathEdges?: ReadonlySet<string>; edgeDiff?: ReadonlyMap<string, string>; locale: Locale },
): Edge[] {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  return doc.edges
    .filter((e) => byId.has(e.source) && byId.has(e.target))
    .map((e) => {
      const key = `${e.source}|${e.sourceHandle}|${e.target}`;
      const diff = opts.edgeDiff?.get(key);
      const removed = e.id.startsWith('removed:');
      const lit = opts.pathEdges?.has(e.id);
      const color = removed || diff === 'removed' ? '#cf222e' : diff === 'added' ? '#2da44e' : lit ? '#d48806' : undefined;
      return {
        id: e.id,
        source: e.source,
        sourceHandle: e.sourceHandle,
        target: e.target,
        targetHandle: 'in',
        selected: opts.selected?.has(e.id) ?? false,
        animated: lit === true,
        ...(removed ? { className: 'allot-edge-removed' } : {}),
        ...(color ? { style: { stroke: color, strokeWidth: 2.5 } } : opts.pathEdges ? { style: { opacity: 0.25 } } : {}),
      };
    });
}
