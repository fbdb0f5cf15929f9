import { Types } from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useTestDatabase } from '../harness/db';

/**
 * The embedded FerretDB (tools/ferretdb) adds to every collection an index on the expression FerretDB's
 * SQLite backend uses for `_id` look-ups (its own `_id` index is on a different expression, so without
 * this every find / update / delete by `_id` scanned the whole table). Checked through `explain`.
 */
let db: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  db = await useTestDatabase('idindex');
});
afterAll(async () => {
  await db?.drop();
});

type Explain = { queryPlanner: { Plan: string[] } };

async function planOf(collection: string, filter: Record<string, unknown>): Promise<string> {
  // a real query first: SQLite notices a schema change (the new index) when a statement reads the
  // database, which EXPLAIN QUERY PLAN alone does not do
  await db.conn.collection(collection).findOne(filter);
  const r = (await db.conn.db!.command({ explain: { find: collection, filter } })) as unknown as Explain;
  return r.queryPlanner.Plan.join(' ');
}

it('a new collection gets an index that `_id` look-ups use, within seconds', async () => {
  const col = db.conn.collection('idIndexProbe');
  const ids = Array.from({ length: 300 }, () => new Types.ObjectId());
  await col.insertMany(ids.map((_id, n) => ({ _id, n })));
  const deadline = Date.now() + 10_000;
  let plan = await planOf('idIndexProbe', { _id: ids[7] });
  while (!/USING INDEX/.test(plan) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    plan = await planOf('idIndexProbe', { _id: ids[7] });
  }
  expect(plan).toMatch(/SEARCH .* USING INDEX .*_allot_id/);
  // string ids too, and the documents found are the right ones
  expect(await planOf('idIndexProbe', { _id: 'some-string-id' })).toMatch(/USING INDEX/);
  expect(await col.findOne({ _id: ids[123] })).toMatchObject({ n: 123 });
  const r = await col.updateOne({ _id: ids[200] }, { $set: { n: -1 } });
  expect(r.modifiedCount).toBe(1);
  expect(await col.countDocuments({ n: -1 })).toBe(1);
  // other filters still work (and still scan)
  expect(await col.countDocuments({ n: { $gte: 290 } })).toBe(10);
});
