import { Type } from '@sinclair/typebox';
import { text } from '../../core/common/localized';
import { documentDigest } from '../../services/flows/flow-document';
import { getTemplateDetail, installTemplate, listTemplates } from '../../services/templates/template.service';
import { InstallBody, InstallResult, TemplateDetail, TemplateParams, TemplateSummary } from '../../services/templates/template.schemas';
import { ErrorBodySchema } from '../http/common.schemas';
import { defineRoute } from '../http/define-route';
import { FLOWS_READ, FLOWS_WRITE } from './flows.routes';

/** The template gallery (admins and managers) and installing a template as a draft (admins). */

export const listTemplatesRoute = defineRoute({
  id: 'templates.list',
  method: 'get',
  path: '/api/templates',
  tag: 'templates',
  summary: text('模板列表：中英文名称与说明、类型、标签、要点、需要绑定的占位符', 'Templates: names and descriptions in both languages, kind, tags, highlights, placeholders to bind'),
  auth: FLOWS_READ,
  responses: { 200: Type.Object({ items: Type.Array(TemplateSummary) }) },
  async handler({ locale }) {
    return { body: { items: listTemplates(locale) } };
  },
});

export const getTemplateRoute = defineRoute({
  id: 'templates.get',
  method: 'get',
  path: '/api/templates/:id',
  tag: 'templates',
  summary: text(
    '一个模板：流程文档、说明，以及它在示例数据上的效果（分配模板为模拟报告，跟进模板为示例场景的时间线）',
    'A template: its flow document, description, and what it does to its example data (allocation: the simulation report; follow-up: the example scenarios’ timelines)',
  ),
  auth: FLOWS_READ,
  params: TemplateParams,
  responses: { 200: TemplateDetail, 404: ErrorBodySchema },
  async handler({ params, locale }) {
    return { body: getTemplateDetail(params.id, locale) };
  },
});

export const installTemplateRoute = defineRoute({
  id: 'templates.install',
  method: 'post',
  path: '/api/templates/:id/install',
  tag: 'templates',
  summary: text(
    '安装模板为新草稿：公海占位符默认绑定到本组织的默认公海，团队与销售按 bindings 绑定；返回未绑定的占位符与校验结果',
    'Install a template as a new draft: pool placeholders default to the organisation’s default pool, teams and reps are bound by `bindings`; the answer lists unbound placeholders and the validation',
  ),
  auth: FLOWS_WRITE,
  params: TemplateParams,
  body: InstallBody,
  responses: { 201: InstallResult, 400: ErrorBodySchema, 404: ErrorBodySchema },
  async handler({ app, principal, params, body, locale, audit }) {
    const { result, audit: after } = await installTemplate(app, principal, params.id, body, locale);
    audit({ action: 'templates.install', target: { kind: 'flow', id: result.flow.id }, after: { ...after, ...documentDigest(result.flow.document) } });
    return { status: 201, body: result, headers: { location: `/api/flows/${result.flow.id}` } };
  },
});

export const templateRoutes = [listTemplatesRoute, getTemplateRoute, installTemplateRoute];
