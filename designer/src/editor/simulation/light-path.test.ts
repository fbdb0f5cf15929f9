import { describe, expect, it } from 'vitest';
import { addNode, connect, createNode } from '../model/doc-ops';
import type { DraftDoc } from '../model/draft.types';
import { lightPath } from './light-path';

describe('lighting a customer path', () => {
  it('marks visited nodes with their result and the edges taken, up to the end node', () => {
    let doc: DraftDoc = { schemaVersion: 1, id: 'f', name: 'F', kind: 'allocation', trigger: 'customerCreated', nodes: [], edges: [] };
    for (const type of ['trigger', 'condition', 'assign', 'end'] as const) doc = addNode(doc, createNode(doc, type, { x: 0, y: 0 }));
    doc = connect(doc, 'trigger-1', 'next', 'condition-1');
    doc = connect(doc, 'condition-1', 'true', 'assign-1');
    doc = connect(doc, 'condition-1', 'false', 'end-1');
    doc = connect(doc, 'assign-1', 'assigned', 'end-1');
    const w = (s: string) => ({ 'zh-CN': s, en: s });
    const lit = lightPath(doc, 'c1', [
      { nodeId: 'trigger-1', output: 'next', summary: w('created') },
      { nodeId: 'condition-1', output: 'true', summary: w('grade = A') },
      { nodeId: 'assign-1', output: 'assigned', summary: w('→ Ann') },
    ], 'en');
    expect([...lit.nodes.keys()]).toEqual(['trigger-1', 'condition-1', 'assign-1', 'end-1']);
    expect(lit.nodes.get('condition-1')).toBe('True · grade = A');
    expect(lit.edges.size).toBe(3);
  });
});
