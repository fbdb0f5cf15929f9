import { text } from '../../core/common/localized';
import { startImport } from '../../services/imports/import-job.service';
import { ImportAcceptedView, ImportQuery } from '../../services/imports/job.schemas';
import { defineRoute } from '../http/define-route';

export const importCustomersRoute = defineRoute({
  id: 'customers.import',
  method: 'post',
  path: '/api/customers/import',
  tag: 'customers',
  summary: text(
    '批量导入客户：CSV（UTF-8、带 BOM 的 UTF-8 或 GBK，支持中英文表头）或 JSON 数组 / NDJSON，最多 100,000 行；立即返回任务 ID，后台逐行查重并按分配流程分配',
    'Import customers: CSV (UTF-8, UTF-8 with BOM or GBK; English or Chinese headers) or a JSON array / NDJSON, up to 100,000 rows; answers at once with a job id, rows are deduplicated and allocated by the flow in the background',
  ),
  auth: { roles: ['admin', 'manager'], tokenScope: 'intake' },
  rateLimit: { windowMs: 60_000, limit: 30 },
  bodyType: 'raw',
  query: ImportQuery,
  responses: { 202: ImportAcceptedView },
  async handler({ app, principal, query, body, req, requestId, audit }) {
    const accepted = await startImport(
      app,
      principal,
      { body, contentType: req.get('content-type') ?? undefined, format: query.format, encoding: query.encoding, fileName: query.fileName },
      requestId,
    );
    audit({ action: 'customers.import', target: { kind: 'job', id: accepted.jobId }, after: { ...accepted } });
    return { status: 202, body: { ...accepted, statusUrl: `/api/jobs/${accepted.jobId}` }, headers: { location: `/api/jobs/${accepted.jobId}` } };
  },
});

export const importRoutes = [importCustomersRoute];
