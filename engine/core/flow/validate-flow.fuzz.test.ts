import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NODE_TYPES } from '../nodes/node-types';
import { flowSchemaValidator } from './flow-ajv';
import { allocationFlow, followUpFlow } from './sample-flows.fixture';
import { parseFlow, validateFlow } from './validate-flow';

type Json = Record<string, unknown>;
const samples = [allocationFlow, followUpFlow];

/** Runs the validator and checks what must hold for any input: no throw, well-formed errors, valid ⇔ no error. */
function check(input: unknown): { valid: boolean } {
  const r = validateFlow(input);
  expect(r.valid).toBe(r.errors.length === 0);
  for (const e of r.errors) {
    expect(typeof e.code).toBe('string');
    expect(e.pointer === '' || e.pointer.startsWith('/')).toBe(true);
    expect(e.message['zh-CN'].length + e.message.en.length).toBeGreaterThan(0);
  }
  if (r.valid) {
    const parsed = parseFlow(input);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(flowSchemaValidator()(parsed.flow)).toBe(true);
  }
  return r;
}

/** Every object inside a value, with its path (to pick a place to damage). */
function objectsIn(v: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(v)) v.forEach((x) => objectsIn(x, out));
  else if (v !== null && typeof v === 'object') {
    out.push(v as Json);
    Object.values(v).forEach((x) => objectsIn(x, out));
  }
  return out;
}

/** The objects of a list field, or [] once earlier damage replaced it (the document is already broken then). */
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter((x): x is Json => x !== null && typeof x === 'object' && !Array.isArray(x)) : []);

/** Damage that always makes a valid document invalid (one per case: a second could undo the first). */
const breaking: Array<fc.Arbitrary<(d: Json) => void>> = [
  fc.constantFrom('schemaVersion', 'id', 'name', 'kind', 'trigger', 'nodes', 'edges').map((k) => (d: Json) => { delete d[k]; }),
  fc.tuple(fc.constantFrom('schemaVersion', 'id', 'name', 'kind', 'nodes', 'edges'), fc.oneof(fc.constant(null), fc.boolean(), fc.dictionary(fc.string(), fc.integer())))
    .map(([k, v]) => (d: Json) => { d[k] = v; }),
  fc.nat().map((i) => (d: Json) => { if (Array.isArray(d.edges) && d.edges.length) d.edges.splice(i % d.edges.length, 1); }),
  fc.tuple(fc.nat(), fc.constantFrom('source', 'target')).map(([i, side]) => (d: Json) => {
    const e = list(d.edges);
    if (e.length) (e[i % e.length] as Json)[side] = 'nowhere';
  }),
  fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !(NODE_TYPES as readonly string[]).includes(s))).map(([i, t]) => (d: Json) => {
    const n = list(d.nodes);
    if (n.length) (n[i % n.length] as Json).type = t;
  }),
  fc.nat().map((i) => (d: Json) => { const n = list(d.nodes); if (n.length) (d.nodes as Json[]).push(structuredClone(n[i % n.length] as Json)); }),
  fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 8 })).map(([i, k]) => (d: Json) => {
    const objs = objectsIn(d);
    (objs[i % objs.length] as Json)[`zz_${k}`] = 1;
  }),
  fc.nat().map((i) => (d: Json) => {
    const n = list(d.nodes);
    if (n.length && Array.isArray(d.edges)) d.edges.push({ id: 'loop', source: (n[i % n.length] as Json).id, sourceHandle: 'next', target: (n[i % n.length] as Json).id });
  }),
];

/** Damage that may or may not break a document: any value anywhere replaced by random JSON. */
const replacing = fc.tuple(fc.nat(), fc.nat(), fc.jsonValue({ maxDepth: 3 })).map(([i, j, v]) => (d: Json) => {
  const objs = objectsIn(d);
  const o = objs[i % objs.length] as Json;
  const keys = Object.keys(o);
  if (keys.length) o[keys[j % keys.length] as string] = v;
});

const nodeLike = fc.record({
  id: fc.constantFrom('a', 'b', 'c', 't', 'e'),
  type: fc.oneof(fc.constantFrom(...NODE_TYPES), fc.string({ maxLength: 6 })),
  version: fc.oneof(fc.constant(1), fc.integer()),
  params: fc.oneof(fc.constant({}), fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 })),
  position: fc.oneof(fc.constant({ x: 0, y: 0 }), fc.jsonValue({ maxDepth: 1 })),
}, { requiredKeys: ['id', 'type'] });
const edgeLike = fc.record({
  id: fc.string({ minLength: 1, maxLength: 3 }),
  source: fc.constantFrom('a', 'b', 'c', 't', 'e'),
  sourceHandle: fc.constantFrom('next', 'true', 'false', 'assigned', 'none', 'done', 'timeout', 'x'),
  target: fc.constantFrom('a', 'b', 'c', 't', 'e'),
});
const flowLike = fc.record({
  schemaVersion: fc.oneof(fc.constant(1), fc.jsonValue({ maxDepth: 1 })),
  id: fc.oneof(fc.constant('f'), fc.string()),
  name: fc.oneof(fc.constant('F'), fc.string()),
  kind: fc.constantFrom('allocation', 'followUp', 'other'),
  trigger: fc.constantFrom('customerCreated', 'customerAssigned', 'whenever'),
  nodes: fc.array(nodeLike, { maxLength: 6 }),
  edges: fc.array(edgeLike, { maxLength: 8 }),
}, { requiredKeys: [] });

const hostile = fc.oneof(
  fc.anything({ maxDepth: 4, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withObjectString: true, withSparseArray: true, withBoxedValues: true }),
  fc.jsonValue({ maxDepth: 5 }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'nodes', 'edges', 'kind'), fc.jsonValue({ maxDepth: 2 })),
);

describe('validateFlow fuzzing', () => {
  it('never throws on random junk, and rejects it (1,000 cases)', () => {
    fc.assert(fc.property(hostile, (junk) => { expect(check(junk).valid).toBe(false); }), { numRuns: 1000 });
  });

  it('never throws on flow-shaped random documents (600 cases)', () => {
    fc.assert(fc.property(flowLike, (doc) => { check(doc); }), { numRuns: 600 });
  });

  it('finds errors in every valid document damaged in a way that breaks it (800 cases)', () => {
    fc.assert(
      fc.property(fc.constantFrom(0, 1), fc.oneof(...breaking), (which, damage) => {
        const doc = (samples[which] as () => Json)();
        damage(doc);
        expect(check(doc).valid).toBe(false);
      }),
      { numRuns: 800 },
    );
  });

  it('stays consistent when random values replace parts of valid documents (600 cases)', () => {
    fc.assert(
      fc.property(fc.constantFrom(0, 1), fc.array(replacing, { minLength: 1, maxLength: 4 }), (which, damage) => {
        const doc = (samples[which] as () => Json)();
        for (const d of damage) d(doc);
        check(doc);
      }),
      { numRuns: 600 },
    );
  });
});
