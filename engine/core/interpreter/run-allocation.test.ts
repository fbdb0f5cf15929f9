import { describe, expect, it } from 'vitest';
import { text } from '../common/localized';
import type { NodeDefinition } from '../nodes/node-definition';
import { getNodeDefinition } from '../nodes/node.registry';
import { prepareFlow } from './prepare-flow';
import { runAllocation } from './run-allocation';
import { makeCustomer, makeEnv, makeFlow, makeRep, NOW, type EdgeSpec, type NodeSpec } from './test-fixtures';
import { Type } from '@sinclair/typebox';

const seniors = [makeRep('s1', { teamId: 'senior', level: 5, industries: ['finance'] }), makeRep('s2', { teamId: 'senior', level: 4, industries: ['retail'] })];
const juniors = [makeRep('j1', { teamId: 'junior' }), makeRep('j2', { teamId: 'junior' }), makeRep('m1', { teamId: 'junior', isManager: true, level: 5 })];
const reps = [...seniors, ...juniors];

const tieredNodes: NodeSpec[] = [
  { id: 'start', type: 'trigger' },
  {
    id: 'score',
    type: 'score',
    params: {
      rules: [
        { label: 'big deal', condition: { fact: 'estimatedValue', operator: 'greaterThanInclusive', value: 500000 }, points: 60 },
        { label: 'finance', condition: { fact: 'industry', operator: 'equal', value: 'finance' }, points: 25 },
      ],
    },
  },
  { id: 'tag', type: 'tag', params: { rules: [{ condition: { fact: 'estimatedValue', operator: 'greaterThanInclusive', value: 500000 }, tags: ['bigDeal'] }] } },
  { id: 'byGrade', type: 'switch', params: { field: 'grade', cases: [{ key: 'A', label: 'A', values: ['A'] }, { key: 'B', label: 'B', values: ['B'] }] } },
  { id: 'toSenior', type: 'assign', params: { candidateTeams: ['senior'], strategy: 'skillMatch' } },
  { id: 'toJunior', type: 'assign', params: { candidateTeams: ['junior'], strategy: 'roundRobin', repFilter: { fact: 'rep.isManager', operator: 'equal', value: false } } },
  { id: 'pool', type: 'toPool', params: { poolId: 'pool-main' } },
  { id: 'notifyOwner', type: 'notify', params: { recipients: ['owner'] } },
  { id: 'end', type: 'end' },
];
const tieredEdges: EdgeSpec[] = [
  ['start', 'next', 'score'],
  ['score', 'next', 'tag'],
  ['tag', 'next', 'byGrade'],
  ['byGrade', 'A', 'toSenior'],
  ['byGrade', 'B', 'toJunior'],
  ['byGrade', 'default', 'toJunior'],
  ['toSenior', 'assigned', 'notifyOwner'],
  ['toSenior', 'none', 'pool'],
  ['toJunior', 'assigned', 'notifyOwner'],
  ['toJunior', 'none', 'end'],
  ['notifyOwner', 'next', 'end'],
  ['pool', 'next', 'end'],
];
const tiered = prepareFlow(makeFlow('allocation', tieredNodes, tieredEdges));

describe('runAllocation', () => {
  it('follows the outputs, applies every effect and explains the path', () => {
    const customer = makeCustomer({ estimatedValue: 800000, industry: 'finance' });
    const r = runAllocation(tiered, customer, makeEnv(reps));
    expect(r.outcome).toBe('assigned');
    expect(r.path.map((p) => `${p.nodeId}:${p.output}`)).toEqual(['start:next', 'score:next', 'tag:next', 'byGrade:A', 'toSenior:assigned', 'notifyOwner:next']);
    expect(r.score).toBe(85);
    expect(r.grade).toBe('A');
    expect(r.tags).toEqual(['bigDeal']);
    expect(r.ownerId).toBe('s1'); // skill match: finance specialist, level 5
    expect(r.teamId).toBe('senior');
    expect(r.decidedBy).toBe('toSenior');
    expect(r.allocationChanges).toHaveLength(1);
    expect(r.allocationChanges[0]).toMatchObject({ nodeKey: 'f1:toSenior', repId: 's1' });
    expect(r.notifications).toEqual([expect.objectContaining({ nodeId: 'notifyOwner', channel: 'inApp', to: ['s1'] })]);
    expect(r.customer).toMatchObject({ ownerId: 's1', status: 'assigned', assignedAt: NOW, grade: 'A' });
    expect(r.why.en).toContain('Assigned to Rep s1 (node toSenior)');
    expect(r.why['zh-CN']).toContain('分配给 Rep s1');
    // the trace keeps each node's detail: the score lines, the candidates with their eligibility
    expect(r.trace.map((t) => t.nodeId)).toEqual(r.path.map((p) => p.nodeId));
    expect(r.trace.find((t) => t.nodeId === 'toSenior')?.effects).toEqual(['assign']);
    const detail = r.trace.find((t) => t.nodeId === 'toSenior')?.detail as { candidates: { repId: string; eligible: boolean }[] };
    expect(detail.candidates.map((c) => c.repId).sort()).toEqual(['s1', 's2']);
  });

  it('never mutates the input customer', () => {
    const customer = makeCustomer({ estimatedValue: 800000 });
    const before = structuredClone(customer);
    runAllocation(tiered, customer, makeEnv(reps));
    expect(customer).toEqual(before);
  });

  it('takes the pool branch when no senior is eligible, with the pool reason', () => {
    const busy = seniors.map((s) => ({ ...s, status: 'onLeave' as const }));
    const r = runAllocation(tiered, makeCustomer({ estimatedValue: 900000, industry: 'finance' }), makeEnv([...busy, ...juniors]));
    expect(r.outcome).toBe('pool');
    expect(r.poolId).toBe('pool-main');
    expect(r.ownerId).toBeUndefined();
    expect(r.allocationChanges).toEqual([]);
    expect(r.path.map((p) => p.output)).toEqual(['next', 'next', 'next', 'A', 'none', 'next']);
    expect(r.why.en).toContain('Put in pool 公海');
  });

  it('reports NO_ELIGIBLE_REP with the assign node when `none` leads to end', () => {
    const full = juniors.map((j) => ({ ...j, capacity: 0 }));
    const r = runAllocation(tiered, makeCustomer({ estimatedValue: 1000 }), makeEnv([...seniors, ...full]));
    expect(r.outcome).toBe('unassigned');
    expect(r.unassigned).toMatchObject({ code: 'NO_ELIGIBLE_REP', nodeId: 'toJunior' });
    expect(r.why.en).toMatch(/No eligible rep at node toJunior/);
    expect(r.ownerId).toBeUndefined();
  });

  it('rotates round robin when the state changes are fed back', () => {
    const env = makeEnv(reps);
    const owners: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = runAllocation(tiered, makeCustomer({ id: `c${i}`, estimatedValue: 10 }), env);
      owners.push(r.ownerId ?? '-');
      for (const ch of r.allocationChanges) {
        const s = env.nodeStates[ch.nodeKey] ?? { nodeKey: ch.nodeKey, seq: 0, lastSeq: {}, currentWeight: {}, assigned: {} };
        env.nodeStates[ch.nodeKey] = { ...s, seq: ch.newSeq, lastSeq: { ...s.lastSeq, [ch.repId]: ch.lastSeq } };
      }
    }
    expect(owners).toEqual(['j1', 'j2', 'j1', 'j2']); // the manager is filtered out by the rep filter
  });

  it('ends without decision → unassigned ENDED_WITHOUT_DECISION', () => {
    const p = prepareFlow(makeFlow('allocation', [{ id: 't', type: 'trigger' }, { id: 'e', type: 'end' }], [['t', 'next', 'e']]));
    const r = runAllocation(p, makeCustomer(), makeEnv(reps));
    expect(r.outcome).toBe('unassigned');
    expect(r.unassigned?.code).toBe('ENDED_WITHOUT_DECISION');
    expect(r.why['zh-CN']).toContain('客户未分配');
  });

  it('treats an unconnected output as the end of the flow, never dropping the customer silently', () => {
    const p = prepareFlow(makeFlow('allocation', [{ id: 't', type: 'trigger' }], []));
    const r = runAllocation(p, makeCustomer(), makeEnv(reps));
    expect(r.outcome).toBe('unassigned');
    expect(r.unassigned).toMatchObject({ code: 'ENDED_WITHOUT_DECISION', nodeId: 't' });
  });

  it('recognises duplicates and keeps their owner', () => {
    const p = prepareFlow(makeFlow('allocation', [
      { id: 't', type: 'trigger' }, { id: 'd', type: 'dedupe', params: { matchBy: ['phone'] } },
      { id: 'a', type: 'assign' }, { id: 'e', type: 'end' },
    ], [['t', 'next', 'd'], ['d', 'new', 'a'], ['d', 'duplicate', 'e'], ['a', 'assigned', 'e'], ['a', 'none', 'e']]));
    const env = makeEnv(reps, { existing: [{ id: 'old', name: 'Old', phone: '138 0000 0000', ownerId: 'j2', status: 'assigned' }] });
    const r = runAllocation(p, makeCustomer({ phone: '13800000000' }), env);
    expect(r.outcome).toBe('duplicate');
    expect(r.duplicateOf).toBe('old');
    expect(r.ownerId).toBe('j2');
    expect(r.allocationChanges).toEqual([]);
  });

  it('adds the manager as collaborator to the owner', () => {
    const p = prepareFlow(makeFlow('allocation', [
      { id: 't', type: 'trigger' }, { id: 'a', type: 'assign', params: { candidateTeams: ['junior'], repFilter: { fact: 'rep.isManager', operator: 'equal', value: false } } },
      { id: 'c', type: 'collaborate', params: { mode: 'manager' } }, { id: 'e', type: 'end' },
    ], [['t', 'next', 'a'], ['a', 'assigned', 'c'], ['a', 'none', 'e'], ['c', 'next', 'e']]));
    const r = runAllocation(p, makeCustomer(), makeEnv(reps));
    expect(r.ownerId).toBe('j1');
    expect(r.collaboratorIds).toEqual(['m1']);
  });

  it('keeps no trace detail when asked, but always the path', () => {
    const r = runAllocation(tiered, makeCustomer({ estimatedValue: 800000 }), makeEnv(reps), { trace: false });
    expect(r.trace).toEqual([]);
    expect(r.path).toHaveLength(6);
    expect(r.outcome).toBe('assigned');
  });

  it('refuses a follow-up flow', () => {
    const p = prepareFlow(makeFlow('followUp', [{ id: 't', type: 'trigger' }, { id: 'e', type: 'end' }], [['t', 'next', 'e']]));
    expect(() => runAllocation(p, makeCustomer(), makeEnv(reps))).toThrow(/FLOW_WRONG_KIND/);
  });
});

describe('runAllocation guards', () => {
  const passThrough = (type: string, onEvaluate: () => void = () => {}): NodeDefinition => ({
    type, version: 1, kinds: ['allocation'], category: 'logic', icon: 'X', labels: text(type, type), help: text(type, type),
    params: Type.Object({}), outputs: () => [{ id: 'next', labels: text('n', 'n') }], summary: () => type, waits: false, references: () => [],
    evaluate: () => {
      onEvaluate();
      return { output: 'next', effects: [], trace: { summary: text(type, type) } };
    },
  });
  const lookup = (extra: Record<string, NodeDefinition>) => (t: string) => extra[t] ?? getNodeDefinition(t);

  it('stops a loop with LOOP_GUARD and undoes any assignment made on the way', () => {
    const doc = makeFlow('allocation', [{ id: 't', type: 'trigger' }, { id: 'a', type: 'assign' }, { id: 'x', type: 'spin' }, { id: 'y', type: 'spin' }],
      [['t', 'next', 'a'], ['a', 'assigned', 'x'], ['a', 'none', 'x'], ['x', 'next', 'y'], ['y', 'next', 'x']]);
    const p = prepareFlow(doc, { lookup: lookup({ spin: passThrough('spin') }), maxSteps: 50 });
    const r = runAllocation(p, makeCustomer(), makeEnv(reps));
    expect(r.outcome).toBe('unassigned');
    expect(r.unassigned?.code).toBe('LOOP_GUARD');
    expect(r.why.en).toContain('more than 50 nodes');
    expect(r.allocationChanges).toEqual([]);
    expect(r.ownerId).toBeUndefined();
    expect(r.customer.ownerId).toBeUndefined();
    expect(r.path.length).toBe(50);
  });

  it('turns a failing node into NODE_ERROR instead of throwing', () => {
    const boom = { ...passThrough('boom'), evaluate: () => { throw new Error('kaput'); } };
    const p = prepareFlow(makeFlow('allocation', [{ id: 't', type: 'trigger' }, { id: 'b', type: 'boom' }], [['t', 'next', 'b']]), { lookup: lookup({ boom }) });
    const r = runAllocation(p, makeCustomer(), makeEnv(reps));
    expect(r.outcome).toBe('unassigned');
    expect(r.unassigned).toMatchObject({ code: 'NODE_ERROR', nodeId: 'b' });
    expect(r.why.en).toContain('kaput');
  });

  it('prepares each node once per flow version, never per decision', () => {
    let prepares = 0;
    let evaluations = 0;
    const counted: NodeDefinition = {
      ...passThrough('counted', () => { evaluations++; }),
      prepare: () => { prepares++; return { compiled: true }; },
      evaluate: (_p, ctx) => {
        evaluations++;
        expect(ctx.prepared).toEqual({ compiled: true });
        return { output: 'next', effects: [], trace: { summary: text('c', 'c') } };
      },
    };
    const p = prepareFlow(makeFlow('allocation', [{ id: 't', type: 'trigger' }, { id: 'c', type: 'counted' }, { id: 'e', type: 'end' }], [['t', 'next', 'c'], ['c', 'next', 'e']]), { lookup: lookup({ counted }) });
    for (let i = 0; i < 100; i++) runAllocation(p, makeCustomer(), makeEnv(reps));
    expect(prepares).toBe(1);
    expect(evaluations).toBe(100);
  });

  it('rejects documents it cannot run', () => {
    expect(() => prepareFlow(makeFlow('allocation', [{ id: 't', type: 'nope' }], []))).toThrow(/FLOW_NOT_RUNNABLE/);
    expect(() => prepareFlow(makeFlow('allocation', [{ id: 'e', type: 'end' }], []))).toThrow(/no trigger/);
    expect(() => prepareFlow(makeFlow('allocation', [{ id: 't', type: 'trigger' }], [['t', 'next', 'ghost']]))).toThrow(/does not exist/);
  });
});
