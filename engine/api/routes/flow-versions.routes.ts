import { Type } from '@sinclair/typebox';
import { text } from '../../core/common/localized';
import { activateVersion } from '../../services/flows/flow-activate.service';
import { publishFlow } from '../../services/flows/flow-publish.service';
import { diffVersions, getVersion, listVersions } from '../../services/flows/flow-version.service';
import { ActivationView, DiffQuery, DiffView, FlowVersionDetail, FlowVersionSummary, PublishBody } from '../../services/flows/flow.schemas';
import { ErrorBodySchema, IdParams } from '../http/common.schemas';
import { defineRoute } from '../http/define-route';
import { FLOWS_READ, FLOWS_WRITE } from './flows.routes';

/** Published versions: publish (and roll back), list, read, diff, activate. Only admins publish and activate. */

export const publishFlowRoute = defineRoute({
  id: 'flows.publish',
  method: 'post',
  path: '/api/flows/:id/publish',
  tag: 'flows',
  summary: text(
    '发布草稿为下一个不可变的编号版本（带说明）；给 fromVersionId 时把该旧版本重新发布为最新版本（回滚）。流程无效时 400 并列出错误',
    'Publish the draft as the next immutable numbered version (with a note); with fromVersionId, republish that older version as the latest (rollback). 400 with the errors when the flow is invalid',
  ),
  auth: FLOWS_WRITE,
  params: IdParams,
  body: PublishBody,
  responses: { 201: FlowVersionDetail, 400: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema },
  async handler({ app, principal, params, body, audit }) {
    const { version, audit: after } = await publishFlow(app, principal, params.id, body);
    audit({ action: 'flows.publish', target: { kind: 'flowVersion', id: version.id }, before: null, after: { flowId: params.id, ...after } });
    return { status: 201, body: version, headers: { location: `/api/flow-versions/${version.id}` } };
  },
});

export const listVersionsRoute = defineRoute({
  id: 'flows.versions',
  method: 'get',
  path: '/api/flows/:id/versions',
  tag: 'flows',
  summary: text('流程的全部已发布版本（新的在前）', 'Every published version of a flow, newest first'),
  auth: FLOWS_READ,
  params: IdParams,
  responses: { 200: Type.Object({ items: Type.Array(FlowVersionSummary) }), 404: ErrorBodySchema },
  async handler({ app, params }) {
    return { body: { items: await listVersions(app, params.id) } };
  },
});

export const diffRoute = defineRoute({
  id: 'flows.diff',
  method: 'get',
  path: '/api/flows/:id/diff',
  tag: 'flows',
  summary: text(
    '比较两个版本（或版本与草稿）：新增、删除、修改的节点（含修改的参数路径）与新增、删除的连线',
    'Compare two versions (or a version and the draft): added, removed and changed nodes (with the changed param paths), added and removed connections',
  ),
  auth: FLOWS_READ,
  params: IdParams,
  query: DiffQuery,
  responses: { 200: DiffView, 400: ErrorBodySchema, 404: ErrorBodySchema },
  async handler({ app, params, query }) {
    return { body: await diffVersions(app, params.id, query.from, query.to) };
  },
});

export const getVersionRoute = defineRoute({
  id: 'flowVersions.get',
  method: 'get',
  path: '/api/flow-versions/:id',
  tag: 'flows',
  summary: text('一个已发布版本（不可修改），含文档', 'A published (immutable) version, with its document'),
  auth: FLOWS_READ,
  params: IdParams,
  responses: { 200: FlowVersionDetail, 404: ErrorBodySchema },
  async handler({ app, params }) {
    return { body: await getVersion(app, params.id) };
  },
});

export const activateVersionRoute = defineRoute({
  id: 'flowVersions.activate',
  method: 'post',
  path: '/api/flow-versions/:id/activate',
  tag: 'flows',
  summary: text(
    '启用该版本：每个触发事件只有一个启用版本；新进客户立即按它分配，已在运行的跟进保持原版本',
    'Activate this version: one active version per trigger; new intakes use it at once, running lifecycles keep the version they started with',
  ),
  auth: FLOWS_WRITE,
  params: IdParams,
  responses: { 200: ActivationView, 404: ErrorBodySchema, 409: ErrorBodySchema },
  async handler({ app, principal, params, audit }) {
    const activation = await activateVersion(app, principal, params.id);
    audit({
      action: 'flowVersions.activate',
      target: { kind: 'activeFlow', id: activation.trigger },
      before: activation.previous,
      after: { flowId: activation.flowId, versionId: activation.versionId, version: activation.version },
    });
    return { body: activation };
  },
});

export const flowVersionRoutes = [publishFlowRoute, listVersionsRoute, diffRoute, getVersionRoute, activateVersionRoute];
