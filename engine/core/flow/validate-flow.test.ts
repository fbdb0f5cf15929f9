import { describe, expect, it } from 'vitest';
import { flowSchemaValidator } from './flow-ajv';
import { FLOW_ERROR, type FlowError } from './flow-error';
import { allocationFlow, followUpFlow } from './sample-flows.fixture';
import { parseFlow, validateFlow } from './validate-flow';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests poke at documents freely
const CTX = { teamIds: ['senior', 'general'], repIds: ['r1'], poolIds: ['public'], fields: ['budget'] };
const codes = (doc: unknown, ctx?: typeof CTX) => validateFlow(doc, ctx).errors.map((e) => e.code);
const only = (doc: unknown, code: string, ctx?: typeof CTX): FlowError[] => validateFlow(doc, ctx).errors.filter((e) => e.code === code);
const alloc = (): Doc => allocationFlow();
const follow = (): Doc => followUpFlow();
const node = (d: Doc, id: string): Doc => d.nodes.find((n: Doc) => n.id === id);

describe('validateFlow: valid documents', () => {
  it('accepts the samples, with and without context', () => {
    for (const d of [alloc(), follow()]) {
      expect(validateFlow(d)).toEqual({ valid: true, errors: [] });
      expect(validateFlow(d, CTX)).toEqual({ valid: true, errors: [] });
    }
  });

  it('parseFlow fills params defaults without touching the input, and the result passes the published schema', () => {
    const input = follow();
    const before = JSON.stringify(input);
    const r = parseFlow(input);
    expect(JSON.stringify(input)).toBe(before);
    if (!r.ok) throw new Error('expected ok');
    const remind = r.flow.nodes.find((n) => n.id === 'r');
    expect(remind?.type === 'remind' && remind.params.message.en).toBe('Please follow up with {{customer.name}} soon');
    const whole = flowSchemaValidator();
    expect(whole(r.flow), JSON.stringify(whole.errors)).toBe(true);
    expect(whole(input)).toBe(false); // the stored form is complete; the input relied on defaults
  });
});

describe('validateFlow: hostile input comes back as errors', () => {
  it.each([
    ['a number', 42, FLOW_ERROR.notObject],
    ['a string', 'flow', FLOW_ERROR.notObject],
    ['null', null, FLOW_ERROR.notObject],
    ['an array', [], FLOW_ERROR.notObject],
    ['undefined', undefined, FLOW_ERROR.notJson],
    ['a function', () => 1, FLOW_ERROR.notJson],
    ['NaN inside', { ...allocationFlow(), schemaVersion: Number.NaN }, FLOW_ERROR.notJson],
    ['a Date inside', { ...allocationFlow(), description: new Date(0) }, FLOW_ERROR.notJson],
    ['a Map', new Map(), FLOW_ERROR.notJson],
    ['a hole in a list', { ...allocationFlow(), edges: [undefined] }, FLOW_ERROR.notJson],
    ['a bigint', { ...allocationFlow(), schemaVersion: 1n }, FLOW_ERROR.notJson],
  ])('%s', (_name, input, code) => {
    const r = validateFlow(input);
    expect(r.valid).toBe(false);
    expect(r.errors.map((e) => e.code)).toContain(code);
  });

  it('a cyclic object graph', () => {
    const d = alloc();
    node(d, 'sc').params.rules[0].condition.all.push(d);
    expect(codes(d)).toEqual([FLOW_ERROR.cyclicObject]);
  });

  it('a condition nested 1,000 deep, quickly', () => {
    let cond: Doc = { fact: 'industry', operator: 'equal', value: 'x' };
    for (let i = 0; i < 1000; i++) cond = { not: cond };
    const d = alloc();
    node(d, 'sc').params.rules[0].condition = cond;
    const t = performance.now();
    expect(codes(d)).toEqual([FLOW_ERROR.tooDeep]);
    expect(performance.now() - t).toBeLessThan(200);
  });

  it('a 5 MB document, quickly', () => {
    const big = { ...alloc(), description: 'x'.repeat(5_000_000) };
    const many = alloc();
    for (let i = 0; i < 60_000; i++) many.edges.push({ id: `e${i}`, source: 't', sourceHandle: 'next', target: 'dd' });
    for (const d of [big, many]) {
      const t = performance.now();
      const r = validateFlow(d);
      expect(r.valid).toBe(false);
      expect(r.errors.map((e) => e.code)).toEqual([FLOW_ERROR.tooLarge]);
      expect(performance.now() - t).toBeLessThan(500);
    }
  });

  it('more than 500 nodes or 2,000 edges', () => {
    const d = alloc();
    for (let i = 0; i < 500; i++) d.nodes.push({ id: `n${i}`, type: 'end', version: 1, params: {}, position: { x: 0, y: 0 } });
    expect(codes(d)).toEqual([FLOW_ERROR.tooManyNodes]);
    const e = alloc();
    for (let i = 0; i < 2000; i++) e.edges.push({ id: `e${i}`, source: 't', sourceHandle: 'next', target: 'dd' });
    expect(codes(e)).toEqual([FLOW_ERROR.tooManyEdges]);
  });

  it('prototype keys (__proto__, constructor, prototype), without polluting anything', () => {
    const d = JSON.parse(JSON.stringify(alloc()).replace('"params":{"on":"customerCreated"}', '"params":{"on":"customerCreated","__proto__":{"polluted":true}}'));
    const errs = only(d, FLOW_ERROR.forbiddenKey);
    expect(errs.map((e) => e.pointer)).toEqual(['/nodes/0/params/__proto__']);
    const c = alloc();
    Object.defineProperty(c, 'constructor', { value: { prototype: { polluted: true } }, enumerable: true });
    node(c, 'sc').params.rules[0].condition.all[0].prototype = 1;
    expect(only(c, FLOW_ERROR.forbiddenKey).map((e) => e.pointer)).toEqual(['/nodes/2/params/rules/0/condition/all/0/prototype', '/constructor']);
    expect(({} as Doc).polluted).toBeUndefined();
  });

  it('values that throw when read', () => {
    const d = alloc();
    Object.defineProperty(d, 'name', { enumerable: true, get: () => { throw new Error('boom'); } });
    expect(codes(d)).toEqual([FLOW_ERROR.unreadable]);
    const p = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
    expect(codes(p)).toEqual([FLOW_ERROR.unreadable]);
  });
});

describe('validateFlow: the schema, in sentences', () => {
  it('names missing, unknown, mistyped, out-of-range and malformed fields', () => {
    const d = alloc();
    delete d.name;
    d.color = 'red';
    d.kind = 'sales';
    d.edges[0].id = 'a b';
    node(d, 'dd').params.matchBy = [];
    node(d, 'sw').params.cases = 'grade';
    const errs = validateFlow(d).errors;
    const at = (code: string) => errs.filter((e) => e.code === code).map((e) => e.pointer);
    expect(at(FLOW_ERROR.fieldRequired)).toEqual(['/name']);
    expect(at(FLOW_ERROR.fieldUnknown)).toEqual(['/color']);
    expect(at(FLOW_ERROR.fieldValue)).toEqual(['/kind']);
    expect(at(FLOW_ERROR.fieldFormat)).toEqual(['/edges/0/id']);
    expect(at(FLOW_ERROR.fieldRange)).toEqual(['/nodes/1/params/matchBy']);
    expect(at(FLOW_ERROR.fieldType)).toEqual(['/nodes/3/params/cases']);
    const kind = errs.find((e) => e.pointer === '/kind');
    expect(kind?.message.en).toBe('"kind" must be one of: "allocation", "followUp".');
    expect(errs.find((e) => e.pointer === '/nodes/1/params/matchBy')?.nodeId).toBe('dd');
  });

  it('reports condition problems with their own codes and pointers into the document', () => {
    const d = alloc();
    node(d, 'sc').params.rules[1].condition = { fact: 'estimatedValue', operator: 'between', value: [5] };
    node(d, 'a1').params.repFilter = { any: [{ fact: 'rep.industries', operator: 'containz', value: 'x' }] };
    const errs = validateFlow(d).errors;
    expect(errs.map((e) => [e.code, e.pointer, e.nodeId])).toEqual([
      ['CONDITION_BAD_BETWEEN', '/nodes/2/params/rules/1/condition/value', 'sc'],
      ['CONDITION_UNKNOWN_OPERATOR', '/nodes/4/params/repFilter/any/0/operator', 'a1'],
    ]);
  });

  it('runs each node type’s own checks', () => {
    const d = alloc();
    node(d, 'sc').params.thresholds = { A: 50, B: 60, C: 40 };
    expect(only(d, 'FLOW_SCORE_THRESHOLDS_ORDER').map((e) => e.pointer)).toEqual(['/nodes/2/params/thresholds/B']);
  });
});

describe('validateFlow: nodes', () => {
  it('unknown node types', () => {
    const d = alloc();
    node(d, 'nt').type = 'sms';
    const e = only(d, FLOW_ERROR.unknownNodeType);
    expect(e).toEqual([expect.objectContaining({ pointer: '/nodes/6/type', nodeId: 'nt' })]);
  });

  it('node types not allowed in the flow kind', () => {
    const d = alloc();
    node(d, 'nt').type = 'remind';
    node(d, 'nt').params = {};
    expect(only(d, FLOW_ERROR.nodeKindMismatch).map((e) => e.message.en)).toEqual(['A "Remind" node belongs in follow-up flows only; remove it or use a suitable node.']);
    const f = follow();
    node(f, 'r').type = 'score';
    expect(only(f, FLOW_ERROR.nodeKindMismatch)).toHaveLength(1);
  });

  it('node versions the catalog does not have', () => {
    const d = alloc();
    node(d, 'sc').version = 7;
    expect(only(d, FLOW_ERROR.nodeVersionUnsupported).map((e) => e.pointer)).toEqual(['/nodes/2/version']);
  });
});

describe('validateFlow: the graph', () => {
  it('exactly one trigger, matching the flow’s trigger', () => {
    const none = alloc();
    none.nodes.shift();
    none.edges.shift();
    expect(codes(none)).toContain(FLOW_ERROR.noTrigger);
    const two = alloc();
    two.nodes.push({ id: 't2', type: 'trigger', version: 1, params: { on: 'customerCreated' }, position: { x: 0, y: 0 } });
    two.edges.push({ id: 'xx', source: 't2', sourceHandle: 'next', target: 'e1' });
    expect(only(two, FLOW_ERROR.multipleTriggers).map((e) => e.nodeId)).toEqual(['t2']);
    const mismatch = alloc();
    mismatch.trigger = 'customerImported';
    expect(only(mismatch, FLOW_ERROR.triggerMismatch).map((e) => e.pointer)).toEqual(['/nodes/0/params/on']);
  });

  it('unique node and edge ids', () => {
    const d = alloc();
    d.nodes.push({ ...node(d, 'e1') });
    d.edges.push({ ...d.edges[0] });
    expect(only(d, FLOW_ERROR.duplicateNodeId).map((e) => e.pointer)).toEqual(['/nodes/9/id']);
    expect(only(d, FLOW_ERROR.duplicateEdgeId).map((e) => e.pointer)).toEqual(['/edges/13/id']);
  });

  it('dangling edges: unknown source, target or output, into the trigger, or a second edge on one output', () => {
    const d = alloc();
    d.edges.push({ id: 'g1', source: 'ghost', sourceHandle: 'next', target: 'e1' });
    d.edges.push({ id: 'g2', source: 'nt', sourceHandle: 'next', target: 'ghost' });
    d.edges.push({ id: 'g3', source: 'a1', sourceHandle: 'maybe', target: 'e1' });
    d.edges.push({ id: 'g4', source: 'pool', sourceHandle: 'next', target: 't' });
    d.edges.push({ id: 'g5', source: 'dd', sourceHandle: 'new', target: 'e1' });
    const errs = validateFlow(d).errors;
    const pick = (code: string) => errs.filter((e) => e.code === code).map((e) => e.pointer);
    expect(pick(FLOW_ERROR.edgeUnknownSource)).toEqual(['/edges/13/source']);
    expect(pick(FLOW_ERROR.edgeUnknownTarget)).toEqual(['/edges/14/target']);
    expect(pick(FLOW_ERROR.edgeUnknownHandle)).toEqual(['/edges/15/sourceHandle']);
    expect(errs.find((e) => e.code === FLOW_ERROR.edgeUnknownHandle)?.message.en).toContain('(outputs: assigned, none)');
    expect(pick(FLOW_ERROR.edgeIntoTrigger)).toEqual(['/edges/16/target']);
    expect(pick(FLOW_ERROR.outputMultipleEdges)).toEqual(['/edges/17']);
  });

  it('every output connected, naming the node and the output', () => {
    const d = alloc();
    d.edges = d.edges.filter((e: Doc) => e.id !== 'x9');
    const e = only(d, FLOW_ERROR.outputNotConnected);
    expect(e).toEqual([expect.objectContaining({ nodeId: 'a1', pointer: '/nodes/4' })]);
    expect(e[0]?.message.en).toBe('Output "None" (none) of "Assign" (a1) is not connected; connect it to the next step or to an "End" node.');
    expect(e[0]?.message['zh-CN']).toBe('“分配销售”(a1) 的出口“无人可分”（none）没有连线；请连到下一步，或连到“结束”节点。');
    const sw = alloc();
    node(sw, 'sw').params.cases.push({ key: 'C', label: 'C grade', values: ['C'] });
    expect(only(sw, FLOW_ERROR.outputNotConnected).map((x) => x.message.en)).toEqual(['Output "C grade" (C) of "Switch" (sw) is not connected; connect it to the next step or to an "End" node.']);
  });

  it('every node reachable from the trigger', () => {
    const d = alloc();
    d.nodes.push({ id: 'lost', type: 'end', version: 1, params: {}, position: { x: 0, y: 0 }, label: 'Orphan' });
    expect(only(d, FLOW_ERROR.nodeUnreachable).map((e) => [e.nodeId, e.message.en])).toEqual([['lost', '"Orphan" (lost) cannot be reached from the trigger; connect it into the flow or delete it.']]);
  });

  it('cycles only through a waiting node', () => {
    const d = alloc();
    d.edges.find((e: Doc) => e.id === 'x12').target = 'sc';
    expect(only(d, FLOW_ERROR.cycleWithoutWait).map((e) => e.message.en)).toEqual(['Nodes sc → sw → a1 → nt → a2 form a loop; allocation flows cannot loop, so break it.']);
    const f = follow();
    f.edges.find((e: Doc) => e.id === 'y4').target = 'r'; // remind → remind
    expect(only(f, FLOW_ERROR.cycleWithoutWait).map((e) => e.nodeId)).toEqual(['r']);
    const ok = follow(); // loops back through waitForFollowUp
    expect(codes(ok)).toEqual([]);
  });
});

describe('validateFlow: references', () => {
  it('fields must exist in the catalog, custom attributes in the context', () => {
    const d = alloc();
    node(d, 'sc').params.rules[0].condition.all[0].fact = 'industy';
    node(d, 'sc').params.rules[1].condition.fact = 'attributes.budget';
    node(d, 'sw').params.field = 'attributes.region2';
    expect(only(d, FLOW_ERROR.unknownField).map((e) => e.pointer)).toEqual(['/nodes/2/params/rules/0/condition/all/0/fact']);
    expect(only(d, FLOW_ERROR.unknownField, CTX).map((e) => e.pointer)).toEqual(['/nodes/2/params/rules/0/condition/all/0/fact', '/nodes/3/params/field']);
  });

  it('teams, reps and pools must exist when the context lists them', () => {
    const d = alloc();
    node(d, 'a2').params.candidateTeams = ['general', 'ghosts'];
    node(d, 'a2').params.strategy = 'specific';
    node(d, 'a2').params.specific = { repId: 'r404' };
    node(d, 'pool').params.poolId = 'atlantis';
    expect(validateFlow(d).valid).toBe(true);
    const errs = validateFlow(d, CTX).errors;
    expect(errs.map((e) => [e.code, e.pointer])).toEqual([
      [FLOW_ERROR.unknownTeam, '/nodes/5/params/candidateTeams/1'],
      [FLOW_ERROR.unknownRep, '/nodes/5/params/specific/repId'],
      [FLOW_ERROR.unknownPool, '/nodes/7/params/poolId'],
    ]);
  });
});

describe('validateFlow: every error', () => {
  it('carries a code, a pointer into the document, and a sentence in both languages; the list is capped', () => {
    const d = alloc();
    for (let i = 0; i < 300; i++) d.nodes.push({ id: `u${i}`, type: 'mystery', version: 1, params: {}, position: { x: 0, y: 0 } });
    const errs = validateFlow(d).errors;
    expect(errs).toHaveLength(201);
    expect(errs.at(-1)?.code).toBe(FLOW_ERROR.tooManyErrors);
    for (const e of errs) {
      expect(e.code).toMatch(/^[A-Z_]+$/);
      expect(e.pointer === '' || e.pointer.startsWith('/')).toBe(true);
      expect(e.message['zh-CN'].length).toBeGreaterThan(5);
      expect(e.message.en.length).toBeGreaterThan(5);
    }
  });
});
