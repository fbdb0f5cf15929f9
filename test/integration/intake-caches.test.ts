import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose, { type Connection } from 'mongoose';
import roundRobin from '../../templates/round-robin/flow.json';
import { connectDatabase } from '../../engine/data/connect';
import { insertGrouped } from '../../engine/data/group-insert';
import { getModels } from '../../engine/data/models';
import { seedDemo } from '../../engine/data/seed/seed-demo';
import { useTestDatabase } from '../harness/db';
import { startTestApi, type TestApi } from '../harness/api';
import { installActiveFlow } from '../harness/flows';
import { repRoster } from '../../engine/services/allocation/rep-roster.cache';

// What the intake's per-process caches (reps, sessions, the active version) and group inserts must
// never get wrong. `other` is a second connection: to this API process's caches, its writes are
// another process's.
let db: Awaited<ReturnType<typeof useTestDatabase>>;
let other: Connection;
let api: TestApi;
let admin: string;

beforeAll(async () => {
  db = await useTestDatabase('intake_caches');
  await seedDemo(db.conn, { reset: true });
  other = await connectDatabase(db.uri);
  api = await startTestApi(db.conn);
  admin = await api.login('admin@allot.demo');
  await installActiveFlow(db.conn, roundRobin);
});
afterAll(async () => {
  await api?.close();
  await other?.close();
  await db?.drop();
});

let serial = 0;
const intake = () => {
  const n = serial++;
  return api.call<{ outcome: string; ownerId: string | null }>('POST', '/api/customers', { token: admin, body: { name: `缓存客户 ${n}`, phone: `137${String(n).padStart(8, '0')}`, province: '浙江' } });
};

describe('group insert', () => {
  it('serves only collections without insertMany middleware (it inserts through the driver)', () => {
    const m = getModels(db.conn);
    for (const model of [m.Customer, m.ContactKey, m.AssignmentEvent, m.AuditLog]) {
      const hooks = (model.schema as unknown as { s: { hooks: { _pres: Map<string, unknown[]>; _posts: Map<string, unknown[]> } } }).s.hooks;
      expect([...(hooks._pres.get('insertMany') ?? []), ...(hooks._posts.get('insertMany') ?? [])], model.modelName).toHaveLength(0);
    }
  });

  it('stores documents as mongoose would: cast, defaults, timestamps, validate middleware', async () => {
    const { Customer } = getModels(db.conn);
    const id = new mongoose.Types.ObjectId();
    const [failure] = await insertGrouped(Customer, [{ _id: String(id), name: '时间戳客户', phone: '+86 139-0000-7777', status: 'new', source: 'api' }]);
    expect(failure).toBeNull();
    const stored = await Customer.findById(id).lean();
    expect(stored?.createdAt).toBeInstanceOf(Date);
    expect(stored?.updatedAt).toBeInstanceOf(Date);
    expect(stored?.phoneNormalized).toBe('13900007777'); // set by the pre('validate') middleware
    expect(stored?.tags).toEqual([]);
    const [unknownField] = await insertGrouped(Customer, [{ name: 'x', status: 'new', source: 'api', notAField: 1 }]);
    expect(unknownField?.message).toMatch(/notAField/);
  });

  it('stores concurrent callers together and tells each caller what became of its own documents', async () => {
    const monitored = mongoose.createConnection(db.uri, { monitorCommands: true } as mongoose.ConnectOptions);
    await monitored.asPromise();
    try {
      const { ContactKey, Customer } = getModels(monitored);
      await ContactKey.create({ _id: 'p:taken', customerId: new mongoose.Types.ObjectId() });
      let inserts = 0;
      monitored.getClient().on('commandStarted', (e: { commandName: string }) => void (e.commandName === 'insert' && inserts++));
      const callers = Array.from({ length: 30 }, (_, i) => insertGrouped(ContactKey, [{ _id: i === 7 ? 'p:taken' : `p:group-${i}`, customerId: new mongoose.Types.ObjectId() }, { _id: `e:group-${i}`, customerId: new mongoose.Types.ObjectId() }]));
      const outcomes = await Promise.all(callers);
      expect(outcomes[7]?.[0]?.code).toBe(11000); // the duplicate: only that caller, only that document
      expect(outcomes[7]?.[1]).toBeNull();
      expect(outcomes.flat().filter((o) => o !== null)).toHaveLength(1);
      expect(await ContactKey.countDocuments({ _id: mongoose.trusted({ $regex: /^[pe]:group-/ }) })).toBe(59);
      expect(inserts).toBeLessThan(30); // grouped: far fewer commands than callers
      // a document that fails validation is refused alone, the others in its group are stored
      const [bad, good] = await Promise.all([insertGrouped(Customer, [{ name: '' }]), insertGrouped(Customer, [{ name: '好客户', status: 'new', source: 'api' }])]);
      expect(bad[0]?.code).toBeUndefined();
      expect(bad[0]?.message).toMatch(/name/);
      expect(good[0]).toBeNull();
      expect(await Customer.countDocuments({ name: '好客户' })).toBe(1);
    } finally {
      await monitored.close();
    }
  });
});

describe('cached reps (rep-roster.cache.ts)', () => {
  it('never fills a rep past a capacity lowered by another process since the reps were cached', async () => {
    const first = await intake(); // the reps are now cached in the API process
    expect(first.body.outcome).toBe('assigned');
    const { Rep } = getModels(other);
    const reps = await Rep.find({ status: 'active' }).lean();
    const roomy = reps.find((r) => String(r._id) === first.body.ownerId)!;
    try {
      // from the other connection (unseen by this process's cache): every other rep made full, the one rep given room for 6
      for (const r of reps) await Rep.updateOne({ _id: r._id }, { $set: { capacity: r._id.equals(roomy._id) ? r.openCount + 6 : r.openCount } });
      const results = await Promise.all(Array.from({ length: 8 }, () => intake()));
      const assigned = results.filter((r) => r.body.outcome === 'assigned');
      expect(assigned).toHaveLength(6);
      for (const r of assigned) expect(r.body.ownerId).toBe(String(roomy._id));
      for (const r of results) expect(['assigned', 'pool', 'unassigned']).toContain(r.body.outcome);
      for (const r of await Rep.find({ _id: mongoose.trusted({ $in: reps.map((x) => x._id) }) }).lean()) expect(r.openCount).toBeLessThanOrEqual(r.capacity);
    } finally {
      for (const r of reps) await Rep.updateOne({ _id: r._id }, { $set: { capacity: r.capacity } });
    }
  });

  it('never assigns a rep made departed by another process since the reps were cached', async () => {
    const first = await intake();
    const departing = first.body.ownerId;
    expect(departing).toBeTruthy();
    // the round robin comes back to this rep after the others; it is made departed from the other connection
    await getModels(other).Rep.updateOne({ _id: departing }, { $set: { status: 'departed', departedAt: new Date() } });
    try {
      const owners = new Set<string | null>();
      for (let i = 0; i < 20; i++) owners.add((await intake()).body.ownerId);
      expect(owners.has(departing)).toBe(false);
      expect(owners.size).toBeGreaterThan(3);
    } finally {
      await getModels(other).Rep.updateOne({ _id: departing }, { $set: { status: 'active' }, $unset: { departedAt: 1 } });
    }
  });

  it('is dropped at once by a profile write through this process, not by counter updates', async () => {
    const roster = repRoster(api.ctx);
    const { Rep } = getModels(db.conn);
    await roster.read();
    expect((await roster.read()).cached).toBe(true);
    const rep = (await Rep.findOne({ status: 'active' }).lean())!;
    await Rep.updateOne({ _id: rep._id }, { $inc: { openCount: 1, todayCount: 1 } }); // what intake writes
    expect((await roster.read()).cached).toBe(true);
    await Rep.updateOne({ _id: rep._id }, { $set: { regions: ['浙江', '上海'] } });
    const fresh = await roster.read();
    expect(fresh.cached).toBe(false);
    expect(fresh.reps.find((r) => String(r._id) === String(rep._id))?.regions).toEqual(['浙江', '上海']);
    await Rep.updateOne({ _id: rep._id }, { $inc: { openCount: -1, todayCount: -1 } });
  });
});

describe('cached sessions', () => {
  it('a logout through this process refuses the token at once; a user disabled by another process is refused within 2 s', async () => {
    const token = await api.login('manager@allot.demo');
    expect((await api.call('GET', '/api/auth/me', { token })).status).toBe(200);
    expect((await api.call('POST', '/api/auth/logout', { token })).status).toBeLessThan(300);
    expect((await api.call('GET', '/api/auth/me', { token })).status).toBe(401);

    const again = await api.login('manager@allot.demo');
    expect((await api.call('GET', '/api/auth/me', { token: again })).status).toBe(200);
    await getModels(other).User.updateOne({ email: 'manager@allot.demo' }, { $set: { disabled: true } });
    const t0 = Date.now();
    while ((await api.call('GET', '/api/auth/me', { token: again })).status === 200) {
      expect(Date.now() - t0).toBeLessThan(3_000);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await api.call('GET', '/api/auth/me', { token: again })).status).toBe(401);
    await getModels(other).User.updateOne({ email: 'manager@allot.demo' }, { $set: { disabled: false } });
  });
});
