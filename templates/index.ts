/**
 * Allot's prebuilt templates, imported statically (no file system), so the designer, the API and the tests
 * share one list. Each template: metadata (name, description, highlights in zh-CN and en), a flow document,
 * example customers and reps (loose records: normalise with normalizeCustomers / normalizeOrg from
 * engine/core/simulation/dataset-input) and the outcomes the example data must produce (templates.test.ts).
 */
import type { Customer } from '../engine/core/model/customer.schema';
import { normalizeCustomers, normalizeOrg, type OrgData } from '../engine/core/simulation/dataset-input';
import type { TemplateMeta } from './template.schema';

import roundRobinMeta from './round-robin/template.json';
import roundRobinFlow from './round-robin/flow.json';
import roundRobinCustomers from './round-robin/customers.json';
import roundRobinReps from './round-robin/reps.json';
import roundRobinExpected from './round-robin/expected.json';

import weightedMeta from './weighted/template.json';
import weightedFlow from './weighted/flow.json';
import weightedCustomers from './weighted/customers.json';
import weightedReps from './weighted/reps.json';
import weightedExpected from './weighted/expected.json';

import tieredByValueMeta from './tiered-by-value/template.json';
import tieredByValueFlow from './tiered-by-value/flow.json';
import tieredByValueCustomers from './tiered-by-value/customers.json';
import tieredByValueReps from './tiered-by-value/reps.json';
import tieredByValueExpected from './tiered-by-value/expected.json';

import territoryMeta from './territory/template.json';
import territoryFlow from './territory/flow.json';
import territoryCustomers from './territory/customers.json';
import territoryReps from './territory/reps.json';
import territoryExpected from './territory/expected.json';

import industrySpecialistsMeta from './industry-specialists/template.json';
import industrySpecialistsFlow from './industry-specialists/flow.json';
import industrySpecialistsCustomers from './industry-specialists/customers.json';
import industrySpecialistsReps from './industry-specialists/reps.json';
import industrySpecialistsExpected from './industry-specialists/expected.json';

import newHireQuotaMeta from './new-hire-quota/template.json';
import newHireQuotaFlow from './new-hire-quota/flow.json';
import newHireQuotaCustomers from './new-hire-quota/customers.json';
import newHireQuotaReps from './new-hire-quota/reps.json';
import newHireQuotaExpected from './new-hire-quota/expected.json';

import churnRiskRescueMeta from './churn-risk-rescue/template.json';
import churnRiskRescueFlow from './churn-risk-rescue/flow.json';
import churnRiskRescueCustomers from './churn-risk-rescue/customers.json';
import churnRiskRescueReps from './churn-risk-rescue/reps.json';
import churnRiskRescueExpected from './churn-risk-rescue/expected.json';

import bigAccountCollaborationMeta from './big-account-collaboration/template.json';
import bigAccountCollaborationFlow from './big-account-collaboration/flow.json';
import bigAccountCollaborationCustomers from './big-account-collaboration/customers.json';
import bigAccountCollaborationReps from './big-account-collaboration/reps.json';
import bigAccountCollaborationExpected from './big-account-collaboration/expected.json';

import slaLadderMeta from './sla-ladder/template.json';
import slaLadderFlow from './sla-ladder/flow.json';
import slaLadderCustomers from './sla-ladder/customers.json';
import slaLadderReps from './sla-ladder/reps.json';
import slaLadderExpected from './sla-ladder/expected.json';

import poolRecyclingMeta from './pool-recycling/template.json';
import poolRecyclingFlow from './pool-recycling/flow.json';
import poolRecyclingCustomers from './pool-recycling/customers.json';
import poolRecyclingReps from './pool-recycling/reps.json';
import poolRecyclingExpected from './pool-recycling/expected.json';

export type { TemplateMeta, AllocationExpected, FollowUpExpected } from './template.schema';

export interface AllotTemplate {
  meta: TemplateMeta;
  /** the flow document (validate / parse with parseFlow before use) */
  flow: unknown;
  /** example customers, loose records */
  customers: unknown[];
  /** example organisation: `{ teams, pools, reps }` */
  reps: unknown;
  /** AllocationExpected or FollowUpExpected, by `meta.kind` */
  expected: unknown;
}

/** The simulated "now" of the example data (follow-up scenarios start here). */
export const TEMPLATE_EPOCH = Date.UTC(2025, 0, 6, 1, 0); // Mon 2025-01-06 09:00 Asia/Shanghai

const t = (meta: unknown, flow: unknown, customers: unknown, reps: unknown, expected: unknown): AllotTemplate => ({
  meta: meta as TemplateMeta,
  flow,
  customers: customers as unknown[],
  reps,
  expected,
});

export const TEMPLATES: readonly AllotTemplate[] = [
  t(roundRobinMeta, roundRobinFlow, roundRobinCustomers, roundRobinReps, roundRobinExpected),
  t(weightedMeta, weightedFlow, weightedCustomers, weightedReps, weightedExpected),
  t(tieredByValueMeta, tieredByValueFlow, tieredByValueCustomers, tieredByValueReps, tieredByValueExpected),
  t(territoryMeta, territoryFlow, territoryCustomers, territoryReps, territoryExpected),
  t(industrySpecialistsMeta, industrySpecialistsFlow, industrySpecialistsCustomers, industrySpecialistsReps, industrySpecialistsExpected),
  t(newHireQuotaMeta, newHireQuotaFlow, newHireQuotaCustomers, newHireQuotaReps, newHireQuotaExpected),
  t(churnRiskRescueMeta, churnRiskRescueFlow, churnRiskRescueCustomers, churnRiskRescueReps, churnRiskRescueExpected),
  t(bigAccountCollaborationMeta, bigAccountCollaborationFlow, bigAccountCollaborationCustomers, bigAccountCollaborationReps, bigAccountCollaborationExpected),
  t(slaLadderMeta, slaLadderFlow, slaLadderCustomers, slaLadderReps, slaLadderExpected),
  t(poolRecyclingMeta, poolRecyclingFlow, poolRecyclingCustomers, poolRecyclingReps, poolRecyclingExpected),
];

export function getTemplate(id: string): AllotTemplate | undefined {
  return TEMPLATES.find((x) => x.meta.id === id);
}

/** A template's example data, validated and with defaults filled in, ready for simulate / playFollowUp. */
export function templateExample(t: AllotTemplate, now = TEMPLATE_EPOCH): OrgData & { customers: Customer[] } {
  return { ...normalizeOrg(t.reps), customers: normalizeCustomers(t.customers, now) };
}
