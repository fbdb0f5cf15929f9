import { describe, expect, it } from 'vitest';
import { addNode, connect, createNode } from '../model/doc-ops';
import type { DraftDoc } from '../model/draft.types';
import { autoLayout, estimatedSize } from './elk-layout';

function chain(): DraftDoc {
  let doc: DraftDoc = { schemaVersion: 1, id: 'f', name: 'F', kind: 'allocation', trigger: 'customerCreated', nodes: [], edges: [] };
  // every node piled up at the origin, as after a careless paste
  for (const type of ['trigger', 'condition', 'assign', 'toPool', 'end'] as const) doc = addNode(doc, createNode(doc, type, { x: 0, y: 0 }));
  doc = connect(doc, 'trigger-1', 'next', 'condition-1');
  doc = connect(doc, 'condition-1', 'true', 'assign-1');
  doc = connect(doc, 'condition-1', 'false', 'toPool-1');
  doc = connect(doc, 'assign-1', 'assigned', 'end-1');
  doc = connect(doc, 'assign-1', 'none', 'toPool-1');
  doc = connect(doc, 'toPool-1', 'next', 'end-1');
  return doc;
}

describe('auto-layout', () => {
  it('lays the flow out left to right without overlaps', async () => {
    const doc = chain();
    const pos = await autoLayout(doc);
    const x = (id: string) => pos.get(id)!.x;
    expect(x('trigger-1')).toBeLessThan(x('condition-1'));
    expect(x('condition-1')).toBeLessThan(x('assign-1'));
    expect(x('assign-1')).toBeLessThan(x('end-1'));
    const boxes = doc.nodes.map((n) => ({ ...pos.get(n.id)!, ...estimatedSize(3) }));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height - 60 && b.y < a.y + a.height - 60;
        expect(overlap, `${doc.nodes[i]!.id} / ${doc.nodes[j]!.id}`).toBe(false);
      }
  });

  it('handles 150 nodes quickly', async () => {
    let doc: DraftDoc = { ...chain(), nodes: [], edges: [] };
    doc = addNode(doc, createNode(doc, 'trigger', { x: 0, y: 0 }));
    let prev = 'trigger-1';
    let handle = 'next';
    for (let i = 0; i < 149; i++) {
      const n = createNode(doc, 'condition', { x: 0, y: 0 });
      doc = connect(addNode(doc, n), prev, handle, n.id);
      prev = n.id;
      handle = i % 2 ? 'true' : 'false';
    }
    const t = performance.now();
    const pos = await autoLayout(doc);
    expect(pos.size).toBe(150);
    expect(performance.now() - t).toBeLessThan(5000);
  });
});
