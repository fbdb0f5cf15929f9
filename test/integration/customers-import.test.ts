import { randomBytes } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import roundRobin from '../../templates/round-robin/flow.json';
import { hashToken } from '../../engine/api/auth/authenticate';
import { getModels, type Models } from '../../engine/data/models';
import { seedDemo } from '../../engine/data/seed/seed-demo';
import { ImportAcceptedView, JobRowsPage, JobView, type JobRowViewT, type JobViewT } from '../../engine/services/imports/job.schemas';
import { startTestApi, type TestApi } from '../harness/api';
import { useTestDatabase } from '../harness/db';
import { installActiveFlow } from '../harness/flows';
import { startApiProcess } from '../harness/api-process';
import { IMPORT_BATCH_SIZE } from '../../engine/services/imports/import-job.service';
import { createLogin, openCountMismatches, schemaErrors } from './customers.fixtures';

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let api: TestApi;
let m: Models;
let admin: string;
let manager: string;

type Accepted = { jobId: string; status: string; format: string; encoding: string; ignoredColumns: string[]; statusUrl: string };
type Err = { error: { code: string; message: string } };

beforeAll(async () => {
  db = await useTestDatabase('import');
  m = getModels(db.conn);
  await seedDemo(db.conn, { reset: true });
  api = await startTestApi(db.conn);
  admin = await api.login('admin@allot.demo');
  manager = await api.login('manager@allot.demo');
  await installActiveFlow(db.conn, roundRobin);
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

/** POSTs raw bytes (the harness' call() would JSON-encode a Buffer). */
async function upload(token: string, body: Buffer | string, contentType: string, query = ''): Promise<{ status: number; body: Accepted & Err }> {
  const res = await fetch(`${api.baseUrl}/api/customers/import${query}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body: typeof body === 'string' ? body : new Uint8Array(body) });
  return { status: res.status, body: (await res.json()) as Accepted & Err };
}

async function waitForJob(token: string, id: string, timeoutMs = 120_000): Promise<JobViewT> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await api.call<JobViewT>('GET', `/api/jobs/${id}`, { token });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    if (r.body.status !== 'running') return r.body;
    if (Date.now() > until) throw new Error(`job ${id} still running: ${JSON.stringify(r.body)}`);
    await new Promise((res) => setTimeout(res, 150));
  }
}

async function rowsOf(token: string, id: string, query = ''): Promise<JobRowViewT[]> {
  const out: JobRowViewT[] = [];
  let cursor: string | null = null;
  do {
    const r: { status: number; body: { items: JobRowViewT[]; nextCursor: string | null } } = await api.call('GET', `/api/jobs/${id}/rows?limit=200${query}${cursor ? `&cursor=${cursor}` : ''}`, { token });
    expect(r.status).toBe(200);
    out.push(...r.body.items);
    cursor = r.body.nextCursor;
  } while (cursor);
  return out;
}

const csv = (rows: unknown[][]) => stringify(rows, { record_delimiter: '\r\n' });
const phone = (n: number) => `1370${String(n).padStart(7, '0')}`;

describe('CSV import with broken rows (Chinese headers)', () => {
  it('imports the valid rows, rejects the bad ones with reasons, reports duplicates, and finishes', async () => {
    const existing = await m.Customer.findOne({ phone: mongoose.trusted({ $exists: true }) }).lean();
    const header = ['名称', '公司', '电话', '邮箱', '行业', '省份', '城市', '规模', '来源', '预计金额', '标签', '属性.预算周期', '负责人'];
    const body = csv([
      header,
      ['王小明', '杭州云帆科技有限公司', phone(1), 'wxm@example.cn', 'software', '浙江', '杭州', '中型', 'website', '12万', 'vip；重点', 'Q3', '张三'], // 2 imported
      ['', '无名公司', phone(2), '', '', '', '', '', '', '', '', '', ''], // 3 no name
      ['李四', '', phone(3), 'not-an-email', '', '', '', '', '', '', '', '', ''], // 4 bad email
      ['赵五', '', phone(4), '', '', '', '', '', '', 'abc', '', '', ''], // 5 bad amount
      ['孙六', '', phone(5), '', '', '', '', '', '', '', '', '', '', 'extra', 'cells'], // 6 too many cells
      ['周七', '', phone(1), '', '', '', '', '', '', '', '', '', ''], // 7 duplicate of row 2
      ['钱八', '', existing!.phone!, '', '', '', '', '', '', '', '', '', ''], // 8 duplicate of the database
      ['吴九', '', 'abc', '', '', '', '', '', '', '', '', '', ''], // 9 bad phone
      ["=cmd|' /C calc'!A0", '', phone(10), '', '', '', '', '', '', '', '', '', ''], // 10 imported (a formula-looking name is only text)
      ['郑十', '', phone(11), '', '', '', '', '巨型', '', '', '', '', ''], // 11 unknown size
      ['Chen Shi', 'Acme Ltd.', phone(12), 'chen@acme.com', '', '上海', '上海', 'Large', 'referral', '1,200,000', '', '', ''], // 12 imported
    ]);
    const r = await upload(manager, body, 'text/csv');
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(r.body).toMatchObject({ status: 'running', format: 'csv', encoding: 'utf8', ignoredColumns: ['负责人'] });
    expect(schemaErrors(ImportAcceptedView, r.body)).toBe('');
    const job = await waitForJob(manager, r.body.jobId);
    expect(schemaErrors(JobView, job)).toBe('');
    expect(job).toMatchObject({ status: 'succeeded', total: 11, processed: 11, counts: { imported: 3, duplicate: 2, rejected: 6, failed: 0 } });
    expect(job.counts.assigned + job.counts.pooled + job.counts.unassigned).toBe(3);
    expect(job.params).toMatchObject({ format: 'csv', encoding: 'utf8', flowVersion: 1, ignoredColumns: ['负责人'] });
    expect(job.finishedAt).not.toBeNull();

    const rejected = await rowsOf(manager, r.body.jobId, '&status=rejected');
    expect(rejected.map((x) => [x.row, x.code, x.field])).toEqual([
      [3, 'MISSING_FIELD', 'name'],
      [4, 'INVALID_FIELD', 'email'],
      [5, 'INVALID_NUMBER', 'estimatedValue'],
      [6, 'COLUMN_COUNT', null],
      [9, 'INVALID_FIELD', 'phone'],
      [11, 'INVALID_FIELD', 'size'],
    ]);
    for (const x of rejected) {
      expect(x.reason?.['zh-CN'].length, String(x.row)).toBeGreaterThan(3);
      expect(x.reason?.en.length, String(x.row)).toBeGreaterThan(3);
    }
    const dups = await rowsOf(manager, r.body.jobId, '&status=duplicate');
    expect(dups.map((x) => [x.row, x.code])).toEqual([[7, 'DUPLICATE_IN_FILE'], [8, 'DUPLICATE_EXISTING']]);
    expect(dups[0]!.reason?.en).toContain('row 2');
    expect(dups[1]!.customerId).toBe(String(existing!._id));

    const imported = await rowsOf(manager, r.body.jobId, '&status=imported');
    expect(imported.map((x) => x.row)).toEqual([2, 10, 12]);
    const first = await m.Customer.findById(imported[0]!.customerId).lean();
    expect(first).toMatchObject({ name: '王小明', estimatedValue: 120_000, size: 'medium', tags: ['vip', '重点'], attributes: [{ key: '预算周期', value: 'Q3' }] });
    const last = await m.Customer.findById(imported[2]!.customerId).lean();
    expect(last).toMatchObject({ size: 'large', estimatedValue: 1_200_000, companyNormalized: 'acme' });
    for (const row of imported) {
      const c = await m.Customer.findById(row.customerId).lean();
      expect(c?.ownerId ? String(c.ownerId) : null).toBe(row.ownerId);
      expect(await m.AssignmentEvent.countDocuments({ customerId: row.customerId, trigger: 'customerImported' })).toBe(1);
    }

    // the report pages in row order
    const page = await api.call<{ items: JobRowViewT[]; nextCursor: string }>('GET', `/api/jobs/${r.body.jobId}/rows?limit=4`, { token: manager });
    expect(page.body.items.map((x) => x.row)).toEqual([2, 3, 4, 5]);
    expect(schemaErrors(JobRowsPage, page.body)).toBe('');
    const next = await api.call<{ items: JobRowViewT[] }>('GET', `/api/jobs/${r.body.jobId}/rows?limit=4&cursor=${page.body.nextCursor}`, { token: manager });
    expect(next.body.items.map((x) => x.row)).toEqual([6, 7, 8, 9]);
    expect(await openCountMismatches(m)).toEqual([]);
  });

  it('reads a GBK file and a UTF-8 file with a BOM', async () => {
    const gbk = iconv.encode(csv([['名称', '公司', '电话', '省份'], ['欧阳娜娜', '深圳前海微众科技', phone(101), '广东'], ['司马光', '洛阳书院文化传播', phone(102), '河南']]), 'gbk');
    const g = await upload(admin, gbk, 'text/csv');
    expect(g.status, JSON.stringify(g.body)).toBe(202);
    expect(g.body.encoding).toBe('gbk');
    expect(await waitForJob(admin, g.body.jobId)).toMatchObject({ status: 'succeeded', counts: { imported: 2, rejected: 0 } });
    expect(await m.Customer.countDocuments({ name: '欧阳娜娜', company: '深圳前海微众科技', province: '广东' })).toBe(1);
    expect(await m.Customer.countDocuments({ name: '司马光' })).toBe(1);

    const bom = `\uFEFF${csv([['name', 'company', 'phone', 'estimatedValue', 'tags'], ['Lily Wang', '上海星河贸易', phone(103), '50000', 'vip,new'], ['张伟', 'Bright Co.', phone(104), '', '']])}`;
    const b = await upload(admin, Buffer.from(bom, 'utf8'), 'text/csv; charset=utf-8');
    expect(b.status).toBe(202);
    expect(b.body.encoding).toBe('utf8');
    expect(await waitForJob(admin, b.body.jobId)).toMatchObject({ status: 'succeeded', counts: { imported: 2, rejected: 0 } });
    expect(await m.Customer.findOne({ name: 'Lily Wang' }).lean()).toMatchObject({ company: '上海星河贸易', estimatedValue: 50_000, tags: ['vip', 'new'] });

    // a semicolon-separated GBK file, forced encoding
    const semi = iconv.encode('名称;电话\r\n诸葛亮;' + phone(105) + '\r\n', 'gbk');
    const s = await upload(admin, semi, 'text/csv', '?encoding=gbk');
    expect(await waitForJob(admin, s.body.jobId)).toMatchObject({ counts: { imported: 1 } });
    expect(await m.Customer.countDocuments({ name: '诸葛亮' })).toBe(1);
  });
});

describe('JSON and NDJSON imports', () => {
  it('imports a JSON array (English or Chinese keys), rejecting what is not a valid customer', async () => {
    const records = [
      { name: 'Json One', phone: phone(201), estimatedValue: 5000, tags: ['a', 'b'], attributes: { campaign: '618' } },
      42,
      { 名称: '中文键客户', 电话: phone(202), 规模: '小型' },
      { name: '', phone: phone(203) },
      { name: 'Injected', email: { $ne: null } },
      { name: 'Proto', attributes: { __proto__: 'x' } },
    ];
    const body = `[${records.map((r, i) => (i === 5 ? '{"name":"Proto","attributes":{"__proto__":"x"}}' : JSON.stringify(r))).join(',')}]`;
    const r = await upload(admin, body, 'application/json');
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(r.body.format).toBe('json');
    const job = await waitForJob(admin, r.body.jobId);
    expect(job).toMatchObject({ status: 'succeeded', total: 6, counts: { imported: 2, rejected: 4 } });
    const rejected = await rowsOf(admin, r.body.jobId, '&status=rejected');
    expect(rejected.map((x) => [x.row, x.code])).toEqual([[2, 'NOT_AN_OBJECT'], [4, 'MISSING_FIELD'], [5, 'INVALID_FIELD'], [6, 'INVALID_ATTRIBUTE']]);
    expect(await m.Customer.findOne({ name: 'Json One' }).lean()).toMatchObject({ estimatedValue: 5000, tags: ['a', 'b'], attributes: [{ key: 'campaign', value: '618' }] });
    expect(await m.Customer.findOne({ name: '中文键客户' }).lean()).toMatchObject({ size: 'small' });
    expect(await m.Customer.countDocuments({ name: 'Injected' })).toBe(0);
  });

  it('imports NDJSON line by line; a broken line is one rejected row', async () => {
    const body = [JSON.stringify({ name: 'Nd One', phone: phone(301) }), '{"name": "broken', '', JSON.stringify({ name: 'Nd Two', phone: phone(302) })].join('\n');
    const r = await upload(admin, body, 'application/x-ndjson');
    expect(r.status).toBe(202);
    expect(r.body.format).toBe('ndjson');
    const job = await waitForJob(admin, r.body.jobId);
    expect(job).toMatchObject({ status: 'succeeded', total: 3, counts: { imported: 2, rejected: 1 } });
    expect((await rowsOf(admin, r.body.jobId, '&status=rejected')).map((x) => [x.row, x.code])).toEqual([[2, 'INVALID_JSON']]);
  });

  it('refuses what cannot be read as a whole with a 400, and nothing is stored', async () => {
    const before = await m.Customer.countDocuments();
    const jobs = await m.Job.countDocuments();
    const cases: [Buffer | string, string, string][] = [
      ['', 'text/csv', 'EMPTY_BODY'],
      [csv([['公司', '电话'], ['x', phone(401)]]), 'text/csv', 'NO_NAME_COLUMN'],
      [csv([['名称', 'name'], ['x', 'y']]), 'text/csv', 'DUPLICATE_COLUMN'],
      ['[{"name": "x"', 'application/json', 'INVALID_JSON'],
      ['{"name": "x"}', 'application/json', 'NOT_AN_ARRAY'],
    ];
    for (const [body, type, code] of cases) {
      const r = await upload(admin, body, type, type === 'application/json' && code === 'NOT_AN_ARRAY' ? '?format=json' : '');
      expect(r.status, code).toBe(400);
      expect(r.body.error.code).toBe(code);
    }
    expect((await upload(admin, 'name\nx', 'text/csv', '?format=xml')).status).toBe(400);
    expect(await m.Customer.countDocuments()).toBe(before);
    expect(await m.Job.countDocuments()).toBe(jobs);
  });
});

describe('who may import and read jobs', () => {
  it('reps may not import; an intake token may, and sees only its own jobs; another manager gets 404', async () => {
    const rep = await api.login('rep@allot.demo');
    expect((await upload(rep, csv([['名称'], ['x']]), 'text/csv')).status).toBe(403);
    const token = `allot_${randomBytes(24).toString('hex')}`;
    await m.ApiToken.create({ name: 'crm-sync', tokenHash: hashToken(token), scopes: ['intake'] });
    const r = await upload(token, csv([['名称', '电话'], ['令牌导入', phone(501)]]), 'text/csv');
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(await waitForJob(token, r.body.jobId)).toMatchObject({ status: 'succeeded', counts: { imported: 1 }, createdBy: { kind: 'apiToken' } });
    expect((await api.call('GET', `/api/jobs/${r.body.jobId}`, { token: admin })).status).toBe(200);
    expect((await api.call('GET', `/api/jobs/${r.body.jobId}`, { token: manager })).status).toBe(404);
    expect((await api.call('GET', `/api/jobs/${r.body.jobId}/rows`, { token: rep })).status).toBe(404);
    // an intake-only token reaches nothing else
    expect((await api.call('GET', '/api/customers', { token })).status).toBe(403);
    const team = await m.Team.findOne().lean();
    await createLogin(m, 'manager-2@allot.test', { managedTeamIds: [team!._id] });
    const other = await api.login('manager-2@allot.test');
    const mine = await upload(manager, csv([['名称'], ['主管导入']]), 'text/csv');
    await waitForJob(manager, mine.body.jobId);
    expect((await api.call('GET', `/api/jobs/${mine.body.jobId}`, { token: other })).status).toBe(404);
    expect((await api.call('GET', `/api/jobs/${mine.body.jobId}/rows?status=%7B%22%24ne%22%3Anull%7D`, { token: manager })).status).toBe(400);
  });
});

/** Rows for a bulk JSON import: unique phones from `from`, varied provinces and values. */
const bulkRows = (n: number, from: number, label: string) =>
  Array.from({ length: n }, (_, i) => ({
    name: `${label} ${i + 1}`,
    phone: phone(from + i),
    province: ['浙江', '江苏', '上海', '广东'][i % 4],
    estimatedValue: (i % 50) * 10_000,
    attributes: { note: `导入备注 ${'x'.repeat(180)}` },
  }));

/** Counters equal the truth: open counts against the customers, no rep above its capacity or daily cap. */
async function expectCountersTrue(): Promise<void> {
  expect(await openCountMismatches(m)).toEqual([]);
  for (const rep of await m.Rep.find().lean()) {
    expect(rep.openCount, rep.name).toBeLessThanOrEqual(rep.capacity);
    expect(rep.todayCount, rep.name).toBeLessThanOrEqual(rep.dailyCap);
  }
}

/** Imported customers of one job per owner (from the job's report). */
async function ownerCounts(jobId: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const r of await m.JobRow.find({ jobId, outcome: 'imported' }).lean()) {
    if (r.ownerId) counts.set(String(r.ownerId), (counts.get(String(r.ownerId)) ?? 0) + 1);
  }
  return counts;
}

describe('bulk imports (batched allocation)', () => {
  it('5,000 rows with room for everyone: fast, counts right, round robin within one, counters true', async () => {
    // the same eligible reps for the whole import: room for all, no working-hours limits
    await m.Rep.updateMany({ status: 'active' }, { $set: { capacity: 50_000, dailyCap: 10_000 }, $unset: { workingHours: 1 } });
    const before = await m.Customer.countDocuments();
    const body = JSON.stringify(bulkRows(5000, 10_000, '批量客户'));
    expect(body.length).toBeGreaterThan(1_100_000); // over the 1 MB JSON limit of other routes
    const started = Date.now();
    const r = await upload(admin, body, 'application/json');
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const job = await waitForJob(admin, r.body.jobId, 400_000);
    const seconds = (Date.now() - started) / 1000;
    console.log(`[customers-import] 5,000 rows in ${seconds.toFixed(1)} s (${(5000 / seconds).toFixed(0)} rows/s)`);
    expect(job).toMatchObject({ status: 'succeeded', total: 5000, processed: 5000, counts: { imported: 5000, duplicate: 0, rejected: 0, failed: 0, assigned: 5000 } });
    expect(await m.Customer.countDocuments()).toBe(before + 5000);
    expect(await m.JobRow.countDocuments({ jobId: r.body.jobId })).toBe(5000);
    expect(await m.AssignmentEvent.countDocuments({ trigger: 'customerImported', requestId: mongoose.trusted({ $exists: true }), customerId: (await m.JobRow.findOne({ jobId: r.body.jobId, row: 2500 }).lean())!.customerId })).toBe(1);
    // one audit entry per batch
    expect(await m.AuditLog.countDocuments({ action: 'customers.importBatch', 'target.id': r.body.jobId })).toBe(Math.ceil(5000 / IMPORT_BATCH_SIZE));
    const counts = await ownerCounts(r.body.jobId);
    const eligible = await m.Rep.find({ status: 'active', isManager: false }).lean();
    expect(counts.size).toBe(eligible.length);
    const values = [...counts.values()];
    expect(Math.max(...values) - Math.min(...values), JSON.stringify(values)).toBeLessThanOrEqual(1);
    await expectCountersTrue();
    expect(seconds, 'a 5,000-row import should take well under a minute').toBeLessThan(60);
  }, 420_000);

  it('a file imported twice: every row of the second run is a duplicate of the database, nothing changes', async () => {
    const body = JSON.stringify(bulkRows(300, 10_000, '批量客户'));
    const before = await m.Customer.countDocuments();
    const r = await upload(admin, body, 'application/json');
    const job = await waitForJob(admin, r.body.jobId);
    expect(job).toMatchObject({ status: 'succeeded', counts: { imported: 0, duplicate: 300 } });
    expect(await m.Customer.countDocuments()).toBe(before);
    await expectCountersTrue();
  });

  it('tight capacity: no rep goes above its capacity or daily cap; the rest go to the pool', async () => {
    // a little room on each rep: 3 more open customers, 5 more today
    for (const rep of await m.Rep.find({ status: 'active' }).lean()) {
      await m.Rep.updateOne({ _id: rep._id }, { $set: { capacity: rep.openCount + 3, dailyCap: rep.todayCount + 5 } });
    }
    const room = (await m.Rep.find({ status: 'active', isManager: false }).lean()).length * 3;
    const r = await upload(admin, JSON.stringify(bulkRows(1000, 30_000, '紧张客户')), 'application/json');
    const job = await waitForJob(admin, r.body.jobId, 300_000);
    expect(job).toMatchObject({ status: 'succeeded', counts: { imported: 1000, failed: 0 } });
    expect(job.counts.assigned).toBe(room);
    expect(job.counts.pooled).toBe(1000 - room);
    await expectCountersTrue();
  }, 300_000);

  it('an import while single intakes arrive through a second API process: counters equal the truth afterwards', async () => {
    await m.Rep.updateMany({ status: 'active' }, { $set: { capacity: 50_000, dailyCap: 10_000 } });
    const other = await startApiProcess(db.uri);
    try {
      const login = await fetch(`${other.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@allot.demo', password: 'allot-demo' }) });
      const token = ((await login.json()) as { token: string }).token;
      const r = await upload(admin, JSON.stringify(bulkRows(2000, 50_000, '并发导入')), 'application/json');
      expect(r.status).toBe(202);
      let running = true;
      const intakes: { status: number; outcome: string }[] = [];
      const client = async (c: number) => {
        for (let i = 0; running && i < 60; i++) {
          const res = await fetch(`${other.baseUrl}/api/customers`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ name: `单条客户 ${c}-${i}`, phone: phone(70_000 + c * 100 + i) }),
          });
          intakes.push({ status: res.status, outcome: ((await res.json()) as { outcome: string }).outcome });
        }
      };
      const clients = Promise.all([0, 1, 2, 3].map(client));
      const job = await waitForJob(admin, r.body.jobId, 300_000);
      running = false;
      await clients;
      expect(job).toMatchObject({ status: 'succeeded', counts: { imported: 2000, assigned: 2000, failed: 0 } });
      expect(intakes.length).toBeGreaterThan(0);
      expect(intakes.filter((x) => x.status !== 201)).toEqual([]);
      expect(intakes.every((x) => x.outcome === 'assigned')).toBe(true);
      await expectCountersTrue();
      // the round-robin tallies kept in the node state equal the customers it assigned (no turn taken twice or lost)
      const state = await m.AllocationState.findOne().lean();
      const tallied = Object.values(Object.fromEntries(Object.entries(state?.assigned ?? {}))).reduce((a, b) => a + Number(b), 0);
      expect(tallied).toBe(await m.AssignmentEvent.countDocuments({ outcome: 'assigned', flowId: state!.nodeKey.split(':')[0] }));
    } finally {
      await other.stop();
    }
  }, 400_000);
});
