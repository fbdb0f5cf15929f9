import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../../../engine/core/flow';
import type { DraftDoc } from './draft.types';
import { addNode, connect, copySelection, createNode, disconnect, moveNodes, pasteClip, placeNear, removeElements, setNodeLabel, updateParams } from './doc-ops';

const empty = (): DraftDoc => ({ schemaVersion: 1, id: 'f1', name: 'Test', kind: 'allocation', trigger: 'customerCreated', nodes: [], edges: [] });

function build() {
  let doc = empty();
  const t = createNode(doc, 'trigger', { x: 0, y: 0 });
  doc = addNode(doc, t);
  const c = createNode(doc, 'condition', { x: 300, y: 0 });
  doc = addNode(doc, c);
  const e = createNode(doc, 'end', { x: 600, y: 0 });
  doc = addNode(doc, e);
  return { doc, t, c, e };
}

describe('document edits', () => {
  it('adds nodes with default params and fresh ids', () => {
    const { doc, t, c } = build();
    expect(t.id).toBe('trigger-1');
    expect(c.id).toBe('condition-1');
    expect(t.params.on).toBe('customerCreated');
    expect(c.params.condition).toEqual({ all: [] });
    expect(doc.nodes).toHaveLength(3);
  });

  it('connects named outputs once each, and the flow becomes valid when every output is connected', () => {
    let { doc } = build();
    const { t, c, e } = build();
    doc = connect(doc, t.id, 'next', c.id);
    doc = connect(doc, c.id, 'true', e.id);
    expect(validateFlow(doc).valid).toBe(false);
    expect(validateFlow(doc).errors.some((x) => x.code === 'FLOW_OUTPUT_NOT_CONNECTED' && x.nodeId === c.id)).toBe(true);
    doc = connect(doc, c.id, 'false', e.id);
    expect(validateFlow(doc)).toEqual({ valid: true, errors: [] });
    // reconnecting an output replaces its edge
    const again = connect(doc, c.id, 'false', c.id);
    expect(again).toBe(doc); // self-loop refused
    expect(connect(doc, c.id, 'nope', e.id)).toBe(doc); // unknown output refused
    expect(connect(doc, c.id, 'true', t.id)).toBe(doc); // into the trigger refused
    expect(disconnect(doc, c.id, 'false').edges).toHaveLength(2);
  });

  it('removes nodes with their edges', () => {
    let { doc } = build();
    const { t, c, e } = build();
    doc = connect(connect(doc, t.id, 'next', c.id), c.id, 'true', e.id);
    const after = removeElements(doc, [c.id]);
    expect(after.nodes.map((n) => n.id)).toEqual([t.id, e.id]);
    expect(after.edges).toEqual([]);
  });

  it('keeps unchanged nodes as the same objects when moving', () => {
    const { doc, t, c } = build();
    const moved = moveNodes(doc, new Map([[c.id, { x: 310.4, y: 20.6 }]]));
    expect(moved.nodes[0]).toBe(doc.nodes[0]);
    expect(moved.nodes[1]?.position).toEqual({ x: 310, y: 21 });
    expect(moveNodes(doc, new Map([[t.id, { x: 0, y: 0 }]]))).toBe(doc);
  });

  it('drops edges of outputs that disappear and keeps the flow trigger in step with the trigger node', () => {
    let doc = empty();
    const t = createNode(doc, 'trigger', { x: 0, y: 0 });
    doc = addNode(doc, t);
    const s = createNode(doc, 'switch', { x: 300, y: 0 });
    doc = addNode(doc, s);
    const e = createNode(doc, 'end', { x: 600, y: 0 });
    doc = addNode(doc, e);
    doc = connect(connect(doc, s.id, 'A', e.id), s.id, 'B', e.id);
    const cases = (s.params.cases as unknown[]).slice(0, 1);
    doc = updateParams(doc, s.id, { ...s.params, cases });
    expect(doc.edges.map((x) => x.sourceHandle)).toEqual(['A']);
    doc = updateParams(doc, t.id, { on: 'customerImported' });
    expect(doc.trigger).toBe('customerImported');
  });

  it('copies and pastes a selection with new ids and its inner edges', () => {
    let { doc } = build();
    const { t, c, e } = build();
    doc = connect(connect(doc, t.id, 'next', c.id), c.id, 'true', e.id);
    const clip = copySelection(doc, new Set([t.id, c.id, e.id]));
    expect(clip?.nodes.map((n) => n.type)).toEqual(['condition', 'end']); // the trigger is never copied
    const { doc: pasted, ids } = pasteClip(doc, clip!, { x: 40, y: 40 });
    expect(ids).toEqual(['condition-2', 'end-2']);
    expect(pasted.edges.at(-1)).toMatchObject({ source: 'condition-2', sourceHandle: 'true', target: 'end-2' });
    expect(pasted.nodes.at(-1)?.position).toEqual({ x: 640, y: 40 });
  });

  it('names nodes and finds free spots', () => {
    const { doc, c } = build();
    expect(setNodeLabel(doc, c.id, ' VIP? ').nodes[1]?.label).toBe('VIP?');
    expect(setNodeLabel(doc, c.id, '').nodes[1]).not.toHaveProperty('label');
    expect(placeNear(doc, c.id, { x: 0, y: 0 })).toEqual({ x: 600, y: 110 });
  });
});
