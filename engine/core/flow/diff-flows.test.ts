import { describe, expect, it } from 'vitest';
import { diffFlows, MAX_DIFF_PATHS } from './diff-flows';

const at = (x: number) => ({ x, y: 0 });
const base = () => ({
  schemaVersion: 1,
  id: 'f1',
  name: 'Tiered',
  kind: 'allocation',
  trigger: 'customerCreated',
  nodes: [
    { id: 'start', type: 'trigger', version: 1, params: { on: 'customerCreated' }, position: at(0) },
    { id: 'score', type: 'score', version: 1, params: { base: 0, rules: [{ label: 'big', points: 40 }, { label: 'vip', points: 10 }], thresholds: { A: 80, B: 60, C: 40 } }, position: at(200) },
    { id: 'assign', type: 'assign', version: 1, params: { candidateTeams: ['t1'], strategy: 'roundRobin' }, position: at(400) },
    { id: 'end', type: 'end', version: 1, params: { reason: '' }, position: at(600) },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceHandle: 'next', target: 'score' },
    { id: 'e2', source: 'score', sourceHandle: 'next', target: 'assign' },
    { id: 'e3', source: 'assign', sourceHandle: 'assigned', target: 'end' },
    { id: 'e4', source: 'assign', sourceHandle: 'none', target: 'end' },
  ],
});

describe('diffFlows', () => {
  it('finds nothing between a document and its copy', () => {
    const d = diffFlows(base(), structuredClone(base()));
    expect(d.identical).toBe(true);
    expect(d.nodes).toEqual({ added: [], removed: [], changed: [], moved: [] });
    expect(d.edges).toEqual({ added: [], removed: [] });
    expect(d.document).toEqual([]);
  });

  it('names added, removed and changed nodes with the changed param paths', () => {
    const to = base();
    to.nodes[1]!.params = { base: 0, rules: [{ label: 'big', points: 45 }, { label: 'vip', points: 10 }], thresholds: { A: 85, B: 60, C: 40 } };
    to.nodes[2]!.params = { candidateTeams: ['t1', 't2'], strategy: 'leastLoaded' };
    to.nodes.splice(3, 1, { id: 'stop', type: 'end', version: 1, params: { reason: 'done' }, position: at(600) });
    const d = diffFlows(base(), to);
    expect(d.nodes.added).toEqual([{ id: 'stop', type: 'end' }]);
    expect(d.nodes.removed).toEqual([{ id: 'end', type: 'end' }]);
    expect(d.nodes.changed).toEqual([
      { id: 'score', type: 'score', paths: ['/params/rules/0/points', '/params/thresholds/A'], truncated: false },
      { id: 'assign', type: 'assign', paths: ['/params/candidateTeams/1', '/params/strategy'], truncated: false },
    ]);
    expect(d.identical).toBe(false);
  });

  it('reports connections by source, output and target: a reconnection is one removed and one added', () => {
    const to = base();
    to.edges[3] = { id: 'e4', source: 'assign', sourceHandle: 'none', target: 'score' };
    to.edges.push({ id: 'e9', source: 'score', sourceHandle: 'next', target: 'end' });
    to.edges[0] = { ...to.edges[0]!, id: 'renamed' };
    const d = diffFlows(base(), to);
    expect(d.edges.removed).toEqual([{ id: 'e4', source: 'assign', sourceHandle: 'none', target: 'end' }]);
    expect(d.edges.added).toEqual([
      { id: 'e4', source: 'assign', sourceHandle: 'none', target: 'score' },
      { id: 'e9', source: 'score', sourceHandle: 'next', target: 'end' },
    ]);
  });

  it('keeps a move on the canvas apart from a change', () => {
    const to = base();
    to.nodes[2]!.position = at(999);
    const d = diffFlows(base(), to);
    expect(d.nodes.changed).toEqual([]);
    expect(d.nodes.moved).toEqual(['assign']);
    expect(d.identical).toBe(false);
  });

  it('lists changed document fields, label and type changes, and removed keys', () => {
    const to = base() as ReturnType<typeof base> & { description?: string };
    to.name = 'Tiered v2';
    to.description = 'new';
    (to.nodes[3] as { label?: string }).label = 'Finish';
    delete (to.nodes[1]!.params as { base?: number }).base;
    const d = diffFlows(base(), to);
    expect(d.document).toEqual(['/description', '/name']);
    expect(d.nodes.changed.map((c) => [c.id, c.paths])).toEqual([
      ['score', ['/params/base']],
      ['end', ['/label']],
    ]);
    expect(d.nodes.changed[1]?.label).toBe('Finish');
  });

  it('escapes pointer tokens and bounds the paths listed per node', () => {
    const many = Object.fromEntries(Array.from({ length: MAX_DIFF_PATHS + 10 }, (_, i) => [`k${String(i).padStart(3, '0')}`, i]));
    const a = { nodes: [{ id: 'n', type: 'x', params: { 'a/b~c': 1, ...many } }], edges: [] };
    const b = { nodes: [{ id: 'n', type: 'x', params: { 'a/b~c': 2, ...Object.fromEntries(Object.keys(many).map((k) => [k, -1])) } }], edges: [] };
    const d = diffFlows(a, b);
    const change = d.nodes.changed[0];
    expect(change?.paths[0]).toBe('/params/a~1b~0c');
    expect(change?.paths).toHaveLength(MAX_DIFF_PATHS);
    expect(change?.truncated).toBe(true);
  });

  it('tolerates junk: non-objects, nodes without ids, duplicate ids, missing arrays', () => {
    expect(diffFlows(null, 'x').identical).toBe(true);
    const d = diffFlows({ nodes: [1, null, { type: 'end' }, { id: 'a', type: 'end' }, { id: 'a', type: 'trigger' }] }, { nodes: 'nope', edges: [{ source: 'a' }, 5] });
    expect(d.nodes.removed).toEqual([{ id: 'a', type: 'end' }]);
    expect(d.edges.added).toEqual([]);
    const deep: Record<string, unknown> = {};
    let cur = deep;
    for (let i = 0; i < 200; i++) cur = (cur.x = {}) as Record<string, unknown>;
    expect(() => diffFlows({ nodes: [{ id: 'n', params: deep }] }, { nodes: [{ id: 'n', params: {} }] })).not.toThrow();
  });

  it('from an empty document everything is added', () => {
    const d = diffFlows({ nodes: [], edges: [] }, base());
    expect(d.nodes.added.map((n) => n.id)).toEqual(['start', 'score', 'assign', 'end']);
    expect(d.edges.added).toHaveLength(4);
    expect(d.document).toEqual(['/kind', '/name', '/schemaVersion', '/trigger']);
  });
});
