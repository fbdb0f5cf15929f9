import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Binary, Long } from 'mongodb';
import { Types } from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from '../../scripts/stack/tool-paths';
import { useTestDatabase } from '../harness/db';

/**
 * The embedded FerretDB is built with Allot's source edits (tools/ferretdb/source-edits.mjs) and a logger
 * that formats nothing it does not write (tools/ferretdb/lazylog). Each is checked here against the
 * running server, through the wire protocol.
 */
let db: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  db = await useTestDatabase('patches');
});
afterAll(async () => {
  await db?.drop();
});

type Explain = { queryPlanner: { Plan: string[] }; filterPushdown: boolean };

async function explain(collection: string, filter: Record<string, unknown>): Promise<Explain> {
  return (await db.conn.db!.command({ explain: { find: collection, filter } })) as unknown as Explain;
}

it('an _id equality beside other conditions is looked up by _id, and the other conditions still hold', async () => {
  const col = db.conn.collection('guardedProbe');
  const ids = Array.from({ length: 50 }, () => new Types.ObjectId());
  await col.insertMany(ids.map((_id, n) => ({ _id, n, status: 'active' })));

  // pushed down (without the edit only a filter whose sole key is _id was)
  const guarded = { _id: ids[7], status: 'active', n: { $lt: 10 } };
  expect((await explain('guardedProbe', guarded)).filterPushdown).toBe(true);
  expect((await explain('guardedProbe', { status: 'active' })).filterPushdown).toBe(false);
  expect((await explain('guardedProbe', { _id: { $in: [ids[1], ids[2]] }, status: 'active' })).filterPushdown).toBe(false);

  // a guarded $inc passes only while the guard holds — the rest of the filter is applied to the document found
  const inc = () => col.updateOne({ _id: ids[7], status: 'active', n: { $lt: 9 } }, { $inc: { n: 1 } });
  expect((await inc()).modifiedCount).toBe(1);
  expect((await inc()).modifiedCount).toBe(1);
  expect((await inc()).modifiedCount).toBe(0);
  expect(await col.findOne({ _id: ids[7] })).toMatchObject({ n: 9 });

  expect(await col.findOne({ _id: ids[3], status: 'gone' })).toBeNull();
  expect(await col.findOne({ _id: ids[3], n: 3 })).toMatchObject({ status: 'active' });
  expect(await col.findOneAndUpdate({ _id: ids[4], n: 5 }, { $set: { status: 'x' } })).toBeNull();
  expect((await col.deleteOne({ _id: ids[5], n: { $gt: 100 } })).deletedCount).toBe(0);
  expect((await col.deleteOne({ _id: ids[5], n: 5 })).deletedCount).toBe(1);
  expect(await col.countDocuments({ _id: ids[6], status: 'active' })).toBe(1);
  expect(await col.countDocuments({ _id: { $in: [ids[1]!, ids[2]!, ids[5]!] }, status: 'active' })).toBe(2);
  // string ids too
  await col.insertOne({ _id: 'phone:13800000000' as unknown as Types.ObjectId, holder: 'a' });
  expect((await explain('guardedProbe', { _id: 'phone:13800000000', holder: 'a' })).filterPushdown).toBe(true);
  expect((await col.updateOne({ _id: 'phone:13800000000' as unknown as Types.ObjectId, holder: 'b' }, { $set: { holder: 'c' } })).matchedCount).toBe(0);
  expect((await col.updateOne({ _id: 'phone:13800000000' as unknown as Types.ObjectId, holder: 'a' }, { $set: { holder: 'c' } })).modifiedCount).toBe(1);
});

it('indexes: a non-unique one is declared (listIndexes) but costs writes nothing; a unique one is enforced; both can be dropped', async () => {
  const col = db.conn.collection('indexProbe');
  await col.insertOne({ a: 1, code: 'x' });
  await col.createIndex({ a: 1 }, { name: 'a_1' });
  await col.createIndex({ code: 1 }, { name: 'code_1', unique: true });
  const names = (await col.listIndexes().toArray()).map((i) => [i.name, Boolean(i.unique)]);
  expect(names).toEqual(expect.arrayContaining([['_id_', false], ['a_1', false], ['code_1', true]]));
  // collStats sizes the SQLite indexes that exist: the unique ones only
  const stats = (await db.conn.db!.command({ collStats: 'indexProbe' })) as { indexSizes: Record<string, number> };
  expect(Object.keys(stats.indexSizes)).toContain('code_1');
  expect(Object.keys(stats.indexSizes).sort()).toEqual(['_id_', 'code_1']);

  await col.insertOne({ a: 1, code: 'y' });
  await expect(col.insertOne({ a: 2, code: 'x' })).rejects.toMatchObject({ code: 11000 });
  expect(await col.countDocuments({ a: 1 })).toBe(2);

  // the non-unique index has no SQLite index behind it: dropping it must still work
  await col.dropIndex('a_1');
  await col.dropIndex('code_1');
  expect((await col.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  await col.insertOne({ a: 3, code: 'x' });
  expect(await col.countDocuments({ code: 'x' })).toBe(2);
});

it('documents sharing a schema (decoded once and cached) each read back as written, nested values and types included', async () => {
  const col = db.conn.collection('schemaProbe');
  const make = (n: number) => ({
    _id: new Types.ObjectId(),
    n,
    name: `客户 ${n} "quoted" \\ ${'x'.repeat(n % 5)}`,
    big: Long.fromNumber(2 ** 40 + n),
    ratio: n + 0.5,
    at: new Date(1_700_000_000_000 + n),
    bin: new Binary(Buffer.from([n, n + 1, n + 2])),
    re: new RegExp(`^a${n}`, 'i'),
    stats: { winRateByIndustry: [{ industry: `i${n}`, winRate: n / 100, deals: n }], avg: n * 2 },
    tags: [`t${n}`, n, { deep: [n, { k: n + 1 }] }],
    empty: {},
    none: null,
  });
  const docs = Array.from({ length: 40 }, (_, n) => make(n));
  await col.insertMany(docs);
  for (let pass = 0; pass < 2; pass++) {
    const back = await col.find({}, { promoteLongs: false }).sort({ n: 1 }).toArray();
    expect(back).toEqual(docs);
  }
  // a schema change inside the collection (a field changes type) reads back right too
  await col.updateOne({ _id: docs[3]!._id }, { $set: { ratio: 'three and a half', stats: { avg: 'n/a' } } });
  expect(await col.findOne({ _id: docs[3]!._id })).toMatchObject({ ratio: 'three and a half', stats: { avg: 'n/a' }, n: 3 });
  expect(await col.findOne({ _id: docs[4]!._id })).toMatchObject({ ratio: 4.5, stats: { avg: 8 } });
});

it('go test: the logger formats a statement’s attributes only for records it writes; an earlier data directory is brought in line at start (an _id index its look-ups use; no SQLite index for a non-unique one)', () => {
  // -trimpath: the same build flags as the bootstrap's, so the SQLite driver comes from the build cache
  const r = spawnSync('go', ['test', '-trimpath', './lazylog/', './datadir/'], { cwd: join(ROOT, 'tools', 'ferretdb'), encoding: 'utf8', env: { ...process.env, CGO_ENABLED: '0' } });
  const out = `${r.stdout}${r.stderr}`;
  expect(out).toMatch(/^ok\s+allot\/tools\/ferretdb\/lazylog/m);
  expect(out).toMatch(/^ok\s+allot\/tools\/ferretdb\/datadir/m);
  expect(r.status).toBe(0);
}, 180_000);
