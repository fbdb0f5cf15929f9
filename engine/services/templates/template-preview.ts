import type { Locale } from '../../core/common/localized';
import type { FlowDocument } from '../../core/flow/flow.schema';
import { parseFlow } from '../../core/flow/validate-flow';
import { prepareFlow } from '../../core/interpreter/prepare-flow';
import type { FollowUpAction, FollowUpEvent } from '../../core/nodes/node-definition';
import type { SimulationReport } from '../../core/simulation/simulate';
import { playFollowUp } from '../../core/simulation/follow-up-timeline';
import { templateExample, TEMPLATE_EPOCH, type AllotTemplate } from '../../../templates';
import { checkAllocation, checkFollowUp } from '../../../templates/template-checks';
import type { AllocationExpected, FollowUpExpected, ScenarioEvent } from '../../../templates/template.schema';
import { sideView } from '../simulation/simulation-report.view';
import { runInline } from '../simulation/simulation-runner';
import type { TemplatePreviewT } from './template.schemas';

/**
 * What a template does to its own example data: for allocation templates the simulation report, for follow-up
 * templates each example scenario played over simulated time. Templates never change at run time, so the
 * engine's results are computed once per process.
 */
const HOUR = 3_600_000;

export function templateDocument(t: AllotTemplate): FlowDocument {
  const parsed = parseFlow(structuredClone(t.flow));
  if (!parsed.ok) throw new Error(`template ${t.meta.id} does not validate: ${parsed.errors[0]?.message.en ?? ''}`);
  return parsed.flow;
}

const allocationRuns = new Map<string, SimulationReport>();

function allocationRun(t: AllotTemplate): SimulationReport {
  let r = allocationRuns.get(t.meta.id);
  if (!r) {
    const { customers, reps, teams, pools, loads } = templateExample(t);
    const task = { sides: [{ side: 'draft' as const, doc: templateDocument(t), version: 0 }], customers, reps, teams, pools, loads, now: TEMPLATE_EPOCH, clock: 'fixed' as const, traces: customers.length };
    const [report] = runInline(task);
    if (!report) throw new Error(`template ${t.meta.id}: no report`);
    r = report;
    allocationRuns.set(t.meta.id, r);
  }
  return r;
}

function toEvent(e: ScenarioEvent, start: number): FollowUpEvent {
  const at = start + e.atHours * HOUR;
  switch (e.kind) {
    case 'followUpLogged':
      return { kind: 'followUpLogged', at };
    case 'statusChanged':
      return { kind: 'statusChanged', at, status: e.status ?? 'assigned' };
    case 'ownerChanged':
      return { kind: 'ownerChanged', at, ownerId: e.ownerId ?? null };
    case 'actionResult':
      return { kind: 'actionResult', at, nodeId: e.nodeId ?? '', output: e.output ?? '' };
  }
}

function actionView(a: FollowUpAction) {
  const message = a.kind === 'remind' || a.kind === 'notify' || a.kind === 'escalate' ? a.message : a.kind === 'reclaim' ? a.reason : null;
  return { kind: a.kind, nodeId: a.nodeId, message };
}

function scenarios(t: AllotTemplate): TemplatePreviewT['scenarios'] {
  const { customers } = templateExample(t);
  const prepared = prepareFlow(templateDocument(t));
  const expected = t.expected as FollowUpExpected;
  return expected.scenarios.flatMap((s) => {
    const customer = customers.find((c) => c.id === s.customerId);
    if (!customer) return [];
    const start = TEMPLATE_EPOCH;
    const played = playFollowUp(prepared, { ...customer, status: 'assigned', assignedAt: start }, {
      start,
      until: start + s.untilDays * 24 * HOUR,
      events: s.events.map((e) => toEvent(e, start)),
    });
    return [{
      name: s.name,
      customerId: s.customerId,
      untilDays: s.untilDays,
      entries: played.entries.map((e) => ({ atHours: Math.round(((e.at - start) / HOUR) * 1000) / 1000, cause: e.cause, actions: e.actions.map(actionView) })),
      ended: played.state.ended,
      endReason: played.state.endReason ?? null,
    }];
  });
}

export function templatePreview(t: AllotTemplate, locale: Locale): TemplatePreviewT {
  if (t.meta.kind === 'allocation') {
    const run = allocationRun(t);
    const ex = templateExample(t);
    const report = sideView(run, { side: 'draft', flowId: t.meta.id, versionId: null, version: null }, { locale, customers: ex.customers, teams: ex.teams, pools: ex.pools, paths: ex.customers.length });
    const problems = checkAllocation(run, t.expected as AllocationExpected);
    return { kind: 'allocation', report, scenarios: [], expectations: { met: problems.length === 0, problems } };
  }
  const { customers } = templateExample(t);
  const problems = checkFollowUp(prepareFlow(templateDocument(t)), customers, t.expected as FollowUpExpected, TEMPLATE_EPOCH);
  return { kind: 'followUp', report: null, scenarios: scenarios(t), expectations: { met: problems.length === 0, problems } };
}
