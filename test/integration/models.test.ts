import mongoose, { Types } from 'mongoose';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { text } from '../../engine/core/common/localized';
import { CustomerSchema } from '../../engine/core/model/customer.schema';
import { NodeAllocationStateSchema, RepSchema } from '../../engine/core/model/rep.schema';
import { AppendOnlyViolationError } from '../../engine/data/append-only.plugin';
import { connectDatabase, DatabaseUnavailableError, ensureIndexes, pingDatabase } from '../../engine/data/connect';
import { toEngineAllocationState, toEngineCustomer, toEngineRep } from '../../engine/data/mappers';
import { getModels, type ModelName, type Models } from '../../engine/data/models';
import { useTestDatabase } from '../harness/db';

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let m: Models;
let n = 0;
const uniq = (): string => `u${++n}-${Date.now()}`;
const oid = (): Types.ObjectId => new Types.ObjectId();
const hi = text('你好', 'Hello');
const ajv = new Ajv({ allErrors: true });

beforeAll(async () => {
  db = await useTestDatabase('models');
  m = getModels(db.conn);
  await ensureIndexes(db.conn);
});
afterAll(async () => db?.drop());

/** A minimal valid document per model. */
const VALID: { [K in ModelName]: () => Record<string, unknown> } = {
  Customer: () => ({ name: '王伟', status: 'new' }),
  Rep: () => ({ name: '李娜', teamId: oid(), level: 3, capacity: 10, dailyCap: 5 }),
  Team: () => ({ name: `Team ${uniq()}` }),
  Pool: () => ({ name: `Pool ${uniq()}` }),
  User: () => ({ email: `${uniq()}@allot.test`, passwordHash: 'x'.repeat(60), role: 'admin' }),
  Flow: () => ({ name: 'f', kind: 'allocation', trigger: 'customerCreated', document: { nodes: [], edges: [] } }),
  FlowVersion: () => ({ flowId: oid(), version: 1, name: 'f', kind: 'allocation', trigger: 'customerCreated', document: { nodes: [] } }),
  ActiveFlow: () => ({ trigger: `t${n++}x`, flowId: oid(), flowVersionId: oid(), version: 1 }),
  FollowUp: () => ({ customerId: oid(), repId: oid(), at: new Date(), channel: 'phone', outcome: 'contacted' }),
  AssignmentEvent: () => ({ customerId: oid(), outcome: 'assigned', why: hi, actor: { kind: 'system' }, trace: { candidates: [{ repId: 'r1', score: 3 }] } }),
  AuditLog: () => ({ actor: { kind: 'user', id: 'u1' }, action: 'customer.assign', target: { kind: 'customer', id: 'c1' }, after: { ownerId: 'r1' } }),
  Notification: () => ({ userId: oid(), kind: 'assigned', title: hi, body: hi }),
  IdempotencyKey: () => ({ key: uniq(), scope: 'intake', requestHash: 'abc' }),
  ContactKey: () => ({ _id: `p:${uniq()}`, customerId: oid() }),
  AllocationState: () => ({ nodeKey: uniq() }),
  ClaimCounter: () => ({ poolId: oid(), repId: oid(), date: '2025-01-31' }),
  Job: () => ({ kind: 'import' }),
  JobRow: () => ({ jobId: oid(), row: 1, outcome: 'imported' }),
  JobSource: () => ({ _id: `${oid().toHexString()}:0`, jobId: oid(), n: 0, data: Buffer.from('name\nx') }),
  Webhook: () => ({ name: 'w', url: 'https://example.com/hook', events: ['customer.assigned'] }),
  WebhookDelivery: () => ({ webhookId: oid(), event: 'customer.assigned', payload: { a: 1 }, deliveryKey: uniq() }),
  ApiToken: () => ({ name: 't', tokenHash: 'a'.repeat(64), scopes: ['intake'] }),
  LifecycleSignal: () => ({ customerId: oid(), kind: 'followUpLogged', at: new Date(), payload: { repId: 'r1' } }),
  WebhookClaim: () => ({ _id: `${oid().toHexString()}:1:${Date.now()}`, at: new Date() }),
};

const wh = (patch: object) => ({ workingHours: { timezone: 'Asia/Shanghai', days: [1], start: '09:00', end: '18:00', ...patch } });
/** [model, patch (undefined deletes a field), the path whose error is expected] */
const INVALID: [ModelName, Record<string, unknown>, string][] = [
  ['Customer', { name: '  ' }, 'name'],
  ['Customer', { status: 'bogus' }, 'status'],
  ['Customer', { score: 101 }, 'score'],
  ['Customer', { churnRisk: -0.1 }, 'churnRisk'],
  ['Customer', { estimatedValue: -1 }, 'estimatedValue'],
  ['Customer', { size: 'huge' }, 'size'],
  ['Customer', { email: 'not-an-email' }, 'email'],
  ['Customer', { status: 'assigned' }, 'ownerId'],
  ['Customer', { status: 'inPool' }, 'poolId'],
  ['Customer', { attributes: [{ key: 'a.b', value: 1 }] }, 'attributes.0.key'],
  ['Customer', { attributes: [{ key: '__proto__', value: 1 }] }, 'attributes.0.key'],
  ['Customer', { attributes: [{ key: 'ok', value: { nested: 1 } }] }, 'attributes.0.value'],
  ['Customer', { previousOwners: [{ repId: oid() }] }, 'previousOwners.0.cooldownUntil'],
  ['Rep', { level: 6 }, 'level'],
  ['Rep', { level: 2.5 }, 'level'],
  ['Rep', { capacity: -1 }, 'capacity'],
  ['Rep', { dailyCap: undefined }, 'dailyCap'],
  ['Rep', { teamId: undefined }, 'teamId'],
  ['Rep', { status: 'retired' }, 'status'],
  ['Rep', { status: 'onLeave' }, 'leaveFrom'],
  ['Rep', { leaveFrom: new Date(2000), leaveTo: new Date(1000) }, 'leaveTo'],
  ['Rep', { weight: -1 }, 'weight'],
  ['Rep', wh({ timezone: 'Mars/Olympus' }), 'workingHours.timezone'],
  ['Rep', wh({ start: '9am' }), 'workingHours.start'],
  ['Rep', wh({ days: [8] }), 'workingHours.days.0'],
  ['Rep', { stats: { winRateByIndustry: [{ industry: 'retail', winRate: 2 }] } }, 'stats.winRateByIndustry.0.winRate'],
  ['Rep', { todayDate: '2025-13-01' }, 'todayDate'],
  ['Team', { name: undefined }, 'name'],
  ['Pool', { rules: { claimsPerRepPerDay: -1 } }, 'rules.claimsPerRepPerDay'],
  ['Pool', { rules: { protectionDays: 1.5 } }, 'rules.protectionDays'],
  ['Pool', { rules: { perGrade: [{ grade: 'A' }, { grade: 'A' }] } }, 'rules.perGrade'],
  ['User', { role: 'root' }, 'role'],
  ['User', { email: 'bad' }, 'email'],
  ['User', { role: 'rep' }, 'repId'],
  ['User', { role: 'manager' }, 'managedTeamIds'],
  ['User', { locale: 'fr' }, 'locale'],
  ['User', { passwordHash: undefined }, 'passwordHash'],
  ['Flow', { kind: 'other' }, 'kind'],
  ['Flow', { trigger: 'Bad Trigger' }, 'trigger'],
  ['Flow', { document: undefined }, 'document'],
  ['Flow', { document: { nodes: [{ params: { 'a.b': 1 } }] } }, 'document'],
  ['Flow', { document: { $where: 'sleep(1)' } }, 'document'],
  ['FlowVersion', { version: 0 }, 'version'],
  ['FlowVersion', { version: 1.5 }, 'version'],
  ['ActiveFlow', { flowVersionId: undefined }, 'flowVersionId'],
  ['FollowUp', { channel: 'pigeon' }, 'channel'],
  ['FollowUp', { outcome: 'maybe' }, 'outcome'],
  ['FollowUp', { at: undefined }, 'at'],
  ['AssignmentEvent', { outcome: 'teleported' }, 'outcome'],
  ['AssignmentEvent', { why: { 'zh-CN': '只有中文' } }, 'why.en'],
  ['AssignmentEvent', { actor: { kind: 'alien' } }, 'actor.kind'],
  ['AssignmentEvent', { trace: { 'bad.key': 1 } }, 'trace'],
  ['AuditLog', { action: 'Drop Everything!' }, 'action'],
  ['AuditLog', { target: undefined }, 'target'],
  ['Notification', { kind: 'spam' }, 'kind'],
  ['Notification', { title: undefined }, 'title'],
  ['IdempotencyKey', { requestHash: undefined }, 'requestHash'],
  ['IdempotencyKey', { state: 'lost' }, 'state'],
  ['AllocationState', { seq: -1 }, 'seq'],
  ['AllocationState', { nodeKey: '' }, 'nodeKey'],
  ['ClaimCounter', { date: '31/01/2025' }, 'date'],
  ['ClaimCounter', { count: -1 }, 'count'],
  ['Job', { kind: 'mine' }, 'kind'],
  ['Job', { status: 'paused' }, 'status'],
  ['Job', { processed: -1 }, 'processed'],
  ['JobRow', { row: 0 }, 'row'],
  ['JobRow', { outcome: 'maybe' }, 'outcome'],
  ['Webhook', { url: 'ftp://example.com' }, 'url'],
  ['Webhook', { kind: 'slack' }, 'kind'],
  ['Webhook', { events: [] }, 'events'],
  ['WebhookDelivery', { status: 'lost' }, 'status'],
  ['WebhookDelivery', { attempts: -1 }, 'attempts'],
  ['ApiToken', { tokenHash: 'short' }, 'tokenHash'],
  ['ApiToken', { scopes: [] }, 'scopes'],
  ['ApiToken', { scopes: ['root'] }, 'scopes.0'],
  ['LifecycleSignal', { kind: 'nudged' }, 'kind'],
  ['LifecycleSignal', { attempts: -1 }, 'attempts'],
  ['WebhookClaim', { at: undefined }, 'at'],
];

function withPatch(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const doc = { ...base, ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete doc[k];
  return doc;
}

describe('connection', () => {
  it('reports an unreachable server as DatabaseUnavailableError with the address and a hint', async () => {
    const err = await connectDatabase('mongodb://127.0.0.1:1/allot', { serverSelectionTimeoutMS: 500 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    expect((err as DatabaseUnavailableError).code).toBe('DATABASE_UNAVAILABLE');
    expect((err as DatabaseUnavailableError).text.en).toMatch(/127\.0\.0\.1:1.*MONGODB_URI/);
    expect((err as DatabaseUnavailableError).text['zh-CN']).toContain('无法连接数据库');
  });

  it('is configured for filter sanitising, strict queries and update validators; answers a ping', async () => {
    expect(mongoose.get('sanitizeFilter')).toBe(true);
    expect(mongoose.get('strictQuery')).toBe('throw');
    expect(mongoose.get('runValidators')).toBe(true);
    expect(await pingDatabase(db.conn)).toMatchObject({ ok: true });
  });

  it('builds every declared index on FerretDB, and syncing again changes nothing', async () => {
    await ensureIndexes(db.conn, { sync: true });
    const userIndexes = await m.User.listIndexes();
    expect(userIndexes.find((i) => i.key.email === 1)).toMatchObject({ unique: true });
    const versionIndexes = await m.FlowVersion.listIndexes();
    expect(versionIndexes.find((i) => i.key.flowId === 1 && i.key.version === 1)).toMatchObject({ unique: true });
    for (const model of Object.values(m)) {
      const declared = model.schema.indexes().length;
      expect((await model.listIndexes()).length, model.modelName).toBe(declared + 1);
    }
  });
});

describe('schema validation', () => {
  it.each(Object.keys(VALID) as ModelName[])('%s accepts its minimal valid document and stores it', async (name) => {
    const model = m[name] as unknown as mongoose.Model<unknown>;
    const doc = await model.create(VALID[name]());
    expect(await model.exists({ _id: doc._id })).toBeTruthy();
  });

  it.each(INVALID)('%s rejects %j at %s', async (name, patch, path) => {
    const model = m[name] as unknown as mongoose.Model<unknown>;
    const err = await model.create(withPatch(VALID[name](), patch)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(mongoose.Error.ValidationError);
    const errors = (err as mongoose.Error.ValidationError).errors;
    expect(Object.keys(errors)).toContain(path);
    expect(errors[path]?.message.length).toBeGreaterThan(5);
  });

  it.each(Object.keys(VALID) as ModelName[])('%s throws on a field the schema does not know', (name) => {
    const model = m[name] as unknown as mongoose.Model<unknown>;
    expect(() => new model({ ...VALID[name](), notAField: 1 })).toThrow(/notAField/);
  });

  it('validates updates too (runValidators), and refuses unknown fields in them', async () => {
    const c = await m.Customer.create({ name: '张三', status: 'new' });
    await expect(m.Customer.updateOne({ _id: c._id }, { $set: { score: 500 } })).rejects.toThrow(/score/);
    await expect(m.Customer.updateOne({ _id: c._id }, { $set: { status: 'gone' } })).rejects.toThrow(/status/);
    await expect(m.Customer.updateOne({ _id: c._id }, { $set: { hacked: true } })).rejects.toThrow(/hacked/);
    expect((await m.Customer.findById(c._id).lean())?.score).toBeUndefined();
  });

  it('derives the dedupe keys of a customer on create', async () => {
    const c = await m.Customer.create({ name: 'Amy', status: 'new', phone: '+86 138-0013-8000', email: ' Amy@Example.COM', company: '杭州云帆科技有限公司' });
    expect([c.phoneNormalized, c.emailNormalized, c.companyNormalized]).toEqual(['13800138000', 'amy@example.com', '杭州云帆科技']);
  });

  it('keeps allocation-state maps keyed by rep id, and refuses unsafe map keys', async () => {
    const key = uniq();
    const [a, b] = [oid().toHexString(), oid().toHexString()];
    await m.AllocationState.create({ nodeKey: key });
    await m.AllocationState.updateOne({ nodeKey: key }, { $inc: { seq: 1, [`assigned.${a}`]: 1 }, $set: { [`lastSeq.${a}`]: 1, [`currentWeight.${b}`]: -2.5 } });
    const state = toEngineAllocationState((await m.AllocationState.findOne({ nodeKey: key }).lean())!);
    expect(state).toEqual({ nodeKey: key, seq: 1, lastSeq: { [a]: 1 }, currentWeight: { [b]: -2.5 }, assigned: { [a]: 1 } });
    expect(ajv.validate(NodeAllocationStateSchema, state), ajv.errorsText()).toBe(true);
    await expect(m.AllocationState.create({ nodeKey: uniq(), lastSeq: { 'a.b': 1 } })).rejects.toThrow(/a\.b|\./);
  });
});

describe('unique indexes on FerretDB', () => {
  const dup = async (name: ModelName, a: Record<string, unknown>, b: Record<string, unknown>) => {
    const model = m[name] as unknown as mongoose.Model<unknown>;
    await model.create(a);
    return model.create(b).catch((e: { code?: number }) => e);
  };

  it.each([
    ['User', () => { const email = `${uniq()}@allot.test`; return [{ ...VALID.User(), email }, { ...VALID.User(), email: email.toUpperCase() }]; }],
    ['IdempotencyKey', () => { const key = uniq(); return [{ ...VALID.IdempotencyKey(), key }, { ...VALID.IdempotencyKey(), key, requestHash: 'other' }]; }],
    ['FlowVersion', () => { const flowId = oid(); return [{ ...VALID.FlowVersion(), flowId }, { ...VALID.FlowVersion(), flowId, note: 'again' }]; }],
    ['ActiveFlow', () => { const trigger = 'customerImported'; return [{ ...VALID.ActiveFlow(), trigger }, { ...VALID.ActiveFlow(), trigger }]; }],
    ['AllocationState', () => { const nodeKey = uniq(); return [{ nodeKey }, { nodeKey, seq: 3 }]; }],
    ['ApiToken', () => { const tokenHash = 'b'.repeat(64); return [{ ...VALID.ApiToken(), tokenHash }, { ...VALID.ApiToken(), tokenHash, name: 'copy' }]; }],
    ['ClaimCounter', () => { const k = { poolId: oid(), repId: oid(), date: '2025-02-01' }; return [k, { ...k, count: 1 }]; }],
    ['JobRow', () => { const jobId = oid(); return [{ jobId, row: 7, outcome: 'imported' }, { jobId, row: 7, outcome: 'rejected' }]; }],
    ['Team', () => { const name = uniq(); return [{ name }, { name }]; }],
  ] as [ModelName, () => Record<string, unknown>[]][])('%s refuses a duplicate key (E11000)', async (name, make) => {
    const [a, b] = make();
    expect(await dup(name, a!, b!)).toMatchObject({ code: 11000 });
  });

  it('allows the next version of the same flow and the same key in another scope of the compound index', async () => {
    const flowId = oid();
    await m.FlowVersion.create({ ...VALID.FlowVersion(), flowId, version: 1 });
    await expect(m.FlowVersion.create({ ...VALID.FlowVersion(), flowId, version: 2 })).resolves.toBeTruthy();
    expect(await m.FlowVersion.countDocuments({ flowId })).toBe(2);
  });
});

describe('append-only collections', () => {
  it.each(['AssignmentEvent', 'AuditLog', 'FlowVersion'] as const)('%s accepts inserts and refuses every update and delete', async (name) => {
    const model = m[name] as unknown as mongoose.Model<Record<string, unknown>>;
    const doc = await model.create(VALID[name]());
    await model.insertMany([VALID[name](), VALID[name]()]);
    await model.bulkWrite([{ insertOne: { document: VALID[name]() } }]);
    const id = doc._id as Types.ObjectId;
    const before = await model.collection.findOne({ _id: id });
    const attempts: [string, () => Promise<unknown>][] = [
      ['updateOne', () => model.updateOne({ _id: id }, { $set: { requestId: 'x' } })],
      ['updateMany', () => model.updateMany({}, { $set: { requestId: 'x' } })],
      ['findOneAndUpdate', () => model.findOneAndUpdate({ _id: id }, { $set: { requestId: 'x' } })],
      ['findByIdAndUpdate', () => model.findByIdAndUpdate(id, { $set: { requestId: 'x' } })],
      ['replaceOne', () => model.replaceOne({ _id: id }, VALID[name]())],
      ['findOneAndReplace', () => model.findOneAndReplace({ _id: id }, VALID[name]())],
      ['deleteOne', () => model.deleteOne({ _id: id })],
      ['deleteMany', () => model.deleteMany({})],
      ['findOneAndDelete', () => model.findOneAndDelete({ _id: id })],
      ['findByIdAndDelete', () => model.findByIdAndDelete(id)],
      ['doc.save', async () => { const d = await model.findById(id); d!.set(name === 'FlowVersion' ? 'note' : 'requestId', 'changed'); return d!.save(); }],
      ['doc.deleteOne', async () => (await model.findById(id))!.deleteOne()],
      ['doc.updateOne', async () => (await model.findById(id))!.updateOne({ $set: { requestId: 'x' } })],
      ['bulkWrite update', () => model.bulkWrite([{ updateOne: { filter: { _id: id }, update: { $set: { requestId: 'x' } } } }])],
      ['bulkWrite delete', () => model.bulkWrite([{ deleteOne: { filter: { _id: id } } }])],
    ];
    for (const [label, attempt] of attempts) {
      await expect(attempt(), label).rejects.toBeInstanceOf(AppendOnlyViolationError);
    }
    expect(await model.collection.findOne({ _id: id })).toEqual(before);
    expect(await model.countDocuments()).toBeGreaterThanOrEqual(4);
  });
});

describe('filter safety', () => {
  it('neutralises an operator object injected as a value (sanitizeFilter)', async () => {
    await m.User.create(VALID.User());
    await m.Flow.create(VALID.Flow());
    const users = await m.User.countDocuments();
    const injected = JSON.parse('{"$ne": null}') as unknown as string;
    // on a typed path the object becomes `$eq: {$ne: null}`, which cannot be cast: the query is refused
    for (const attempt of [
      () => m.User.findOne({ email: injected }),
      () => m.User.countDocuments({ email: injected }),
      () => m.User.deleteMany({ email: injected }),
      () => m.User.updateMany({ email: injected }, { $set: { disabled: true } }),
    ]) {
      await expect(attempt()).rejects.toBeInstanceOf(mongoose.Error.CastError);
    }
    // on a free-form path it is compared as a literal value and matches nothing
    expect(await m.Flow.countDocuments({ document: injected })).toBe(0);
    expect(await m.User.countDocuments()).toBe(users);
    expect(await m.User.countDocuments({ disabled: true })).toBe(0);
    await expect(m.User.find({ $where: 'true' } as never)).rejects.toThrow(/\$where/);
    // deliberate operators are marked trusted
    expect(await m.User.countDocuments({ email: mongoose.trusted({ $ne: null }) })).toBe(users);
  });

  it('throws on a filter path the schema does not know (strictQuery)', async () => {
    await expect(m.Customer.find({ notAField: 1 } as never)).rejects.toThrow(/notAField/);
    await expect(m.Customer.countDocuments({ 'lifecycle.bogus': true } as never)).rejects.toThrow(/bogus.*strictQuery/);
    await expect(m.Customer.countDocuments({ 'lifecycle.needsStart': true })).resolves.toBeGreaterThanOrEqual(0);
  });
});

describe('guarded counters', () => {
  it('never increments openCount past capacity, even under concurrent attempts', async () => {
    const rep = await m.Rep.create({ ...VALID.Rep(), capacity: 5 });
    const reserve = () =>
      m.Rep.findOneAndUpdate({ _id: rep._id, openCount: mongoose.trusted({ $lt: rep.capacity }) }, { $inc: { openCount: 1 } }, { returnDocument: 'after' });
    const results = await Promise.all(Array.from({ length: 20 }, reserve));
    expect(results.filter((r) => r !== null)).toHaveLength(5);
    expect(new Set(results.filter((r) => r !== null).map((r) => r!.openCount))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect((await m.Rep.findById(rep._id).lean())?.openCount).toBe(5);
    expect(await reserve()).toBeNull();
  });

  it('keeps the daily cap per date: a new day starts from zero', async () => {
    const rep = await m.Rep.create({ ...VALID.Rep(), dailyCap: 2, todayDate: '2025-03-01', todayCount: 2 });
    const take = (date: string) =>
      m.Rep.findOneAndUpdate({ _id: rep._id, todayDate: date, todayCount: mongoose.trusted({ $lt: rep.dailyCap }) }, { $inc: { todayCount: 1 } });
    expect(await take('2025-03-01')).toBeNull();
    await m.Rep.updateOne({ _id: rep._id, todayDate: mongoose.trusted({ $ne: '2025-03-02' }) }, { $set: { todayDate: '2025-03-02', todayCount: 0 } });
    expect(await take('2025-03-02')).not.toBeNull();
    expect(await take('2025-03-02')).not.toBeNull();
    expect(await take('2025-03-02')).toBeNull();
  });
});

describe('mappers to the engine shapes', () => {
  it('map hydrated and lean customers and reps to shapes the core schemas accept', async () => {
    const team = await m.Team.create({ name: uniq() });
    const rep = await m.Rep.create({
      ...VALID.Rep(), teamId: team._id, industries: ['retail'], regions: ['浙江'], status: 'onLeave', leaveFrom: new Date(1_000), leaveTo: new Date(2_000),
      workingHours: { timezone: 'Asia/Shanghai', days: [1, 2], start: '09:00', end: '18:00' },
      stats: { winRateByIndustry: [{ industry: 'retail', winRate: 0.4 }], avgDealValue: 5000 },
    });
    const customer = await m.Customer.create({
      name: 'Emily Chen', status: 'assigned', ownerId: rep._id, teamId: team._id, tags: ['VIP'], score: 88, grade: 'A',
      previousOwners: [{ repId: oid(), cooldownUntil: new Date(5_000) }], attributes: [{ key: 'budget', value: 12 }, { key: 'ok', value: true }],
    });
    const fromDoc = toEngineCustomer(customer, { accountOwnerId: rep.id });
    const fromLean = toEngineCustomer((await m.Customer.findById(customer._id).lean())!, { accountOwnerId: rep.id });
    expect(fromLean).toEqual(fromDoc);
    expect(ajv.validate(CustomerSchema, fromDoc), ajv.errorsText()).toBe(true);
    expect(fromDoc).toMatchObject({ id: customer.id, ownerId: rep.id, attributes: { budget: 12, ok: true }, previousOwners: [{ cooldownUntil: 5_000 }] });
    expect('company' in fromDoc).toBe(false);

    const engineRep = toEngineRep((await m.Rep.findById(rep._id).lean())!);
    expect(toEngineRep(rep)).toEqual(engineRep);
    expect(ajv.validate(RepSchema, engineRep), ajv.errorsText()).toBe(true);
    expect(engineRep).toMatchObject({ teamId: team.id, leaveFrom: 1_000, leaveTo: 2_000, stats: { winRateByIndustry: { retail: 0.4 } } });
  });
});
