import { Type } from '@sinclair/typebox';
import { text } from '../../core/common/localized';
import { flowDocumentJsonSchema } from '../../core/flow/flow-json-schema';
import { catalogView, factsView, orgRefs } from '../../services/flows/catalog.service';
import { CatalogView, FactsView, LocaleQuery, OrgRefsView } from '../../services/flows/catalog.schemas';
import { defineRoute } from '../http/define-route';
import { FLOWS_READ } from './flows.routes';

/** What the designer builds its palette, forms and pickers from (admins and managers). */

export const catalogRoute = defineRoute({
  id: 'catalog.nodes',
  method: 'get',
  path: '/api/catalog',
  tag: 'catalog',
  summary: text('节点目录：每种节点的参数 JSON Schema、默认参数、出口、图标与中英文说明；以及触发事件与流程类型', 'The node catalog: each node type’s params JSON Schema, default params, outputs, icon and words in both languages; plus triggers and flow kinds'),
  auth: FLOWS_READ,
  query: LocaleQuery,
  responses: { 200: CatalogView },
  async handler({ query, locale }) {
    return { body: catalogView(query.locale ?? locale) };
  },
});

export const flowSchemaRoute = defineRoute({
  id: 'catalog.flowSchema',
  method: 'get',
  path: '/api/schema/flow',
  tag: 'catalog',
  summary: text('流程文档的 JSON Schema（draft 2020-12），API 校验与设计器表单共用', 'The flow document’s JSON Schema (draft 2020-12), shared by the API’s validation and the designer’s forms'),
  auth: FLOWS_READ,
  responses: { 200: Type.Record(Type.String(), Type.Unknown()) },
  async handler() {
    return { body: flowDocumentJsonSchema, headers: { 'cache-control': 'private, max-age=300' } };
  },
});

export const factsRoute = defineRoute({
  id: 'catalog.facts',
  method: 'get',
  path: '/api/facts',
  tag: 'catalog',
  summary: text('条件可用的字段（类型与名称）、在用的自定义属性，以及每种类型可用的运算符', 'Fields conditions may test (types and labels), the custom attributes in use, and the operators that fit each type'),
  auth: FLOWS_READ,
  query: LocaleQuery,
  responses: { 200: FactsView },
  async handler({ app, query, locale }) {
    return { body: await factsView(app, query.locale ?? locale) };
  },
});

export const orgRefsRoute = defineRoute({
  id: 'catalog.orgRefs',
  method: 'get',
  path: '/api/org/refs',
  tag: 'catalog',
  summary: text('团队、销售、公海的 ID 与名称（供选择器使用）', 'Teams, reps and pools, id and name (for pickers)'),
  auth: FLOWS_READ,
  responses: { 200: OrgRefsView },
  async handler({ app }) {
    return { body: await orgRefs(app) };
  },
});

export const catalogRoutes = [catalogRoute, flowSchemaRoute, factsRoute, orgRefsRoute];
