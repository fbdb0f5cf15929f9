import { text, type Locale, type LocalizedText } from '../../core/common/localized';
import type { FlowDocument } from '../../core/flow/flow.schema';
import type { Customer } from '../../core/model/customer.schema';
import { ApiError } from '../../api/api-error';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import { flowInvalid, orgContext, parseAgainst, toValidationContext } from '../flows/flow-validation';
import { loadFlow } from '../flows/flow-view';
import { countCurrentCustomers, loadCurrentCustomers, loadOrgSnapshot, sampleAttributeKeys, sampleCustomers, type OrgSnapshot } from './simulation-input';
import { differences, sideView, type SideMeta } from './simulation-report.view';
import { runInline, runInWorker } from './simulation-runner';
import { startSimulationJob } from './simulation-job.service';
import type { SimulationSideInput, SimulationTask } from './simulation-task';
import { SYNC_SIMULATION_LIMIT, type SimulationReportViewT } from './simulation.schemas';

/**
 * Simulates a flow's draft (and the active version of the same trigger, side by side) over a read-only copy
 * of the stored customers or an uploaded sample, with the reps' current loads. Nothing is written except the
 * job of a large run. Small runs (≤ 2,000 customers) answer with the report; larger ones with a job id.
 */
type App = Pick<AppContext, 'models' | 'conn' | 'now'>;

export interface SimulateRequest {
  source: 'current' | 'sample';
  /** loose customer records (source `sample`) */
  sample?: unknown[];
  /** where the sample came from in the request, for error paths */
  sampleBase?: string;
  compareWithActive: boolean;
  limit?: number;
  paths: number;
  arrival: 'now' | 'createdAt';
}

export type SimulateOutcome = { kind: 'report'; report: SimulationReportViewT } | { kind: 'job'; jobId: string; total: number };

interface Plan {
  flowId: string;
  sides: SimulationSideInput[];
  metas: SideMeta[];
  activeNote: LocalizedText | null;
}

const notSimulable = () =>
  new ApiError(400, 'FLOW_NOT_SIMULABLE', text('只能模拟分配流程（跟进流程的效果请看模板的时间线预览）', 'Only allocation flows can be simulated (follow-up flows: see the template timeline preview)'));

/** The draft, validated against the organisation, and the active version to compare with. */
async function plan(app: App, flowId: string, compare: boolean, extraFields: string[]): Promise<Plan> {
  const flow = await loadFlow(app, flowId);
  const parsed = parseAgainst(structuredClone(flow.document), toValidationContext(await orgContext(app), extraFields));
  if (!parsed.ok) throw flowInvalid(parsed.errors, 'simulate');
  if (parsed.flow.kind !== 'allocation') throw notSimulable();
  const draft: FlowDocument = { ...parsed.flow, id: flowId };
  const out: Plan = { flowId, sides: [{ side: 'draft', doc: draft, version: 0 }], metas: [{ side: 'draft', flowId, versionId: null, version: null }], activeNote: null };
  if (!compare) return out;
  const active = await app.models.ActiveFlow.findOne({ trigger: draft.trigger }).lean();
  const version = active ? await app.models.FlowVersion.findById(active.flowVersionId).lean() : null;
  if (!version) {
    out.activeNote = text('该触发事件没有启用中的版本，无可对比', 'No version is active for this trigger: nothing to compare with');
  } else if (version.kind !== 'allocation') {
    out.activeNote = text('启用中的版本不是分配流程，无法对比', 'The active version is not an allocation flow: it cannot be compared');
  } else {
    out.sides.push({ side: 'active', doc: version.document as FlowDocument, version: version.version });
    out.metas.push({ side: 'active', flowId: String(version.flowId), versionId: String(version._id), version: version.version });
  }
  return out;
}

function task(p: Plan, customers: Customer[], org: OrgSnapshot, req: SimulateRequest, now: number): SimulationTask {
  const first = customers[0];
  const createdAt = req.arrival === 'createdAt';
  return {
    sides: p.sides,
    customers,
    ...org,
    now: createdAt && first ? Math.min(now, first.createdAt) : now,
    clock: createdAt ? 'createdAt' : 'fixed',
    traces: req.paths,
  };
}

function report(p: Plan, t: SimulationTask, reports: ReturnType<typeof runInline>, req: SimulateRequest, locale: Locale, startedAt: number): SimulationReportViewT {
  const ctx = { locale, customers: t.customers, teams: t.teams, pools: t.pools, paths: req.paths };
  const [draft, active] = reports;
  const activeMeta = p.metas[1];
  if (!draft) throw new Error('simulation produced no report');
  return {
    flowId: p.flowId,
    source: req.source,
    customers: t.customers.length,
    generatedAt: new Date(t.now).toISOString(),
    elapsedMs: Math.max(0, Math.round(performance.now() - startedAt)),
    draft: sideView(draft, p.metas[0] as SideMeta, ctx),
    active: active && activeMeta ? sideView(active, activeMeta, ctx) : null,
    activeNote: p.activeNote,
    differences: differences(draft, active, t.customers),
  };
}

export async function simulateFlow(app: App, principal: Principal, flowId: string, req: SimulateRequest, locale: Locale): Promise<SimulateOutcome> {
  const now = app.now();
  let sample: Customer[] | undefined;
  if (req.source === 'sample') {
    if (!req.sample) {
      const t = text('source 为 sample 时须提供 sample（客户记录数组）', 'With source "sample", give `sample` (an array of customer records)');
      throw new ApiError(400, 'VALIDATION_FAILED', t, [{ path: '/body/sample', message: t }]);
    }
    sample = sampleCustomers(req.limit ? req.sample.slice(0, req.limit) : req.sample, now, req.sampleBase);
  }
  const p = await plan(app, flowId, req.compareWithActive, sample ? sampleAttributeKeys(sample) : []);
  const total = sample ? sample.length : await countCurrentCustomers(app, req.limit);

  const run = async (progress?: (done: number, total: number) => void, inWorker = false) => {
    const startedAt = performance.now();
    const [customers, org] = await Promise.all([sample ?? loadCurrentCustomers(app, req.limit), loadOrgSnapshot(app, now)]);
    const t = task(p, customers, org, req, now);
    progress?.(0, customers.length * p.sides.length);
    const reports = inWorker ? await runInWorker(t, progress) : runInline(t, progress);
    return report(p, t, reports, req, locale, startedAt);
  };

  if (total <= SYNC_SIMULATION_LIMIT) return { kind: 'report', report: await run() };
  const sides = p.sides.length;
  const params = { flowId, source: req.source, compareWithActive: req.compareWithActive, customers: total, paths: req.paths, arrival: req.arrival };
  const jobId = await startSimulationJob(app, principal, total * sides, params, (progress) => run(progress, true));
  return { kind: 'job', jobId, total: total * sides };
}
