import { isUtf8 } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../engine/api/auth/authenticate';
import { getModels, type Models } from '../../engine/data/models';
import { seedDemo } from '../../engine/data/seed/seed-demo';
import { startTestApi, type TestApi } from '../harness/api';
import { useTestDatabase } from '../harness/db';

const NOW = Date.UTC(2025, 5, 16, 2, 0, 0);

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let api: TestApi;
let m: Models;
let admin: string;
let rep: string;
let repId: Types.ObjectId;

const FORMULA_NAME = "=cmd|' /C calc'!A0";

beforeAll(async () => {
  db = await useTestDatabase('export');
  m = getModels(db.conn);
  await seedDemo(db.conn, { now: NOW });
  api = await startTestApi(db.conn, { now: () => NOW });
  admin = await api.login('admin@allot.demo');
  rep = await api.login('rep@allot.demo');
  const user = await m.User.findOne({ email: 'rep@allot.demo' }).lean();
  const r = await m.Rep.findById(user!.repId).lean();
  repId = r!._id;
  const owned = { status: 'assigned' as const, ownerId: r!._id, teamId: r!.teamId, assignedAt: new Date(NOW - 3_600_000), createdAt: new Date(NOW) };
  const [formula] = await m.Customer.create([
    { ...owned, name: FORMULA_NAME, company: '@SUM(1+1)', city: '+86', tags: ['-bad', 'ok'] },
    { ...owned, name: '张三丰', company: '武当山太极有限公司', province: '湖北', city: '十堰', tags: ['重点客户'] },
  ]);
  // the model trims text; data written by other means may still start with a tab or CR
  await m.Customer.collection.updateOne({ _id: formula!._id }, { $set: { source: '\tweb', industry: '\r=1+1' } });
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

async function download(token: string, query = '', headers: Record<string, string> = {}): Promise<{ status: number; type: string; disposition: string; bytes: Buffer }> {
  const res = await fetch(`${api.baseUrl}/api/customers.csv${query}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', disposition: res.headers.get('content-disposition') ?? '', bytes: Buffer.from(await res.arrayBuffer()) };
}

const rowsOf = (text: string): string[][] => parse(text, { bom: true, relax_column_count: false }) as string[][];

describe('GET /api/customers.csv', () => {
  it('streams UTF-8 with a BOM, Chinese headers and text intact, formula cells neutralised', async () => {
    const r = await download(admin);
    expect(r.status).toBe(200);
    expect(r.type).toBe('text/csv; charset=utf-8');
    expect(r.disposition).toMatch(/^attachment; filename="customers-2025-06-16\.csv"$/);
    expect([...r.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = rowsOf(r.bytes.toString('utf8'));
    const [header, ...data] = rows;
    expect(header!.slice(0, 4)).toEqual(['客户ID', '名称', '公司', '电话']);
    expect(data).toHaveLength(await m.Customer.countDocuments());
    const col = (name: string) => header!.indexOf(name);
    const formula = data.find((row) => row[col('名称')]!.includes('cmd|'))!;
    expect(formula[col('名称')]).toBe(`'${FORMULA_NAME}`);
    expect(formula[col('公司')]).toBe("'@SUM(1+1)");
    expect(formula[col('城市')]).toBe("'+86");
    expect(formula[col('标签')]).toBe("'-bad;ok");
    expect(formula[col('来源')]).toBe("'\tweb");
    expect(formula[col('行业')]).toBe("'\r=1+1");
    expect(formula[col('负责人')]).toBeTruthy();
    const zh = data.find((row) => row[col('名称')] === '张三丰')!;
    expect(zh[col('公司')]).toBe('武当山太极有限公司');
    expect(zh[col('省份')]).toBe('湖北');
    expect(zh[col('标签')]).toBe('重点客户');
    // no cell anywhere starts a formula
    for (const row of data) for (const cell of row) expect(/^[=+\-@\t\r]/.test(cell), cell).toBe(false);
  });

  it('applies the list filters and the caller’s scope', async () => {
    const mine = rowsOf((await download(rep)).bytes.toString('utf8')).slice(1);
    const visible = await m.Customer.countDocuments({ $or: [{ ownerId: repId }, { collaboratorIds: repId }] });
    expect(mine).toHaveLength(visible);
    const q = rowsOf((await download(rep, `?q=${encodeURIComponent('张三')}`)).bytes.toString('utf8')).slice(1);
    expect(q.map((row) => row[1])).toEqual(['张三丰']);
    const won = rowsOf((await download(admin, '?status=won')).bytes.toString('utf8')).slice(1);
    expect(won).toHaveLength(await m.Customer.countDocuments({ status: 'won' }));
    expect((await download(admin, '?status=%7B%22%24ne%22%3Anull%7D')).status).toBe(400);
    expect((await download(admin, '?a%5B%24ne%5D=1')).status).toBe(400);
  });

  it('writes GBK on request, and English headers for English callers', async () => {
    const gbk = await download(admin, '?encoding=gbk&q=%E5%BC%A0%E4%B8%89');
    expect(gbk.status).toBe(200);
    expect(gbk.type).toBe('text/csv; charset=gbk');
    expect(gbk.bytes[0]).not.toBe(0xef);
    expect(isUtf8(gbk.bytes)).toBe(false);
    const rows = rowsOf(iconv.decode(gbk.bytes, 'gbk'));
    expect(rows[1]!.slice(1, 3)).toEqual(['张三丰', '武当山太极有限公司']);

    const en = await download(admin, '?q=%E5%BC%A0%E4%B8%89', { 'accept-language': 'en-US,en;q=0.9' });
    const [header, row] = rowsOf(en.bytes.toString('utf8'));
    expect(header!.slice(0, 5)).toEqual(['id', 'name', 'company', 'phone', 'email']);
    expect(header).toContain('estimatedValue');
    expect(row![1]).toBe('张三丰');
  });

  it('needs a login; an intake-only token may not export, a customers:read token may', async () => {
    expect((await download('nope')).status).toBe(401);
    const token = async (scope: 'intake' | 'customers:read') => {
      const t = `allot_${randomBytes(24).toString('hex')}`;
      await m.ApiToken.create({ name: `export-${scope}`, tokenHash: hashToken(t), scopes: [scope] });
      return t;
    };
    expect((await download(await token('intake'))).status).toBe(403);
    const reader = await download(await token('customers:read'));
    expect(reader.status).toBe(200);
    expect(rowsOf(reader.bytes.toString('utf8')).length - 1).toBe(await m.Customer.countDocuments());
  });
});
