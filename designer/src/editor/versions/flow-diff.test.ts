import { describe, expect, it } from 'vitest';
import { diffFlows } from '../../../../engine/core/flow';
import type { DraftDoc } from '../model/draft.types';
import { diffDecorations, mergedForDiff } from './flow-diff';

const base: DraftDoc = {
  schemaVersion: 1, id: 'f', name: 'F', kind: 'allocation', trigger: 'customerCreated',
  nodes: [
    { id: 't', type: 'trigger', version: 1, params: { on: 'customerCreated' }, position: { x: 0, y: 0 } },
    { id: 'a', type: 'assign', version: 1, params: { strategy: 'roundRobin', candidateTeams: ['x'] }, position: { x: 300, y: 0 } },
    { id: 'p', type: 'toPool', version: 1, params: { poolId: 'p1' }, position: { x: 600, y: 100 } },
    { id: 'e', type: 'end', version: 1, params: { reason: '' }, position: { x: 600, y: 0 } },
  ],
  edges: [
    { id: 'e1', source: 't', sourceHandle: 'next', target: 'a' },
    { id: 'e2', source: 'a', sourceHandle: 'assigned', target: 'e' },
    { id: 'e3', source: 'a', sourceHandle: 'none', target: 'p' },
  ],
};

describe('drawing a flow diff', () => {
  it('marks added, removed, changed and moved nodes and edges', () => {
    const after: DraftDoc = {
      ...base,
      nodes: [
        base.nodes[0]!,
        { ...base.nodes[1]!, params: { candidateTeams: ['x'], strategy: 'leastLoaded' } },
        { ...base.nodes[3]!, position: { x: 650, y: 0 } },
        { id: 'n', type: 'notify', version: 1, params: {}, position: { x: 900, y: 0 } },
      ],
      edges: [base.edges[0]!, base.edges[1]!, { id: 'e9', source: 'a', sourceHandle: 'none', target: 'e' }],
    };
    const d = diffDecorations(diffFlows(base, after));
    expect(Object.fromEntries(d.nodes)).toEqual({ a: 'changed', e: 'moved', n: 'added', p: 'removed' });
    expect(d.paths.get('a')).toEqual(['/params/strategy']);
    expect(d.edges.get('a|none|e')).toBe('added');
    expect(d.edges.get('a|none|p')).toBe('removed');
    const merged = mergedForDiff(base, after);
    expect(merged.nodes.map((n) => n.id)).toEqual(['t', 'a', 'e', 'n', 'p']);
    expect(merged.edges.map((e) => e.id)).toEqual(['e1', 'e2', 'e9', 'removed:e3']);
  });
});
