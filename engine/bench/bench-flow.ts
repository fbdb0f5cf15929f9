import type { Condition } from '../core/conditions/condition.schema';
import type { FlowDocument } from '../core/flow/flow.schema';
import { parseFlow } from '../core/flow/validate-flow';

/**
 * The benchmark's allocation flow: 20 customer conditions (15 score rules, 3 tag rules, 2 condition nodes),
 * a switch on the grade and five assign nodes over five teams of a 50-rep org, with the pool as fallback.
 */
export const SCORE_RULES: { label: string; condition: Condition; points: number }[] = [
  { label: 'finance or software', condition: { fact: 'industry', operator: 'in', value: ['finance', 'software'] }, points: 15 },
  { label: 'large company', condition: { fact: 'size', operator: 'in', value: ['large', 'enterprise'] }, points: 15 },
  { label: 'big deal', condition: { fact: 'estimatedValue', operator: 'greaterThanInclusive', value: 500_000 }, points: 20 },
  { label: 'mid deal', condition: { fact: 'estimatedValue', operator: 'between', value: [100_000, 499_999] }, points: 10 },
  { label: 'referral', condition: { fact: 'source', operator: 'equal', value: 'referral' }, points: 10 },
  { label: 'event lead', condition: { fact: 'source', operator: 'equal', value: 'event' }, points: 5 },
  { label: 'tier-1 province', condition: { fact: 'province', operator: 'in', value: ['北京', '上海', '广东'] }, points: 8 },
  { label: 'vip tag', condition: { fact: 'tags', operator: 'contains', value: 'vip' }, points: 12 },
  { label: 'fresh lead', condition: { fact: 'daysSinceCreated', operator: 'lessThan', value: 7 }, points: 6 },
  { label: 'stale lead', condition: { fact: 'daysSinceCreated', operator: 'greaterThan', value: 21 }, points: -8 },
  { label: 'many employees', condition: { fact: 'attributes.employees', operator: 'greaterThanInclusive', value: 500 }, points: 7 },
  { label: 'existing account', condition: { fact: 'attributes.existingAccount', operator: 'equal', value: true }, points: 5 },
  { label: 'analytics or erp', condition: { fact: 'productLine', operator: 'in', value: ['analytics', 'erp'] }, points: 4 },
  { label: 'company known', condition: { fact: 'company', operator: 'exists', value: true }, points: 2 },
  {
    label: 'big retail in east',
    condition: { all: [{ fact: 'industry', operator: 'equal', value: 'retail' }, { any: [{ fact: 'province', operator: 'equal', value: '浙江' }, { fact: 'province', operator: 'equal', value: '江苏' }] }] },
    points: 6,
  },
];

export const TAG_RULES: { condition: Condition; tags: string[] }[] = [
  { condition: { fact: 'estimatedValue', operator: 'greaterThanInclusive', value: 600_000 }, tags: ['bigDeal'] },
  { condition: { all: [{ fact: 'source', operator: 'in', value: ['ads', 'web'] }, { fact: 'daysSinceCreated', operator: 'lessThan', value: 3 }] }, tags: ['hot'] },
  { condition: { fact: 'language', operator: 'notEqual', value: 'zh' }, tags: ['foreign'] },
];

export const CHURN_CONDITION: Condition = {
  all: [{ fact: 'churnRisk', operator: 'greaterThanInclusive', value: 0.9 }, { fact: 'attributes.existingAccount', operator: 'equal', value: true }],
};
export const FOREIGN_CONDITION: Condition = { fact: 'language', operator: 'equal', value: 'en' };

/** The 20 conditions, in flow order (the json-rules-engine baseline evaluates the same list). */
export const BENCH_CONDITIONS: Condition[] = [
  ...SCORE_RULES.map((r) => r.condition),
  ...TAG_RULES.map((r) => r.condition),
  CHURN_CONDITION,
  FOREIGN_CONDITION,
];

type EdgeSpec = [string, string, string];

/** The flow, validated by the flow parser (which fills every param default). */
export function benchFlow(): FlowDocument {
  const edges: EdgeSpec[] = [
    ['start', 'next', 'score'],
    ['score', 'next', 'tag'],
    ['tag', 'next', 'churn'],
    ['churn', 'true', 'retention'],
    ['churn', 'false', 'foreign'],
    ['foreign', 'true', 'english'],
    ['foreign', 'false', 'byGrade'],
    ['byGrade', 'A', 'gradeA'],
    ['byGrade', 'B', 'gradeB'],
    ['byGrade', 'C', 'gradeC'],
    ['byGrade', 'default', 'gradeD'],
  ];
  for (const a of ['retention', 'english', 'gradeA', 'gradeB', 'gradeC', 'gradeD']) edges.push([a, 'assigned', 'end'], [a, 'none', 'pool']);
  edges.push(['pool', 'next', 'end']);
  const nodes: { id: string; type: string; params?: unknown }[] = [
    { id: 'start', type: 'trigger' },
    { id: 'score', type: 'score', params: { base: 20, rules: SCORE_RULES } },
    { id: 'tag', type: 'tag', params: { rules: TAG_RULES } },
    { id: 'churn', type: 'condition', params: { condition: CHURN_CONDITION } },
    { id: 'foreign', type: 'condition', params: { condition: FOREIGN_CONDITION } },
    { id: 'byGrade', type: 'switch', params: { field: 'grade', cases: [{ key: 'A', label: 'A', values: ['A'] }, { key: 'B', label: 'B', values: ['B'] }, { key: 'C', label: 'C', values: ['C'] }] } },
    { id: 'retention', type: 'assign', params: { candidateTeams: ['team5'], strategy: 'skillMatch' } },
    { id: 'english', type: 'assign', params: { candidateTeams: ['team4', 'team5'], strategy: 'leastLoaded', repFilter: { fact: 'rep.languages', operator: 'contains', value: 'en' } } },
    { id: 'gradeA', type: 'assign', params: { candidateTeams: ['team1'], strategy: 'skillMatch' } },
    { id: 'gradeB', type: 'assign', params: { candidateTeams: ['team2'], strategy: 'roundRobin', quotas: { newHireMinShare: 0.2 } } },
    { id: 'gradeC', type: 'assign', params: { candidateTeams: ['team3'], strategy: 'weightedRoundRobin' } },
    { id: 'gradeD', type: 'assign', params: { candidateTeams: ['team4'], strategy: 'leastLoaded' } },
    { id: 'pool', type: 'toPool', params: { poolId: 'pool-main' } },
    { id: 'end', type: 'end' },
  ];
  const doc = {
    schemaVersion: 1,
    id: 'bench-20-rules',
    name: 'Benchmark: 20 rules, 6 assign nodes',
    kind: 'allocation',
    trigger: 'customerCreated',
    nodes: nodes.map((n, i) => ({ id: n.id, type: n.type, version: 1, params: n.params ?? {}, position: { x: i * 220, y: 0 } })),
    edges: edges.map(([source, sourceHandle, target], i) => ({ id: `e${i + 1}`, source, sourceHandle, target })),
  };
  const parsed = parseFlow(doc);
  if (!parsed.ok) throw new Error(`the benchmark flow is invalid: ${JSON.stringify(parsed.errors, null, 2)}`);
  return parsed.flow;
}
