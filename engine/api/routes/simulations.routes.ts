import { text } from '../../core/common/localized';
import { getSimulation } from '../../services/simulation/simulation-job.service';
import { parseUpload } from '../../services/simulation/simulation-input';
import { simulateFlow, type SimulateOutcome } from '../../services/simulation/simulation.service';
import {
  SimulateBody, SimulateUploadQuery, SimulationAccepted, SimulationJobView, SimulationReportView,
} from '../../services/simulation/simulation.schemas';
import type { RouteResult } from '../http/define-route';
import { ErrorBodySchema, IdParams } from '../http/common.schemas';
import { defineRoute } from '../http/define-route';
import { FLOWS_READ } from './flows.routes';

/** Simulation of a draft against current customers or a sample, beside the active version (admins and managers). */

const answer = (o: SimulateOutcome): RouteResult =>
  o.kind === 'report'
    ? { status: 200, body: o.report }
    : { status: 202, body: { jobId: o.jobId, status: 'running', total: o.total, statusUrl: `/api/simulations/${o.jobId}` }, headers: { location: `/api/simulations/${o.jobId}` } };

const summary = (o: SimulateOutcome) =>
  o.kind === 'report'
    ? { customers: o.report.customers, violations: o.report.draft.violations.total, assigned: o.report.draft.outcomes.assigned }
    : { jobId: o.jobId, total: o.total };

const SIM_LIMIT = { windowMs: 60_000, limit: 30 };

export const simulateRoute = defineRoute({
  id: 'flows.simulate',
  method: 'post',
  path: '/api/flows/:id/simulate',
  tag: 'flows',
  summary: text(
    '模拟草稿（并与同一触发事件的启用版本对比）：在现有客户的只读副本（视为新进客户，销售按当前负载）或上传的样本上运行；不写入任何数据。≤ 2,000 个客户直接返回报告，更多时返回 202 与任务 ID',
    'Simulate the draft (beside the active version of the same trigger) over a read-only copy of the current customers (as new intakes, reps with their current loads) or a sample; nothing is written. ≤ 2,000 customers: the report; more: 202 with a job id',
  ),
  auth: FLOWS_READ,
  rateLimit: SIM_LIMIT,
  params: IdParams,
  body: SimulateBody,
  responses: { 200: SimulationReportView, 202: SimulationAccepted, 400: ErrorBodySchema, 404: ErrorBodySchema, 413: ErrorBodySchema, 429: ErrorBodySchema },
  async handler({ app, principal, params, body, locale, audit }) {
    const outcome = await simulateFlow(app, principal, params.id, { ...body, sampleBase: '/body/sample' }, locale);
    audit({ action: 'flows.simulate', target: { kind: 'flow', id: params.id }, after: { source: body.source, ...summary(outcome) } });
    return answer(outcome);
  },
});

export const simulateUploadRoute = defineRoute({
  id: 'flows.simulateUpload',
  method: 'post',
  path: '/api/flows/:id/simulate/upload',
  tag: 'flows',
  summary: text(
    '用上传的样本模拟草稿：请求体为 CSV（UTF-8、带 BOM 或 GBK，表头为字段名或中文名）或 JSON 数组；选项在查询参数中',
    'Simulate the draft over an uploaded sample: the body is CSV (UTF-8, with BOM or GBK; field names or Chinese labels as headers) or a JSON array; options in the query',
  ),
  auth: FLOWS_READ,
  rateLimit: SIM_LIMIT,
  bodyType: 'raw',
  params: IdParams,
  query: SimulateUploadQuery,
  responses: { 200: SimulationReportView, 202: SimulationAccepted, 400: ErrorBodySchema, 404: ErrorBodySchema, 413: ErrorBodySchema, 429: ErrorBodySchema },
  async handler({ app, principal, params, query, body, req, locale, audit }) {
    const sample = parseUpload(body, req.get('content-type') ?? undefined, query.format);
    const { format: _f, ...opts } = query;
    const outcome = await simulateFlow(app, principal, params.id, { ...opts, source: 'sample', sample, sampleBase: '/body' }, locale);
    audit({ action: 'flows.simulate', target: { kind: 'flow', id: params.id }, after: { source: 'upload', ...summary(outcome) } });
    return answer(outcome);
  },
});

export const getSimulationRoute = defineRoute({
  id: 'simulations.get',
  method: 'get',
  path: '/api/simulations/:id',
  tag: 'flows',
  summary: text('模拟任务的进度，完成后含报告（发起人或管理员可见）', 'A simulation job’s progress and, once done, its report (seen by whoever started it and admins)'),
  auth: FLOWS_READ,
  params: IdParams,
  responses: { 200: SimulationJobView, 404: ErrorBodySchema },
  async handler({ app, principal, params }) {
    return { body: await getSimulation(app, principal, params.id) };
  },
});

export const simulationRoutes = [simulateRoute, simulateUploadRoute, getSimulationRoute];
