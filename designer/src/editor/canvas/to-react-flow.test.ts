import { describe, expect, it } from 'vitest';
import { addNode, connect, createNode, moveNodes, updateParams } from '../model/doc-ops';
import type { DraftDoc } from '../model/draft.types';
import { NodeBuilder, buildEdges, withNames, type Decorations } from './to-react-flow';

function flow(): DraftDoc {
  let doc: DraftDoc = { schemaVersion: 1, id: 'f', name: 'F', kind: 'allocation', trigger: 'customerCreated', nodes: [], edges: [] };
  for (const type of ['trigger', 'assign', 'end'] as const) doc = addNode(doc, createNode(doc, type, { x: 0, y: 0 }));
  return connect(connect(doc, 'trigger-1', 'next', 'assign-1'), 'assign-1', 'assigned', 'end-1');
}
const deco = (over: Partial<Decorations> = {}): Decorations => ({ locale: 'en', selected: new Set(), errorCounts: new Map(), measured: new Map(), ...over });

describe('document → canvas', () => {
  it('describes each node in words with its named outputs and which are connected', () => {
    const nodes = new NodeBuilder().build(flow(), deco());
    const assign = nodes[1]!;
    expect(assign.data.title).toBe('Assign');
    expect(assign.data.summary).toBe('Round robin among all teams');
    expect(assign.data.outputs).toEqual([
      { id: 'assigned', label: 'Assigned', connected: true },
      { id: 'none', label: 'None', connected: false },
    ]);
    expect(nodes[0]!.data.hasInput).toBe(false);
  });

  it('reuses unchanged nodes, so a drag re-renders one card', () => {
    const b = new NodeBuilder();
    const doc = flow();
    const first = b.build(doc, deco());
    const moved = b.build(moveNodes(doc, new Map([['end-1', { x: 50, y: 50 }]])), deco());
    expect(moved[0]).toBe(first[0]);
    expect(moved[1]).toBe(first[1]);
    expect(moved[2]).not.toBe(first[2]);
    const zh = b.build(doc, deco({ locale: 'zh-CN' }));
    expect(zh[1]).not.toBe(first[1]);
    expect(zh[1]!.data.title).toBe('分配销售');
  });

  it('puts team names in place of ids', () => {
    const team = '65a1b2c3d4e5f6a7b8c9d0e1';
    const doc = updateParams(flow(), 'assign-1', { ...flow().nodes[1]!.params, candidateTeams: [team] });
    const nodes = new NodeBuilder().build(doc, deco({ names: new Map([[team, 'Senior']]) }));
    expect(nodes[1]!.data.summary).toContain('Senior');
    expect(nodes[1]!.data.summary).not.toContain(team);
    expect(withNames('to 000000000000000000000000', new Map())).toBe('to 000000000000000000000000');
  });

  it('draws edges into the single input handle and lights a path', () => {
    const doc = flow();
    const edges = buildEdges(doc, { locale: 'en', pathEdges: new Set([doc.edges[0]!.id]) });
    expect(edges.map((e) => [e.sourceHandle, e.targetHandle])).toEqual([['next', 'in'], ['assigned', 'in']]);
    expect(edges[0]!.animated).toBe(true);
    expect(edges[1]!.style).toEqual({ opacity: 0.25 });
  });
});

describe('names in summaries', () => {
  it('replaces whole ids only', () => {
    const names = new Map([['core', 'Core team'], ['pool-main', 'Public pool']]);
    expect(withNames('Round robin among core', names)).toBe('Round robin among Core team');
    expect(withNames('score of core-2 and pool-main:', names)).toBe('score of core-2 and Public pool:');
  });
});

describe('measuring and selecting', () => {
  it('keeps the card data when only the size or the selection changes', () => {
    const b = new NodeBuilder();
    const doc = flow();
    const first = b.build(doc, deco());
    const measured = b.build(doc, deco({ measured: new Map([['assign-1', { width: 240, height: 120 }]]), selected: new Set(['assign-1']) }));
    expect(measured[1]).not.toBe(first[1]);
    expect(measured[1]!.data).toBe(first[1]!.data);
    expect(measured[1]).toMatchObject({ selected: true, measured: { width: 240, height: 120 } });
  });
});
