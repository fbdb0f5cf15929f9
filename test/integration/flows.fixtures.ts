import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import { ROUTES } from '../../engine/api/routes';
import type { TestApi } from '../harness/api';

/**
 * Shared by the flows, simulation and template tests: calls that also check each answer against the schema
 * its route declares (the OpenAPI contract), and flow documents built from the seeded organisation's ids.
 */
const contractAjv = new Ajv({ allErrors: true, strict: false });
addFormats.default(contractAjv);
const compiled = new WeakMap<object, ValidateFunction>();

export function checkContract(method: string, path: string, status: number, body: unknown): void {
  const url = path.split('?')[0] ?? path;
  const route = ROUTES.find((r) => r.method === method.toLowerCase() && new RegExp(`^${r.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(url));
  const schema = route?.responses[status];
  if (!route || !schema || !('type' in schema || 'anyOf' in schema)) return;
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = contractAjv.compile(schema)));
  expect(validate(body), `${method} ${url} → ${status} does not match its declared schema: ${JSON.stringify(validate.errors?.slice(0, 5))}`).toBe(true);
}

/** api.call, plus the contract check of the answer. */
export function contractCaller(api: TestApi): TestApi['call'] {
  return async (method, path, opts) => {
    const r = await api.call(method, path, opts);
    checkContract(method, path, r.status, r.body);
    return r as never;
  };
}

const at = (x: number, y = 0) => ({ x, y });

/** customerCreated → score (big deals A) → assign round robin among `teamIds` → end; nobody → pool. */
export function assignFlowDocument(opts: { teamIds: string[]; poolId: string; strategy?: string; name?: string }) {
  return {
    schemaVersion: 1,
    id: 'test-assign',
    name: opts.name ?? '测试分配 Test assign',
    kind: 'allocation',
    trigger: 'customerCreated',
    nodes: [
      { id: 'start', type: 'trigger', version: 1, params: { on: 'customerCreated' }, position: at(0) },
      {
        id: 'score', type: 'score', version: 1, position: at(240),
        params: { base: 30, rules: [{ label: '大单', condition: { fact: 'estimatedValue', operator: 'greaterThanInclusive', value: 500000 }, points: 60 }], thresholds: { A: 80, B: 60, C: 40 } },
      },
      { id: 'assign', type: 'assign', version: 1, params: { candidateTeams: opts.teamIds, strategy: opts.strategy ?? 'roundRobin' }, position: at(480) },
      { id: 'pool', type: 'toPool', version: 1, params: { poolId: opts.poolId }, position: at(720, 160) },
      { id: 'end', type: 'end', version: 1, params: { reason: '' }, position: at(960) },
    ],
    edges: [
      { id: 'e1', source: 'start', sourceHandle: 'next', target: 'score' },
      { id: 'e2', source: 'score', sourceHandle: 'next', target: 'assign' },
      { id: 'e3', source: 'assign', sourceHandle: 'assigned', target: 'end' },
      { id: 'e4', source: 'assign', sourceHandle: 'none', target: 'pool' },
      { id: 'e5', source: 'pool', sourceHandle: 'next', target: 'end' },
    ],
  };
}

/** The same flow with the assign node's outputs left unconnected (invalid: the validator names both). */
export function unfinishedFlowDocument(opts: { teamIds: string[]; poolId: string }) {
  const doc = assignFlowDocument(opts);
  return { ...doc, edges: doc.edges.filter((e) => e.source !== 'assign') };
}

let n = 0;
/** An intake body for POST /api/customers (unique contact details each call). */
export function intakeBody(extra: Record<string, unknown> = {}) {
  n += 1;
  return {
    name: `流程测试客户 ${n}`,
    company: `流程测试公司 ${n} ${Date.now() % 100000}`,
    phone: `137${String(20_000_000 + n * 7919 + (Date.now() % 1000)).slice(-8)}`,
    industry: 'manufacturing',
    province: '浙江',
    source: 'web',
    ...extra,
  };
}
