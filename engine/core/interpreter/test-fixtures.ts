import type { FlowDocument, FlowNode } from '../flow/flow.schema';
import type { Customer } from '../model/customer.schema';
import type { Rep } from '../model/rep.schema';
import type { AllocationEnv, Candidate, TeamRef } from '../nodes/node-definition';
import { getNodeDefinition } from '../nodes/node.registry';

/** Builders for the interpreter and stepper tests: flows from compact node lists, reps, customers, env. */
export const NOW = Date.UTC(2024, 2, 4, 2, 0); // Mon 2024-03-04 10:00 Asia/Shanghai
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface NodeSpec {
  id: string;
  type: string;
  params?: Record<string, unknown>;
}

/** `[source, handle, target]` */
export type EdgeSpec = [string, string, string];

interface SchemaLike {
  type?: string;
  default?: unknown;
  properties?: Record<string, SchemaLike>;
  items?: SchemaLike;
}

/** Fills schema defaults into objects (and arrays of objects) in place; conditions (unions) are left as written. */
function fillDefaults(schema: SchemaLike, value: unknown): void {
  if (Array.isArray(value)) {
    if (schema.type === 'array' && schema.items) for (const v of value) fillDefaults(schema.items, v);
    return;
  }
  if (schema.type !== 'object' || !schema.properties || value === null || typeof value !== 'object') return;
  const obj = value as Record<string, unknown>;
  for (const [k, sub] of Object.entries(schema.properties)) {
    if (obj[k] === undefined && sub.default !== undefined) obj[k] = structuredClone(sub.default);
    if (obj[k] !== undefined) fillDefaults(sub, obj[k]);
  }
}

/** A node type's params with their schema defaults filled in (as the flow parser fills them). */
export function withDefaults(type: string, params: Record<string, unknown>): Record<string, unknown> {
  const def = getNodeDefinition(type);
  if (def) fillDefaults(def.params as SchemaLike, params);
  return params;
}

/** A flow document; each node's params get their schema defaults (as parseFlow would fill them). */
export function makeFlow(kind: 'allocation' | 'followUp', nodes: NodeSpec[], edges: EdgeSpec[], id = 'f1'): FlowDocument {
  return {
    schemaVersion: 1,
    id,
    name: id,
    kind,
    trigger: kind === 'allocation' ? 'customerCreated' : 'customerAssigned',
    nodes: nodes.map((n, i) => {
      const params = withDefaults(n.type, structuredClone(n.params ?? {}));
      return { id: n.id, type: n.type, version: 1, params, position: { x: i * 200, y: 0 } } as unknown as FlowNode;
    }),
    edges: edges.map(([source, sourceHandle, target], i) => ({ id: `e${i + 1}`, source, sourceHandle, target })),
  };
}

export function makeRep(id: string, over: Partial<Rep> = {}): Rep {
  return {
    id,
    name: `Rep ${id}`,
    teamId: 't1',
    status: 'active',
    industries: [],
    regions: [],
    languages: [],
    productLines: [],
    level: 2,
    weight: 1,
    capacity: 1000,
    dailyCap: 1000,
    isNewHire: false,
    isTopRep: false,
    isManager: false,
    stats: { winRateByIndustry: {}, avgDealValue: 0, medianFirstResponseHours: 0, escalationShare: 0 },
    ...over,
  };
}

export function makeCustomer(over: Partial<Customer> = {}): Customer {
  return {
    id: 'c1',
    name: 'Acme',
    tags: [],
    status: 'new',
    collaboratorIds: [],
    previousOwners: [],
    createdAt: NOW - DAY,
    attributes: {},
    ...over,
  };
}

export function makeEnv(reps: Rep[], over: Partial<AllocationEnv> = {}): AllocationEnv {
  const teams: TeamRef[] = [];
  for (const r of reps) {
    let t = teams.find((x) => x.id === r.teamId);
    if (!t) teams.push((t = { id: r.teamId, name: r.teamId }));
    if (r.isManager) t.managerRepId = r.id;
  }
  const candidates: Candidate[] = reps.map((rep) => ({ rep, load: { repId: rep.id, openCount: 0, todayCount: 0 } }));
  return {
    now: NOW,
    flowId: 'f1',
    flowVersion: 1,
    reps: candidates,
    teams,
    pools: [{ id: 'pool-main', name: '公海' }],
    nodeStates: {},
    existing: [],
    excludeRepIds: [],
    ...over,
  };
}
