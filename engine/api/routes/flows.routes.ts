import { text } from '../../core/common/localized';
import { documentDigest } from '../../services/flows/flow-document';
import { archiveFlow, createFlow, duplicateFlow, getFlow, listFlows, RevisionConflictError, saveFlow } from '../../services/flows/flow-draft.service';
import { orgContext, toValidationContext, validateAgainst, validationView } from '../../services/flows/flow-validation';
import { loadFlow } from '../../services/flows/flow-view';
import {
  FlowCreateBody, FlowDetail, FlowDuplicateBody, FlowList, FlowListQuery, FlowSaveBody, FlowSaved, FlowSummary, ValidateBody, ValidationView,
} from '../../services/flows/flow.schemas';
import { ErrorBodySchema, IdParams } from '../http/common.schemas';
import { defineRoute } from '../http/define-route';

/**
 * Flow drafts and their validation. Roles: admins and managers read, validate and simulate; only admins
 * (or API tokens with flows:write) change drafts, publish and activate. Reps reach none of these routes.
 */
export const FLOWS_READ = { roles: ['admin', 'manager'], tokenScope: 'flows:read' } as const;
export const FLOWS_WRITE = { roles: ['admin'], tokenScope: 'flows:write' } as const;

export const listFlowsRoute = defineRoute({
  id: 'flows.list',
  method: 'get',
  path: '/api/flows',
  tag: 'flows',
  summary: text('流程列表：各触发事件的草稿、已发布版本、启用中的版本、最后编辑人与时间', 'Flows: drafts with their published versions per trigger, which version is active, last editor and time'),
  auth: FLOWS_READ,
  query: FlowListQuery,
  responses: { 200: FlowList },
  async handler({ app, query, locale }) {
    return { body: await listFlows(app, query.includeArchived, locale) };
  },
});

export const createFlowRoute = defineRoute({
  id: 'flows.create',
  method: 'post',
  path: '/api/flows',
  tag: 'flows',
  summary: text('新建流程草稿（不给文档时为“触发 → 结束”的最小流程）', 'Create a flow draft (without a document: the minimal trigger → end flow)'),
  auth: FLOWS_WRITE,
  body: FlowCreateBody,
  responses: { 201: FlowDetail, 400: ErrorBodySchema },
  async handler({ app, principal, body, audit }) {
    const flow = await createFlow(app, principal, body);
    audit({ action: 'flows.create', target: { kind: 'flow', id: flow.id }, after: { name: flow.name, kind: flow.kind, trigger: flow.trigger, ...documentDigest(flow.document) } });
    return { status: 201, body: flow, headers: { location: `/api/flows/${flow.id}` } };
  },
});

export const getFlowRoute = defineRoute({
  id: 'flows.get',
  method: 'get',
  path: '/api/flows/:id',
  tag: 'flows',
  summary: text('流程草稿（含文档与修订号）', 'A flow draft, with its document and revision'),
  auth: FLOWS_READ,
  params: IdParams,
  responses: { 200: FlowDetail, 404: ErrorBodySchema },
  async handler({ app, params }) {
    const flow = await getFlow(app, params.id);
    return { body: flow, headers: { 'x-flow-revision': String(flow.revision) } };
  },
});

export const saveFlowRoute = defineRoute({
  id: 'flows.save',
  method: 'put',
  path: '/api/flows/:id',
  tag: 'flows',
  summary: text(
    '保存草稿（自动保存）：修订号一致才保存，否则 409 并给出当前修订号；草稿可以不完整，返回其校验结果',
    'Save the draft (autosave): stored only when `revision` is current, else 409 with the current revision; a draft may be incomplete, the answer carries its validation',
  ),
  auth: FLOWS_WRITE,
  params: IdParams,
  body: FlowSaveBody,
  responses: { 200: FlowSaved, 400: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema, 413: ErrorBodySchema },
  async handler({ app, principal, params, body, locale, audit, res }) {
    const { saved, before, after } = await saveFlow(app, principal, params.id, body, locale).catch((err: unknown) => {
      if (err instanceof RevisionConflictError) res.set('x-flow-revision', String(err.current));
      throw err;
    });
    audit({ action: 'flows.save', target: { kind: 'flow', id: params.id }, before, after });
    return { body: saved, headers: { 'x-flow-revision': String(saved.revision) } };
  },
});

export const archiveFlowRoute = defineRoute({
  id: 'flows.archive',
  method: 'delete',
  path: '/api/flows/:id',
  tag: 'flows',
  summary: text('归档流程草稿（有版本启用中时拒绝）', 'Archive a flow draft (refused while one of its versions is active)'),
  auth: FLOWS_WRITE,
  params: IdParams,
  responses: { 200: FlowSummary, 404: ErrorBodySchema, 409: ErrorBodySchema },
  async handler({ app, params, audit }) {
    const { before, after } = await archiveFlow(app, params.id);
    audit({ action: 'flows.archive', target: { kind: 'flow', id: params.id }, before: { archivedAt: before.archivedAt }, after: { archivedAt: after.archivedAt } });
    return { body: after };
  },
});

export const duplicateFlowRoute = defineRoute({
  id: 'flows.duplicate',
  method: 'post',
  path: '/api/flows/:id/duplicate',
  tag: 'flows',
  summary: text('复制流程为新草稿', 'Duplicate a flow as a new draft'),
  auth: FLOWS_WRITE,
  params: IdParams,
  body: FlowDuplicateBody,
  responses: { 201: FlowDetail, 404: ErrorBodySchema },
  async handler({ app, principal, params, body, locale, audit }) {
    const flow = await duplicateFlow(app, principal, params.id, body.name, locale);
    audit({ action: 'flows.duplicate', target: { kind: 'flow', id: flow.id }, before: { fromFlowId: params.id }, after: { name: flow.name, ...documentDigest(flow.document) } });
    return { status: 201, body: flow, headers: { location: `/api/flows/${flow.id}` } };
  },
});

export const validateDocumentRoute = defineRoute({
  id: 'flows.validate',
  method: 'post',
  path: '/api/flows/validate',
  tag: 'flows',
  summary: text('校验一份流程文档（按本组织的团队、销售、公海与自定义属性检查引用）', 'Validate a flow document (references checked against this organisation’s teams, reps, pools and custom attributes)'),
  auth: FLOWS_READ,
  body: ValidateBody,
  responses: { 200: ValidationView, 400: ErrorBodySchema, 413: ErrorBodySchema },
  async handler({ app, body, locale, audit }) {
    const org = await orgContext(app);
    const view = validationView(validateAgainst(body.document, toValidationContext(org)), org, locale);
    audit({ action: 'flows.validate', target: { kind: 'flow' }, after: { valid: view.valid, errors: view.errors.length } });
    return { body: view };
  },
});

export const flowValidationRoute = defineRoute({
  id: 'flows.validation',
  method: 'get',
  path: '/api/flows/:id/validation',
  tag: 'flows',
  summary: text('草稿的校验结果（错误含节点、JSON 指针与中英文说明）', 'The draft’s validation (each error with its node, JSON pointer and sentence in both languages)'),
  auth: FLOWS_READ,
  params: IdParams,
  responses: { 200: ValidationView, 404: ErrorBodySchema },
  async handler({ app, params, locale }) {
    const flow = await loadFlow(app, params.id);
    const org = await orgContext(app);
    return { body: validationView(validateAgainst(flow.document, toValidationContext(org)), org, locale) };
  },
});

export const flowRoutes = [
  listFlowsRoute, createFlowRoute, validateDocumentRoute, getFlowRoute, saveFlowRoute, archiveFlowRoute, duplicateFlowRoute, flowValidationRoute,
];
