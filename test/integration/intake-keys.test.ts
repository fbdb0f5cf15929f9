import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose, { Types, type Connection } from 'mongoose';
import roundRobin from '../../templates/round-robin/flow.json';
import { getModels } from '../../engine/data/models';
import { seedDemo } from '../../engine/data/seed/seed-demo';
import { ORPHAN_KEY_AGE_MS } from '../../engine/services/allocation/contact-key-holder';
import { useTestDatabase } from '../harness/db';
import { startTestApi, type TestApi } from '../harness/api';
import { installActiveFlow } from '../harness/flows';

// Intake reserves a new customer's dedupe keys by inserting them (intake-keys.ts): what that must
// never get wrong — a duplicate leaves no key behind, a key a killed process left pointing at a
// customer never stored does not hide later customers, and the look-up costs no extra command.
// The round-robin template dedupes by phone and email.
let db: Awaited<ReturnType<typeof useTestDatabase>>;
let monitored: Connection;
let api: TestApi;
let admin: string;
let commands: { name: string; collection: string }[] = [];

beforeAll(async () => {
  db = await useTestDatabase('intake_keys');
  await seedDemo(db.conn, { reset: true });
  monitored = mongoose.createConnection(db.uri, { monitorCommands: true } as mongoose.ConnectOptions);
  await monitored.asPromise();
  monitored.getClient().on('commandStarted', (e: { commandName: string; command: Record<string, unknown> }) => {
    commands.push({ name: e.commandName, collection: String(e.command[e.commandName] ?? '') });
  });
  api = await startTestApi(monitored);
  admin = await api.login('admin@allot.demo');
  await installActiveFlow(db.conn, roundRobin);
});
afterAll(async () => {
  await api?.close();
  await monitored?.close();
  await db?.drop();
});

type Outcome = { customerId: string; outcome: string; duplicateOf: string | null };
const intake = (body: Record<string, unknown>) => api.call<Outcome>('POST', '/api/customers', { token: admin, body: { province: '浙江', ...body } });
const keyOf = (id: string) => getModels(db.conn).ContactKey.findById(id).lean();
/** an id as an intake begun `ms` ago would have had */
const idFrom = (msAgo: number) => Types.ObjectId.createFromTime(Math.floor((Date.now() - msAgo) / 1000));

describe('dedupe keys reserved by the intake', () => {
  it('a new customer: its keys point at it, and no key is read first', async () => {
    commands = [];
    const r = await intake({ name: '新客户甲', phone: '13600000001', email: 'jia@example.cn', company: '甲公司' });
    expect(r.status).toBe(201);
    expect(r.body.outcome).toBe('assigned');
    for (const k of ['p:13600000001', 'e:jia@example.cn']) expect(String((await keyOf(k))?.customerId)).toBe(r.body.customerId);
    expect(commands.filter((c) => c.collection === 'contactKeys').map((c) => c.name)).toEqual(['insert']);
  });

  it('a duplicate is not stored and gives back the keys it reserved; the stored customer keeps its own', async () => {
    const first = await intake({ name: '老客户乙', phone: '13600000002' });
    expect(first.body.outcome).toBe('assigned');
    const dup = await intake({ name: '乙的同事', phone: '136-0000-0002', email: 'yi.new@example.cn' });
    expect(dup.body.outcome).toBe('duplicate');
    expect(dup.body.duplicateOf).toBe(first.body.customerId);
    expect(await keyOf('e:yi.new@example.cn')).toBeNull(); // reserved for a customer never stored: given back
    expect(String((await keyOf('p:13600000002'))?.customerId)).toBe(first.body.customerId);
    // the e-mail is free again: a later customer with it is new and takes it
    const later = await intake({ name: '丙', phone: '13600000003', email: 'yi.new@example.cn' });
    expect(later.body.outcome).toBe('assigned');
    expect(String((await keyOf('e:yi.new@example.cn'))?.customerId)).toBe(later.body.customerId);
  });

  it('a key left by a process killed before storing its customer is taken over once that intake is old', async () => {
    const { ContactKey, Customer } = getModels(db.conn);
    const orphan = idFrom(ORPHAN_KEY_AGE_MS + 60_000);
    await ContactKey.create({ _id: 'p:13600000004', customerId: orphan });
    const r = await intake({ name: '丁', phone: '13600000004' });
    expect(r.body.outcome).toBe('assigned');
    expect(String((await keyOf('p:13600000004'))?.customerId)).toBe(r.body.customerId);
    expect(await Customer.exists({ _id: orphan })).toBeNull();
    // and dedupe works again for that phone
    const again = await intake({ name: '丁的重复', phone: '13600000004' });
    expect(again.body.outcome).toBe('duplicate');
    expect(again.body.duplicateOf).toBe(r.body.customerId);
  });

  it('a key held by an intake still in flight is left to it; the new customer is stored all the same', async () => {
    const { ContactKey } = getModels(db.conn);
    const inFlight = idFrom(1_000);
    await ContactKey.create({ _id: 'e:wu@example.cn', customerId: inFlight });
    const r = await intake({ name: '戊', phone: '13600000005', email: 'wu@example.cn' });
    expect(r.body.outcome).toBe('assigned');
    expect(String((await keyOf('e:wu@example.cn'))?.customerId)).toBe(String(inFlight));
    expect(String((await keyOf('p:13600000005'))?.customerId)).toBe(r.body.customerId);
    // while that intake is still in flight, the stored customer is the one later intakes compare with
    const twin = await intake({ name: '戊的重复', email: 'WU@example.cn' });
    expect(twin.body.outcome).toBe('duplicate');
    expect(twin.body.duplicateOf).toBe(r.body.customerId);
    // and should that intake never store its customer, the key passes to the stored one
    await ContactKey.updateOne({ _id: 'e:wu@example.cn' }, { $set: { customerId: idFrom(ORPHAN_KEY_AGE_MS + 60_000) } });
    const later = await intake({ name: '戊的再次重复', email: 'wu@example.cn' });
    expect(later.body.duplicateOf).toBe(r.body.customerId);
    expect(String((await keyOf('e:wu@example.cn'))?.customerId)).toBe(r.body.customerId);
  });
});

describe('dedupe keys in an import', () => {
  it('a row whose phone a never-stored customer held long ago is imported, not reported as its duplicate', async () => {
    const { ContactKey, JobRow } = getModels(db.conn);
    const orphan = idFrom(ORPHAN_KEY_AGE_MS + 60_000);
    await ContactKey.create({ _id: 'p:13600000007', customerId: orphan });
    const csv = '名称,电话,省份\r\n庚,13600000007,浙江\r\n辛,13600000008,浙江\r\n';
    const res = await fetch(`${api.baseUrl}/api/customers/import`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' }, body: csv });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    for (let i = 0; i < 200; i++) {
      const job = await api.call<{ status: string }>('GET', `/api/jobs/${jobId}`, { token: admin });
      if (job.body.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const rows = await JobRow.find({ jobId: new Types.ObjectId(jobId) }).sort({ row: 1 }).lean();
    expect(rows.map((r) => r.outcome)).toEqual(['imported', 'imported']);
    expect(String((await keyOf('p:13600000007'))?.customerId)).toBe(String(rows[0]?.customerId));
  });
});
