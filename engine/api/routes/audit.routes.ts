import { Type } from '@sinclair/typebox';
import { text } from '../../core/common/localized';
import { AuditCsvQuerySchema, AuditEntrySchema, AuditQuerySchema } from '../../services/audit/audit.schemas';
import { listAudit, streamAuditCsv } from '../../services/audit/audit.service';
import { defineRoute } from '../http/define-route';

// admins, and integration tokens with the admin scope (e.g. a SIEM pulling the log)
const auditReaders = { roles: ['admin'], tokenScope: 'admin' } as const;

export const listAuditRoute = defineRoute({
  id: 'audit.list',
  method: 'get',
  path: '/api/audit',
  tag: 'audit',
  summary: text('审计日志（最新在前，可按操作者、操作、对象、时间筛选）', 'Audit log, newest first, filtered by actor, action, target and time'),
  auth: auditReaders,
  query: AuditQuerySchema,
  responses: { 200: Type.Object({ items: Type.Array(AuditEntrySchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }) },
  async handler({ app, query }) {
    return { body: await listAudit(app, query) };
  },
});

export const exportAuditRoute = defineRoute({
  id: 'audit.export',
  method: 'get',
  path: '/api/audit.csv',
  tag: 'audit',
  summary: text('导出审计日志 CSV（防公式注入）', 'Export the audit log as CSV (formula-injection safe)'),
  auth: auditReaders,
  query: AuditCsvQuerySchema,
  responses: { 200: { description: 'CSV, UTF-8 with BOM', contentType: 'text/csv' } },
  async handler({ app, query, locale, res }) {
    await streamAuditCsv(app, query, locale, res);
    return undefined;
  },
});

export const auditRoutes = [listAuditRoute, exportAuditRoute];
