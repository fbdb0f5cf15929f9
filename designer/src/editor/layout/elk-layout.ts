import type { ELK as ElkApi, ElkNode } from 'elkjs/lib/elk-api';
import type { DraftDoc, XY } from '../model/draft.types';
import { nodeOutputs } from '../model/node-info';

/** Auto-layout with ELK's layered algorithm: left to right, one port per named output, in output order. */

export interface Size {
  width: number;
  height: number;
}

export const NODE_WIDTH = 240;

/** The card's height before it is measured: header, summary and one row per output. */
export function estimatedSize(outputCount: number): Size {
  return { width: NODE_WIDTH, height: 78 + 24 * Math.max(outputCount, 0) };
}

let elk: ElkApi | undefined;

/** ELK is large (≈1.4 MB): loaded the first time a layout is asked for, not when the editor opens. */
async function engine(): Promise<ElkApi> {
  if (!elk) {
    const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
    elk = new ELK();
  }
  return elk;
}

export async function autoLayout(doc: DraftDoc, measured: ReadonlyMap<string, Size> = new Map()): Promise<Map<string, XY>> {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.separateConnectedComponents': 'true',
    },
    children: doc.nodes.map((n) => {
      const outputs = nodeOutputs(n);
      const size = measured.get(n.id) ?? estimatedSize(outputs.length);
      return {
        id: n.id,
        width: size.width,
        height: size.height,
        layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
        ports: [
          { id: `${n.id}::in`, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'WEST' } },
          ...outputs.map((o, i) => ({ id: `${n.id}::out::${o.id}`, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(i) } })),
        ],
      };
    }),
    edges: doc.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => {
        const from = doc.nodes.find((n) => n.id === e.source);
        const hasPort = from ? nodeOutputs(from).some((o) => o.id === e.sourceHandle) : false;
        return { id: e.id, sources: [hasPort ? `${e.source}::out::${e.sourceHandle}` : e.source], targets: [`${e.target}::in`] };
      }),
  };
  const out = await (await engine()).layout(graph);
  const positions = new Map<string, XY>();
  for (const c of out.children ?? []) positions.set(c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) });
  return positions;
}
