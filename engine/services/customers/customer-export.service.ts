import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import iconv from 'iconv-lite';
import type { Locale } from '../../core/common/localized';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import { safeCell } from '../audit/csv-safe-cell';
import type { CustomerStored } from './customer-access';
import { CUSTOMER_CSV_COLUMNS } from './customer-columns';
import { customerFilter } from './customer-filter';
import { allRepNames, customerView } from './customer-view';
import type { CustomerExportQueryT } from './customer.schemas';

/** The most rows one export streams (narrow the filters for more). */
export const EXPORT_MAX_ROWS = 200_000;
const FLUSH_CHARS = 64 * 1024;
const BOM = '\uFEFF';

function csvLines(rows: unknown[][]): string {
  return stringify(rows, { record_delimiter: '\r\n' });
}

/** Writes a chunk and waits for the socket to drain (or close) when its buffer is full. */
async function write(res: Response, chunk: Buffer): Promise<void> {
  if (res.write(chunk)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

/**
 * GET /api/customers.csv: the same filtered, scoped list as GET /api/customers, streamed from a
 * database cursor (newest first). UTF-8 with a BOM so Excel opens Chinese correctly, or GBK on request;
 * headers in the caller's language; every cell formula-injection-safe (safeCell).
 */
export async function streamCustomersCsv(app: AppContext, p: Principal, q: CustomerExportQueryT, res: Response, locale: Locale): Promise<void> {
  const now = app.now();
  const filter = customerFilter(p, q, now);
  const repNames = await allRepNames(app);
  const gbk = q.encoding === 'gbk';
  const encode = (s: string): Buffer => (gbk ? iconv.encode(s, 'gbk') : Buffer.from(s, 'utf8'));
  const stamp = new Date(now).toISOString().slice(0, 10);
  res.status(200);
  res.set({
    'content-type': `text/csv; charset=${gbk ? 'gbk' : 'utf-8'}`,
    'content-disposition': `attachment; filename="customers-${stamp}.csv"`,
    'cache-control': 'no-store',
  });
  let closed = false;
  res.once('close', () => {
    closed = true;
  });
  const header = CUSTOMER_CSV_COLUMNS.map((c) => (locale === 'en' ? c.en : c.zh));
  let pending = (gbk ? '' : BOM) + csvLines([header]);
  const cursor = app.models.Customer.find(filter).sort({ createdAt: -1, _id: -1 }).limit(EXPORT_MAX_ROWS).lean().cursor({ batchSize: 500 });
  try {
    let batch: unknown[][] = [];
    for await (const doc of cursor) {
      if (closed) break;
      const view = customerView(doc as CustomerStored, { now, overdueHours: q.overdueHours, repNames });
      batch.push(CUSTOMER_CSV_COLUMNS.map((c) => safeCell(c.value(view))));
      if (batch.length >= 200) {
        pending += csvLines(batch);
        batch = [];
      }
      if (pending.length >= FLUSH_CHARS) {
        await write(res, encode(pending));
        pending = '';
      }
    }
    if (batch.length) pending += csvLines(batch);
    if (pending && !closed) await write(res, encode(pending));
  } catch (err) {
    if (!res.headersSent) throw err;
    // the status line is gone: cut the download short so the client sees it failed
    console.error('[customers] CSV export failed mid-stream:', err);
    res.destroy(err as Error);
    return;
  } finally {
    await cursor.close().catch(() => undefined);
  }
  res.end();
}
