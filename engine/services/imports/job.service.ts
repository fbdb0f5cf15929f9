import mongoose from 'mongoose';
import { text } from '../../core/common/localized';
import { ApiError } from '../../api/api-error';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import type { JobRaw } from '../../data/collections/job.model';
import type { Stored } from '../../data/mappers';
import type { JobRowsQueryT, JobRowViewT, JobViewT } from './job.schemas';

type App = Pick<AppContext, 'models'>;
type JobStored = Stored<JobRaw> & { createdAt: Date; updatedAt: Date };

const jobNotFound = () => ApiError.notFound(text('任务不存在或你无权查看', 'Job not found or not visible to you'));
const iso = (d: Date | null | undefined) => (d == null ? null : d.toISOString());

/** A job is seen by the user or token that started it, and by admins. */
async function loadVisibleJob(app: App, p: Principal, id: string): Promise<JobStored> {
  const job = (await app.models.Job.findById(id).lean()) as JobStored | null;
  if (!job || !(p.role === 'admin' || (job.createdBy?.id != null && job.createdBy.id === p.id && job.createdBy.kind === p.kind))) throw jobNotFound();
  return job;
}

function jobView(j: JobStored): JobViewT {
  const c = j.counts;
  return {
    id: j._id.toString(),
    kind: j.kind,
    status: j.status,
    total: j.total ?? null,
    processed: j.processed,
    counts: {
      imported: c?.imported ?? 0,
      duplicate: c?.duplicate ?? 0,
      rejected: c?.rejected ?? 0,
      assigned: c?.assigned ?? 0,
      pooled: c?.pooled ?? 0,
      unassigned: c?.unassigned ?? 0,
      failed: c?.failed ?? 0,
    },
    params: j.params && typeof j.params === 'object' && !Array.isArray(j.params) ? (j.params as Record<string, unknown>) : {},
    error: j.error ?? null,
    result: (j as { result?: unknown }).result ?? null,
    createdBy: j.createdBy ? { kind: j.createdBy.kind, id: j.createdBy.id ?? null, name: j.createdBy.name ?? null } : null,
    attempts: Math.max(1, j.attempts ?? 1),
    resumedAt: iso(j.resumedAt),
    startedAt: iso(j.startedAt),
    finishedAt: iso(j.finishedAt),
    createdAt: j.createdAt.toISOString(),
    updatedAt: (j.updatedAt ?? j.createdAt).toISOString(),
  };
}

export async function getJob(app: App, p: Principal, id: string): Promise<JobViewT> {
  return jobView(await loadVisibleJob(app, p, id));
}

const encodeRowCursor = (row: number) => Buffer.from(JSON.stringify({ r: row })).toString('base64url');

function decodeRowCursor(raw: string): number {
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { r?: unknown };
    if (typeof v.r === 'number' && Number.isInteger(v.r) && v.r >= 0) return v.r;
  } catch {
    // falls through to the 400
  }
  const t = text('分页游标无效，请从第一页重新读取', 'The page cursor is not valid; start again from the first page');
  throw new ApiError(400, 'INVALID_CURSOR', t, [{ path: '/query/cursor', message: t }]);
}

/** The per-row report in row order, optionally one status only, cursor-paginated. */
export async function listJobRows(app: App, p: Principal, id: string, q: JobRowsQueryT): Promise<{ items: JobRowViewT[]; nextCursor: string | null }> {
  const job = await loadVisibleJob(app, p, id);
  const filter: Record<string, unknown> = { jobId: job._id };
  if (q.status) filter.outcome = q.status;
  if (q.cursor) filter.row = mongoose.trusted({ $gt: decodeRowCursor(q.cursor) });
  const rows = await app.models.JobRow.find(filter).sort({ row: 1 }).limit(q.limit + 1).lean();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      row: r.row,
      status: r.outcome,
      code: r.code ?? null,
      field: r.field ?? null,
      reason: r.reason ? { 'zh-CN': r.reason['zh-CN'], en: r.reason.en } : null,
      customerId: r.customerId ? r.customerId.toString() : null,
      ownerId: r.ownerId ? r.ownerId.toString() : null,
    })),
    nextCursor: rows.length > q.limit && last ? encodeRowCursor(last.row) : null,
  };
}
