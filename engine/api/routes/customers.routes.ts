import { text } from '../../core/common/localized';
import { changeOwner } from '../../services/customers/customer-assign.service';
import { addCollaborator, removeCollaborator } from '../../services/customers/customer-collaborators.service';
import { streamCustomersCsv } from '../../services/customers/customer-export.service';
import { getCustomerDetail, listCustomers } from '../../services/customers/customer-list.service';
import { closeDeal } from '../../services/customers/customer-status.service';
import { updateCustomer, versionFromIfMatch } from '../../services/customers/customer-update.service';
import {
  AssignBody,
  CollaboratorBody,
  CollaboratorParams,
  CustomerDetailView,
  CustomerExportQuery,
  CustomerListQuery,
  CustomerPage,
  CustomerUpdateBody,
  CustomerUpdateResult,
  CustomerView,
  OwnerChangeResult,
  ReassignBody,
  StatusBody,
} from '../../services/customers/customer.schemas';
import { IdParams } from '../http/common.schemas';
import { defineRoute } from '../http/define-route';

const EVERYONE = ['admin', 'manager', 'rep'] as const;
const MANAGERS = ['admin', 'manager'] as const;

export const listCustomersRoute = defineRoute({
  id: 'customers.list',
  method: 'get',
  path: '/api/customers',
  tag: 'customers',
  summary: text(
    '客户列表：按负责人、团队、状态、等级、标签、来源、省份、超时未跟进和名称/公司前缀筛选，游标分页；销售只看到自己负责或协同的客户',
    'List customers: filter by owner, team, status, grade, tag, source, province, overdue and name/company prefix, cursor-paginated; reps see only their own and collaborating customers',
  ),
  auth: { roles: EVERYONE, tokenScope: 'customers:read' },
  query: CustomerListQuery,
  responses: { 200: CustomerPage },
  async handler({ app, principal, query }) {
    return { body: await listCustomers(app, principal, query) };
  },
});

export const exportCustomersRoute = defineRoute({
  id: 'customers.exportCsv',
  method: 'get',
  path: '/api/customers.csv',
  tag: 'customers',
  summary: text(
    '导出客户 CSV（与列表相同的筛选和可见范围；UTF-8 带 BOM，或 ?encoding=gbk；防公式注入）',
    'Export customers as CSV (same filters and visibility as the list; UTF-8 with BOM, or ?encoding=gbk; formula-injection safe)',
  ),
  auth: { roles: EVERYONE, tokenScope: 'customers:read' },
  query: CustomerExportQuery,
  responses: { 200: { description: 'CSV file', contentType: 'text/csv' } },
  async handler({ app, principal, query, res, locale }) {
    await streamCustomersCsv(app, principal, query, res, locale);
    return undefined;
  },
});

export const getCustomerRoute = defineRoute({
  id: 'customers.get',
  method: 'get',
  path: '/api/customers/:id',
  tag: 'customers',
  summary: text('客户详情：分配记录（最新在前）、最近一次决策追踪和跟进次数', 'One customer with its assignment history (newest first), the latest decision trace and its follow-up count'),
  auth: { roles: EVERYONE, tokenScope: 'customers:read' },
  params: IdParams,
  responses: { 200: CustomerDetailView },
  async handler({ app, principal, params }) {
    return { body: await getCustomerDetail(app, principal, params.id) };
  },
});

export const updateCustomerRoute = defineRoute({
  id: 'customers.update',
  method: 'patch',
  path: '/api/customers/:id',
  tag: 'customers',
  summary: text(
    '修改客户资料（不含负责人和状态）；可带 version 或 If-Match 做并发校验（冲突 409）；若启用了“客户信息更新”流程则按流程重新评分',
    'Update customer attributes (not owner or status); version or If-Match guards against concurrent edits (409); re-scored by the active customerUpdated flow if any',
  ),
  auth: { roles: EVERYONE, tokenScope: 'customers:write' },
  params: IdParams,
  body: CustomerUpdateBody,
  responses: { 200: CustomerUpdateResult },
  async handler({ app, principal, params, body, req, audit }) {
    const r = await updateCustomer(app, principal, params.id, body, versionFromIfMatch(req.get('if-match') ?? undefined));
    audit({ action: 'customers.update', target: { kind: 'customer', id: params.id }, before: r.before, after: r.customer });
    return { body: { customer: r.customer, rescore: r.rescore }, headers: { etag: `"${r.customer.version}"` } };
  },
});

export const assignCustomerRoute = defineRoute({
  id: 'customers.assign',
  method: 'post',
  path: '/api/customers/:id/assign',
  tag: 'customers',
  summary: text('手动分配给指定销售并注明原因（主管限本团队，管理员不限）', 'Assign by hand to a named rep, with a reason (managers within their teams, admins)'),
  auth: { roles: MANAGERS, tokenScope: 'customers:write' },
  params: IdParams,
  body: AssignBody,
  responses: { 200: OwnerChangeResult },
  async handler({ app, principal, params, body, requestId, audit }) {
    const r = await changeOwner(app, principal, params.id, { ...body, mode: 'assign', requestId });
    audit({ action: 'customers.assign', target: { kind: 'customer', id: params.id }, before: { ownerId: r.previousOwnerId }, after: { ownerId: r.ownerId, reason: body.reason } });
    return { body: r };
  },
});

export const reassignCustomerRoute = defineRoute({
  id: 'customers.reassign',
  method: 'post',
  path: '/api/customers/:id/reassign',
  tag: 'customers',
  summary: text(
    '改派并注明原因：指定 repId，或由启用的分配流程重新分配（排除当前负责人）',
    'Reassign with a reason: to a named repId, or through the active allocation flow excluding the current owner',
  ),
  auth: { roles: MANAGERS, tokenScope: 'customers:write' },
  params: IdParams,
  body: ReassignBody,
  responses: { 200: OwnerChangeResult },
  async handler({ app, principal, params, body, requestId, audit }) {
    const r = await changeOwner(app, principal, params.id, { ...body, mode: 'reassign', requestId });
    audit({ action: 'customers.reassign', target: { kind: 'customer', id: params.id }, before: { ownerId: r.previousOwnerId }, after: { ownerId: r.ownerId, reason: body.reason } });
    return { body: r };
  },
});

export const addCollaboratorRoute = defineRoute({
  id: 'customers.addCollaborator',
  method: 'post',
  path: '/api/customers/:id/collaborators',
  tag: 'customers',
  summary: text('添加协同人（负责人、主管或管理员）', 'Add a collaborator (owner, manager or admin)'),
  auth: { roles: EVERYONE, tokenScope: 'customers:write' },
  params: IdParams,
  body: CollaboratorBody,
  responses: { 200: CustomerView },
  async handler({ app, principal, params, body, audit }) {
    const r = await addCollaborator(app, principal, params.id, body.repId);
    audit({ action: 'customers.addCollaborator', target: { kind: 'customer', id: params.id }, before: { collaboratorIds: r.before.collaboratorIds }, after: { collaboratorIds: r.after.collaboratorIds } });
    return { body: r.after };
  },
});

export const removeCollaboratorRoute = defineRoute({
  id: 'customers.removeCollaborator',
  method: 'delete',
  path: '/api/customers/:id/collaborators/:repId',
  tag: 'customers',
  summary: text('移除协同人（负责人、主管或管理员）', 'Remove a collaborator (owner, manager or admin)'),
  auth: { roles: EVERYONE, tokenScope: 'customers:write' },
  params: CollaboratorParams,
  responses: { 200: CustomerView },
  async handler({ app, principal, params, audit }) {
    const r = await removeCollaborator(app, principal, params.id, params.repId);
    audit({ action: 'customers.removeCollaborator', target: { kind: 'customer', id: params.id }, before: { collaboratorIds: r.before.collaboratorIds }, after: { collaboratorIds: r.after.collaboratorIds } });
    return { body: r.after };
  },
});

export const customerStatusRoute = defineRoute({
  id: 'customers.setStatus',
  method: 'post',
  path: '/api/customers/:id/status',
  tag: 'customers',
  summary: text('标记赢单或输单（负责人、主管或管理员），可带成交金额和原因', 'Mark won or lost (owner, manager or admin), with an optional deal value and reason'),
  auth: { roles: EVERYONE, tokenScope: 'customers:write' },
  params: IdParams,
  body: StatusBody,
  responses: { 200: CustomerView },
  async handler({ app, principal, params, body, audit }) {
    const r = await closeDeal(app, principal, params.id, body);
    audit({
      action: 'customers.setStatus',
      target: { kind: 'customer', id: params.id },
      before: { status: r.before.status, estimatedValue: r.before.estimatedValue },
      after: { status: r.after.status, estimatedValue: r.after.estimatedValue, closedAt: r.after.closedAt, reason: body.reason ?? null },
    });
    return { body: r.after };
  },
});

export const customerRoutes = [
  listCustomersRoute,
  exportCustomersRoute,
  getCustomerRoute,
  updateCustomerRoute,
  assignCustomerRoute,
  reassignCustomerRoute,
  addCollaboratorRoute,
  removeCollaboratorRoute,
  customerStatusRoute,
];
