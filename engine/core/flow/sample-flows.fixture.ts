/**
 * Small valid documents the tests start from (and mutate). Params are written in full where a test reads them and
 * left to defaults elsewhere (parseFlow fills them).
 */
const at = (x: number, y = 0) => ({ x, y });

export function allocationFlow(): Record<string, unknown> {
  return {
    schemaVersion: 1,
    id: 'tiered',
    name: 'Tiered by value',
    kind: 'allocation',
    trigger: 'customerCreated',
    nodes: [
      { id: 't', type: 'trigger', version: 1, params: { on: 'customerCreated' }, position: at(0) },
      { id: 'dd', type: 'dedupe', version: 1, params: { matchBy: ['phone', 'email'] }, position: at(200) },
      {
        id: 'sc', type: 'score', version: 1, position: at(400),
        params: {
          base: 10,
          rules: [
            { label: 'Finance', condition: { all: [{ fact: 'industry', operator: 'equal', value: 'finance' }] }, points: 40 },
            { label: 'Big deal', condition: { fact: 'estimatedValue', operator: 'greaterThanInclusive', value: 100000 }, points: 35 },
          ],
          thresholds: { A: 80, B: 60, C: 40 },
        },
      },
      { id: 'sw', type: 'switch', version: 1, position: at(600), params: { field: 'grade', cases: [{ key: 'A', label: 'A', values: ['A'] }, { key: 'B', label: 'B', values: ['B'] }] } },
      { id: 'a1', type: 'assign', version: 1, position: at(800), params: { strategy: 'skillMatch', candidateTeams: ['senior'], repFilter: { fact: 'rep.industries', operator: 'contains', value: { fact: 'industry' } } } },
      { id: 'a2', type: 'assign', version: 1, position: at(800, 200), params: { strategy: 'roundRobin', candidateTeams: ['general'] } },
      { id: 'nt', type: 'notify', version: 1, position: at(1000), params: { channels: ['inApp'], recipients: ['owner'] } },
      { id: 'pool', type: 'toPool', version: 1, position: at(1000, 200), params: { poolId: 'public' } },
      { id: 'e1', type: 'end', version: 1, position: at(1200), params: {} },
    ],
    edges: [
      { id: 'x1', source: 't', sourceHandle: 'next', target: 'dd' },
      { id: 'x2', source: 'dd', sourceHandle: 'new', target: 'sc' },
      { id: 'x3', source: 'dd', sourceHandle: 'duplicate', target: 'e1' },
      { id: 'x4', source: 'sc', sourceHandle: 'next', target: 'sw' },
      { id: 'x5', source: 'sw', sourceHandle: 'A', target: 'a1' },
      { id: 'x6', source: 'sw', sourceHandle: 'B', target: 'a2' },
      { id: 'x7', source: 'sw', sourceHandle: 'default', target: 'pool' },
      { id: 'x8', source: 'a1', sourceHandle: 'assigned', target: 'nt' },
      { id: 'x9', source: 'a1', sourceHandle: 'none', target: 'a2' },
      { id: 'x10', source: 'a2', sourceHandle: 'assigned', target: 'nt' },
      { id: 'x11', source: 'a2', sourceHandle: 'none', target: 'pool' },
      { id: 'x12', source: 'nt', sourceHandle: 'next', target: 'e1' },
      { id: 'x13', source: 'pool', sourceHandle: 'next', target: 'e1' },
    ],
  };
}

/** The SLA ladder, with a loop back through a waiting node (allowed). */
export function followUpFlow(): Record<string, unknown> {
  return {
    schemaVersion: 1,
    id: 'sla-ladder',
    name: 'SLA ladder',
    kind: 'followUp',
    trigger: 'customerAssigned',
    nodes: [
      { id: 't', type: 'trigger', version: 1, params: { on: 'customerAssigned' }, position: at(0) },
      { id: 'w1', type: 'waitForFollowUp', version: 1, params: { sla: { amount: 24, unit: 'hours' } }, position: at(200) },
      { id: 'r', type: 'remind', version: 1, params: {}, position: at(400) },
      { id: 'w2', type: 'waitForFollowUp', version: 1, params: { sla: { amount: 24, unit: 'hours' } }, position: at(600) },
      { id: 'esc', type: 'escalate', version: 1, params: { addManagerAsCollaborator: true }, position: at(800) },
      { id: 'w3', type: 'waitForFollowUp', version: 1, params: { sla: { amount: 5, unit: 'days' } }, position: at(1000) },
      { id: 'rc', type: 'reclaim', version: 1, params: { poolId: 'public', cooldownDays: 30 }, position: at(1200) },
      { id: 'e', type: 'end', version: 1, params: {}, position: at(1400) },
    ],
    edges: [
      { id: 'y1', source: 't', sourceHandle: 'next', target: 'w1' },
      { id: 'y2', source: 'w1', sourceHandle: 'done', target: 'w1' },
      { id: 'y3', source: 'w1', sourceHandle: 'timeout', target: 'r' },
      { id: 'y4', source: 'r', sourceHandle: 'next', target: 'w2' },
      { id: 'y5', source: 'w2', sourceHandle: 'done', target: 'w1' },
      { id: 'y6', source: 'w2', sourceHandle: 'timeout', target: 'esc' },
      { id: 'y7', source: 'esc', sourceHandle: 'next', target: 'w3' },
      { id: 'y8', source: 'w3', sourceHandle: 'done', target: 'w1' },
      { id: 'y9', source: 'w3', sourceHandle: 'timeout', target: 'rc' },
      { id: 'y10', source: 'rc', sourceHandle: 'next', target: 'e' },
    ],
  };
}
