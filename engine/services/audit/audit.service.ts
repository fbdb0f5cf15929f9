import { once } from 'node:events';
import type { Response } from 'express';
import mongoose from 'mongoose';
import { stringify } from 'csv-stringify';
import { text, type Locale } from '../../core/common/localized';
import { ApiError } from '../../api/api-error';
import type { AppContext } from '../../api/app-context';
import type { AuditLogRaw } from '../../data/collections/audit-log.model';
import type { AuditCsvQuery, AuditEntry, AuditQuery } from './audit.schemas';
import { safeCell } from './csv-safe-cell';
import { afterCursor, decodeCursor, pageOf } from './time-cursor';

type Filters = Omit<AuditQuery, 'cursor' | 'limit'>;
type StoredEntry = AuditLogRaw & { _id: unknown };

/** The filter of an audit query. Values are schema-checked strings and dates, never caller objects. */
export function auditFilter(q: Filters): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  if (q.actorId) f['actor.id'] = q.actorId;
  if (q.actorKind) f['actor.kind'] = q.actorKind;
  if (q.action) f.action = q.action;
  else if (q.actionPrefix) f.action = mongoose.trusted({ $gte: q.actionPrefix, $lt: `${q.actionPrefix}\uffff` });
  if (q.targetKind) f['target.kind'] = q.targetKind;
  if (q.targetId) f['target.id'] = q.targetId;
  if (q.requestId) f.requestId = q.requestId;
  if (q.from || q.to) {
    const from = q.from ? Date.parse(q.from) : undefined;
    const to = q.to ? Date.parse(q.to) : undefined;
    if (from !== undefined && to !== undefined && from >= to) {
      throw new ApiError(400, 'INVALID_RANGE', text('开始时间必须早于结束时间', '"from" must be before "to"'), [
        { path: '/query/from', message: text('应早于 to', 'Must be before "to"') },
      ]);
    }
    f.at = mongoose.trusted({ ...(from !== undefined ? { $gte: new Date(from) } : {}), ...(to !== undefined ? { $lt: new Date(to) } : {}) });
  }
  return f;
}

export function toAuditEntry(e: StoredEntry): AuditEntry {
  return {
    id: String(e._id),
    at: e.at.toISOString(),
    actor: { kind: e.actor.kind, id: e.actor.id ?? null, name: e.actor.name ?? null },
    action: e.action,
    target: { kind: e.target.kind, id: e.target.id ?? null },
    before: e.before ?? null,
    after: e.after ?? null,
    requestId: e.requestId ?? null,
  };
}

/** One page of the audit log, newest first. */
export async function listAudit(app: AppContext, q: AuditQuery): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const base = auditFilter(q);
  const filter = q.cursor ? { $and: [base, afterCursor('at', decodeCursor(q.cursor))] } : base;
  const rows = await app.models.AuditLog.find(filter).sort({ at: -1, _id: -1 }).limit(q.limit + 1).lean();
  const page = pageOf(rows as StoredEntry[], q.limit, (r) => r.at);
  return { items: page.rows.map(toAuditEntry), nextCursor: page.nextCursor };
}

const HEADERS: Record<Locale, string[]> = {
  'zh-CN': ['时间', '操作者类型', '操作者ID', '操作者', '操作', '对象类型', '对象ID', '请求ID', '修改前', '修改后'],
  en: ['time', 'actor kind', 'actor id', 'actor', 'action', 'target kind', 'target id', 'request id', 'before', 'after'],
};

/**
 * Streams the audit log as CSV (UTF-8 with BOM, so Excel and WPS read Chinese), newest first;
 * every cell is formula-injection safe.
 */
export async function streamAuditCsv(app: AppContext, q: AuditCsvQuery, locale: Locale, res: Response): Promise<void> {
  const filter = auditFilter(q);
  const day = new Date(app.now()).toISOString().slice(0, 10);
  res.status(200);
  res.set({ 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="allot-audit-${day}.csv"`, 'cache-control': 'no-store' });
  res.write('\uFEFF');
  const csv = stringify({ header: true, columns: HEADERS[locale], bom: false });
  csv.pipe(res);
  const cursor = app.models.AuditLog.find(filter).sort({ at: -1, _id: -1 }).limit(q.limit).lean().cursor();
  try {
    for await (const doc of cursor) {
      const e = toAuditEntry(doc as StoredEntry);
      const row = [e.at, e.actor.kind, e.actor.id, e.actor.name, e.action, e.target.kind, e.target.id, e.requestId, e.before, e.after].map(safeCell);
      if (!csv.write(row)) await once(csv, 'drain');
    }
    csv.end();
    await once(res, 'finish');
  } catch (err) {
    await cursor.close().catch(() => undefined);
    res.destroy(err instanceof Error ? err : new Error(String(err)));
  }
}
