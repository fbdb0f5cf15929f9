import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose, { type Connection } from 'mongoose';
import roundRobin from '../../templates/round-robin/flow.json';
import { getModels } from '../../engine/data/models';
import { seedDemo } from '../../engine/data/seed/seed-demo';
import { CONTENDED_MS } from '../../engine/services/allocation/batch-hold';
import { useTestDatabase } from '../harness/db';
import { startTestApi, type TestApi } from '../harness/api';
import { installActiveFlow } from '../harness/flows';

// What one intake sends to the database, and in how many round trips: each command on the embedded
// FerretDB costs about a millisecond, so the intake's latency is mostly its chain of round trips.
let db: Awaited<ReturnType<typeof useTestDatabase>>;
let monitored: Connection;
let api: TestApi;
let admin: string;
/** commands in the order the driver saw them start and finish */
let events: { at: 'start' | 'end'; id: number; name: string; collection: string; filterKeys?: string[] }[] = [];

beforeAll(async () => {
  db = await useTestDatabase('intake_round_trips');
  await seedDemo(db.conn, { reset: true });
  await installActiveFlow(db.conn, roundRobin);
  monitored = mongoose.createConnection(db.uri, { monitorCommands: true } as mongoose.ConnectOptions);
  await monitored.asPromise();
  const names = new Map<number, { name: string; collection: string }>();
  const client = monitored.getClient();
  client.on('commandStarted', (e: { requestId: number; commandName: string; command: Record<string, unknown> }) => {
    const c = { name: e.commandName, collection: String(e.command[e.commandName] ?? '') };
    names.set(e.requestId, c);
    const updates = e.command.updates as { q: Record<string, unknown> }[] | undefined;
    events.push({ at: 'start', id: e.requestId, ...c, ...(updates ? { filterKeys: updates.map((u) => Object.keys(u.q).sort().join(',')) } : {}) });
  });
  const end = (e: { requestId: number }) => events.push({ at: 'end', id: e.requestId, ...(names.get(e.requestId) ?? { name: '?', collection: '?' }) });
  client.on('commandSucceeded', end);
  client.on('commandFailed', end);
  api = await startTestApi(monitored);
  admin = await api.login('admin@allot.demo');
});
afterAll(async () => {
  await api?.close();
  await monitored?.close();
  await db?.drop();
});

let serial = 0;
const intake = async () => {
  const n = serial++;
  events = [];
  const r = await api.call<{ outcome: string; ownerId: string | null }>('POST', '/api/customers', { token: admin, body: { name: `往返 ${n}`, phone: `134${String(n).padStart(8, '0')}`, province: '浙江' } });
  expect(r.status).toBe(201);
  return r.body;
};
const writes = () => events.filter((e) => e.at === 'start' && e.name !== 'find').map((e) => `${e.name}:${e.collection}`);
/** whether the two collections' first writes were in flight at the same time (the second started before the first ended) */
const overlapped = (a: string, b: string) => {
  const write = events.filter((e) => e.name !== 'find');
  const startA = write.findIndex((e) => e.at === 'start' && e.collection === a);
  const startB = write.findIndex((e) => e.at === 'start' && e.collection === b);
  const firstEnd = write.findIndex((e) => e.at === 'end' && (e.collection === a || e.collection === b));
  return startA >= 0 && startB >= 0 && startA < firstEnd && startB < firstEnd;
};

describe('one intake, uncontended', () => {
  it('six writes in four round trips: keys; turn and slot together; customer; event and audit together', async () => {
    await intake(); // warms the caches (reps, the active version, the round-robin state)
    await intake();
    const body = await intake();
    expect(body.outcome).toBe('assigned');
    expect(writes().sort()).toEqual(['insert:assignmentEvents', 'insert:auditLogs', 'insert:contactKeys', 'insert:customers', 'update:allocationStates', 'update:reps']);
    expect(events.filter((e) => e.at === 'start' && e.name === 'find' && e.collection === 'contactKeys')).toEqual([]); // the reservation is the look-up
    expect(overlapped('allocationStates', 'reps')).toBe(true);
    expect(overlapped('assignmentEvents', 'auditLogs')).toBe(true);
    // both guarded updates name the document's _id (the embedded FerretDB then uses its index instead of
    // decoding every rep / every node's state): tools/ferretdb/source-edits.mjs, node-state-ids.ts
    const filters = (collection: string) => events.filter((e) => e.at === 'start' && e.name === 'update' && e.collection === collection).flatMap((e) => e.filterKeys ?? []);
    expect(filters('allocationStates')).toEqual(['_id,nodeKey,seq']);
    expect(filters('reps')[0]).toMatch(/^_id,/);
  });
});

describe('after a lost round-robin turn', () => {
  it('takes the turn first and the slot after, for a while, and still assigns the right rep', async () => {
    const { AllocationState, Rep } = getModels(db.conn);
    // another process takes a turn: this process's cached state is now stale, its next compare-and-set fails
    await AllocationState.updateOne({}, { $inc: { seq: 1 } });
    const lost = await intake();
    expect(lost.outcome).toBe('assigned');
    expect(events.filter((e) => e.at === 'start' && e.collection === 'allocationStates').length).toBeGreaterThanOrEqual(2);
    const next = await intake();
    expect(next.outcome).toBe('assigned');
    expect(overlapped('allocationStates', 'reps')).toBe(false);
    const stateEnd = events.findIndex((e) => e.at === 'end' && e.name === 'update' && e.collection === 'allocationStates');
    const repStart = events.findIndex((e) => e.at === 'start' && e.name === 'update' && e.collection === 'reps');
    expect(repStart).toBeGreaterThan(stateEnd);
    // once the contention is over, together again
    await new Promise((r) => setTimeout(r, CONTENDED_MS + 200));
    await intake();
    expect(overlapped('allocationStates', 'reps')).toBe(true);
    // nobody's counter drifted through the failed attempt and its undo
    for (const r of await Rep.find({ status: 'active' }).lean()) {
      expect(r.openCount).toBe(await getModels(db.conn).Customer.countDocuments({ ownerId: r._id, status: 'assigned' }));
    }
  });
});
