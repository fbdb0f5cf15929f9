import { text } from '../../core/common/localized';
import { JobRowsPage, JobRowsQuery, JobView } from '../../services/imports/job.schemas';
import { getJob, listJobRows } from '../../services/imports/job.service';
import { IdParams } from '../http/common.schemas';
import { defineRoute } from '../http/define-route';

export const getJobRoute = defineRoute({
  id: 'jobs.get',
  method: 'get',
  path: '/api/jobs/:id',
  tag: 'jobs',
  summary: text('后台任务进度（导入等）：总数、已处理、导入/重复/拒绝数；仅发起人或管理员可见', 'A background job’s progress (imports …): total, processed, imported / duplicate / rejected; seen by its creator or an admin'),
  auth: { roles: ['admin', 'manager', 'rep'], tokenScope: 'intake' },
  params: IdParams,
  responses: { 200: JobView },
  async handler({ app, principal, params }) {
    return { body: await getJob(app, principal, params.id) };
  },
});

export const listJobRowsRoute = defineRoute({
  id: 'jobs.rows',
  method: 'get',
  path: '/api/jobs/:id/rows',
  tag: 'jobs',
  summary: text('任务的逐行报告（按行号），可按状态筛选（如 rejected），游标分页', 'A job’s per-row report in row order, optionally by status (e.g. rejected), cursor-paginated'),
  auth: { roles: ['admin', 'manager', 'rep'], tokenScope: 'intake' },
  params: IdParams,
  query: JobRowsQuery,
  responses: { 200: JobRowsPage },
  async handler({ app, principal, params, query }) {
    return { body: await listJobRows(app, principal, params.id, query) };
  },
});

export const jobRoutes = [getJobRoute, listJobRowsRoute];
