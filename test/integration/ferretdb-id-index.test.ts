import { Types } from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useTestDatabase } from '../harness/db';

/**
 * The embedded FerretDB (tools/ferretdb) builds each collection's `_id` index on the expression its
 * SQLite backend uses for `_id` look-ups (FerretDB's own was on a different expression, so every find /
 * update / delete by `_id` scanned the whole table). Checked through `explain`. Collections of an
 * earlier data directory get a second index at start: tools/ferretdb/datadir, whose Go test runs in
 * ferretdb-patches.test.ts.
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

it('a new collection’s `_id` look-ups use its `_id` index from the first document', async () => {
  const col = db.conn.collection('idIndexProbe');
  const ids = Array.from({ length: 300 }, () => new Types.ObjectId());
  await col.insertMany(ids.map((_id, n) => ({ _id, n })));
  const plan = await planOf('idIndexProbe', { _id: ids[7] });
  expect(plan).toMatch(/SEARCH .* USING INDEX \S+__id_ /);
  // string ids too, and the documents found are the right ones
  expect(await planOf('idIndexProbe', { _id: 'some-string-id' })).toMatch(/USING INDEX/);
  expect(await col.findOne({ _id: ids[123] })).toMatchObject({ n: 123 });
  const r = await col.updateOne({ _id: ids[200] }, { $set: { n: -1 } });
  expect(r.modifiedCount).toBe(1);
  expect(await col.countDocuments({ n: -1 })).toBe(1);
  // other filters still work (and still scan)
  expect(await col.countDocuments({ n: { $gte: 290 } })).toBe(10);
  // the index is the unique one: a second document with the same _id is refused
  await expect(col.insertOne({ _id: ids[9], n: 0 })).rejects.toMatchObject({ code: 11000 });
});
