import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Ajv from 'ajv';
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerSchema } from '../../engine/core/model/customer.schema';
import { RepSchema } from '../../engine/core/model/rep.schema';
import { toEngineCustomer, toEngineRep } from '../../engine/data/mappers';
import { getModels, type Models } from '../../engine/data/models';
import { DEMO_LOGINS } from '../../engine/data/seed/demo-logins';
import { seedDemo, type SeedDemoResult } from '../../engine/data/seed/seed-demo';
import { ROOT, TSX_BIN } from '../../scripts/stack/tool-paths';
import { testDatabaseUri, useTestDatabase } from '../harness/db';

const NOW = Date.UTC(2025, 5, 16, 2, 0, 0); // 2025-06-16 10:00 Asia/Shanghai
const DAY = 86_400_000;
const ajv = new Ajv({ allErrors: true });

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let m: Models;
let first: SeedDemoResult;

beforeAll(async () => {
  db = await useTestDatabase('seed');
  m = getModels(db.conn);
  first = await seedDemo(db.conn, { now: NOW });
});
afterAll(async () => db?.drop());

const distinct = (values: (string | null | undefined)[]): number => new Set(values.filter(Boolean)).size;

describe('the demo organisation', () => {
  it('seeds 3 teams, 15 reps, 300 customers, one pool and 3 logins', async () => {
    expect(first).toMatchObject({ seeded: true, reset: false, counts: { teams: 3, reps: 15, customers: 300, pools: 1, users: 3 } });
    expect(first.message.en).toContain('300 customers');
    expect(first.message['zh-CN']).toContain('300 个客户');
    expect([await m.Team.countDocuments(), await m.Rep.countDocuments(), await m.Customer.countDocuments(), await m.Pool.countDocuments(), await m.User.countDocuments()])
      .toEqual([3, 15, 300, 1, 3]);
    expect(await m.FollowUp.countDocuments()).toBe(first.counts.followUps);
    expect(await m.AssignmentEvent.countDocuments()).toBe(first.counts.assignmentEvents);
  });

  it('has varied reps: one on leave now, one departed, new hires, top reps and one manager per team', async () => {
    const reps = await m.Rep.find().lean();
    const onLeave = reps.filter((r) => r.status === 'onLeave');
    expect(onLeave).toHaveLength(1);
    expect(onLeave[0]!.leaveFrom!.getTime()).toBeLessThan(NOW);
    expect(onLeave[0]!.leaveTo!.getTime()).toBeGreaterThan(NOW);
    const departed = reps.filter((r) => r.status === 'departed');
    expect(departed).toHaveLength(1);
    expect(departed[0]!.departedAt!.getTime()).toBeLessThan(NOW);
    expect(reps.filter((r) => r.isNewHire).length).toBeGreaterThanOrEqual(3);
    expect(reps.filter((r) => r.isTopRep).length).toBeGreaterThanOrEqual(2);
    for (const team of await m.Team.find().lean()) {
      const managers = reps.filter((r) => r.isManager && r.teamId.equals(team._id));
      expect(managers, team.name).toHaveLength(1);
      expect(team.managerRepId?.equals(managers[0]!._id)).toBe(true);
      expect(reps.filter((r) => r.teamId.equals(team._id)).length).toBeGreaterThanOrEqual(4);
    }
    expect(distinct(reps.flatMap((r) => r.industries))).toBeGreaterThanOrEqual(8);
    expect(distinct(reps.flatMap((r) => r.regions))).toBeGreaterThanOrEqual(10);
    expect(distinct(reps.flatMap((r) => r.languages))).toBeGreaterThanOrEqual(3);
    for (const key of ['level', 'weight', 'capacity', 'dailyCap'] as const) {
      expect(new Set(reps.map((r) => r[key])).size, key).toBeGreaterThanOrEqual(3);
    }
    for (const rep of reps) expect(ajv.validate(RepSchema, toEngineRep(rep)), `${rep.name}: ${ajv.errorsText()}`).toBe(true);
  });

  it('has varied customers with Chinese and English names, consistent with owners and the pool', async () => {
    const customers = await m.Customer.find().lean();
    const pool = await m.Pool.findOne().lean();
    expect(distinct(customers.map((c) => c.industry))).toBeGreaterThanOrEqual(8);
    expect(distinct(customers.map((c) => c.province))).toBeGreaterThanOrEqual(10);
    expect(distinct(customers.map((c) => c.size))).toBe(5);
    expect(distinct(customers.map((c) => c.source))).toBeGreaterThanOrEqual(5);
    expect(customers.filter((c) => /^[\u4e00-\u9fff]{2,4}$/.test(c.name)).length).toBeGreaterThan(100);
    expect(customers.filter((c) => /^[A-Z][a-z]+ [A-Z][a-z]+$/.test(c.name)).length).toBeGreaterThan(20);
    expect(customers.filter((c) => /[A-Za-z]/.test(c.company ?? '') && /(Ltd|Inc|Group)/.test(c.company ?? '')).length).toBeGreaterThan(10);
    for (const status of ['new', 'assigned', 'inPool', 'won', 'lost'] as const) {
      expect(customers.filter((c) => c.status === status).length, status).toBeGreaterThan(10);
    }
    for (const c of customers) {
      if (c.status === 'inPool') expect(c.poolId?.equals(pool!._id)).toBe(true);
      if (c.status === 'assigned') expect(c.ownerId && c.teamId && c.assignedAt && c.lifecycle?.needsStart).toBeTruthy();
      if (c.status === 'new') expect(c.ownerId).toBeUndefined();
      expect(c.createdAt.getTime()).toBeLessThan(NOW);
      expect(ajv.validate(CustomerSchema, toEngineCustomer(c)), `${c.name}: ${ajv.errorsText()}`).toBe(true);
    }
    expect(customers.filter((c) => c.status === 'assigned' && c.lastFollowUpAt && c.lastFollowUpAt.getTime() < NOW - 15 * DAY).length)
      .toBeGreaterThan(5); // something for the recycling rules to find
  });

  it('keeps every rep counter equal to the truth and within capacity', async () => {
    for (const rep of await m.Rep.find().lean()) {
      const open = await m.Customer.countDocuments({ ownerId: rep._id, status: 'assigned' });
      expect(rep.openCount, rep.name).toBe(open);
      expect(rep.openCount).toBeLessThanOrEqual(rep.capacity);
      expect(rep.todayCount).toBe(0);
      expect(rep.todayDate).toBe('2025-06-16');
      if (rep.status === 'departed') expect(open).toBe(0);
    }
  });

  it('has a public pool with rules', async () => {
    const pool = await m.Pool.findOne().lean();
    expect(pool).toMatchObject({
      name: '公海',
      isDefault: true,
      rules: { recycleAfterDaysNoFollowUp: 15, recycleAfterDaysNoDeal: 30, warnDaysBefore: 3, claimsPerRepPerDay: 5, maxHeldPerRep: 60, protectionDays: 7, previousOwnerCooldownDays: 30 },
    });
    expect(pool!.rules.perGrade.map((g) => g.grade)).toEqual(['A', 'D']);
  });

  it('creates one login per role that accepts the demo password, linked to its rep and team', async () => {
    for (const login of DEMO_LOGINS) {
      const user = await m.User.findOne({ email: login.email }).select('+passwordHash').lean();
      expect(user?.role).toBe(login.role);
      expect(await bcrypt.compare(login.password, user!.passwordHash)).toBe(true);
      expect(await bcrypt.compare('wrong-password', user!.passwordHash)).toBe(false);
      expect(bcrypt.getRounds(user!.passwordHash)).toBe(10);
    }
    const repUser = await m.User.findOne({ email: 'rep@allot.demo' }).lean();
    const rep = await m.Rep.findById(repUser!.repId).lean();
    expect(rep?.name).toBe('李娜');
    expect(rep?.userId?.equals(repUser!._id)).toBe(true);
    const manager = await m.User.findOne({ email: 'manager@allot.demo' }).lean();
    const east = await m.Team.findOne({ name: '华东大客户组' }).lean();
    expect(manager!.managedTeamIds.map(String)).toEqual([east!._id.toString()]);
    expect(manager!.repId?.equals(east!.managerRepId!)).toBe(true);
    expect((await m.User.findOne({ email: 'admin@allot.demo' }).lean())?.passwordHash).toBeUndefined(); // never selected by default
  });

  it('is reproducible: the same organisation in another database', async () => {
    const other = await useTestDatabase('seed-again');
    try {
      await seedDemo(other.conn, { now: NOW });
      const shape = async (models: Models) => {
        const reps = new Map((await models.Rep.find().lean()).map((r) => [r._id.toString(), r.name]));
        return (await models.Customer.find().lean())
          .map((c) => [c.createdAt.toISOString(), c.name, c.company, c.phone, c.status, c.grade, c.ownerId ? reps.get(c.ownerId.toString()) : null].join('|'))
          .sort();
      };
      expect(await shape(getModels(other.conn))).toEqual(await shape(m));
    } finally {
      await other.drop();
    }
  });
});

describe('seeding again', () => {
  it('is a no-op without reset and says so', async () => {
    const ids = (await m.Customer.find().select('_id').lean()).map((c) => c._id.toString()).sort();
    const again = await seedDemo(db.conn, { now: NOW + DAY });
    expect(again.seeded).toBe(false);
    expect(again.message.en).toMatch(/left as it is.*--reset/);
    expect((await m.Customer.find().select('_id').lean()).map((c) => c._id.toString()).sort()).toEqual(ids);
    expect(await m.Team.countDocuments()).toBe(3);
  });

  it('with reset wipes everything (append-only logs too) and seeds afresh', async () => {
    const adminBefore = await m.User.findOne({ email: 'admin@allot.demo' }).lean();
    await m.Customer.create({ name: 'Extra', status: 'new' });
    await m.Flow.create({ name: 'draft', kind: 'allocation', trigger: 'customerCreated', document: { nodes: [] } });
    const reset = await seedDemo(db.conn, { reset: true, now: NOW });
    expect(reset).toMatchObject({ seeded: true, reset: true });
    expect(await m.Customer.countDocuments()).toBe(300);
    expect(await m.Customer.countDocuments({ name: 'Extra' })).toBe(0);
    expect(await m.Flow.countDocuments()).toBe(0);
    expect(await m.AssignmentEvent.countDocuments()).toBe(reset.counts.assignmentEvents);
    expect(await m.AuditLog.countDocuments({ action: 'demo.reset' })).toBe(1);
    expect((await m.User.findOne({ email: 'admin@allot.demo' }).lean())?._id.equals(adminBefore!._id)).toBe(false);
  });

  it('finishes an interrupted seed (data but no users) without duplicates', async () => {
    await m.User.collection.deleteMany({});
    const result = await seedDemo(db.conn, { now: NOW });
    expect(result.seeded).toBe(true);
    expect([await m.Team.countDocuments(), await m.Rep.countDocuments(), await m.Customer.countDocuments()]).toEqual([3, 15, 300]);
  });
});

describe('npm run seed', () => {
  const run = promisify(execFile);
  const seed = (uri: string, ...args: string[]) =>
    run(TSX_BIN, [join(ROOT, 'scripts/seed.ts'), ...args], { cwd: ROOT, env: { ...process.env, MONGODB_URI: uri }, timeout: 60_000 });

  it('seeds, prints the logins, then says a second run changes nothing', async () => {
    const uri = testDatabaseUri('seed-cli');
    const one = await seed(uri);
    expect(one.stdout).toContain('Seeded the demo organisation: 3 teams, 15 reps, 300 customers');
    for (const login of DEMO_LOGINS) expect(one.stdout).toContain(login.email);
    const two = await seed(uri);
    expect(two.stdout).toContain('left as it is');
    const three = await seed(uri, '--reset');
    expect(three.stdout).toMatch(/\(reset\)[\s\S]*Seeded the demo organisation/);
    const { connectDatabase } = await import('../../engine/data/connect');
    const conn = await connectDatabase(uri);
    await conn.dropDatabase();
    await conn.close();
  });

  it('rejects an unknown option and explains an unreachable database', async () => {
    await expect(seed(testDatabaseUri('seed-cli'), '--bogus')).rejects.toMatchObject({ code: 2 });
    const down = await seed('mongodb://127.0.0.1:1/allot').catch((e: { code: number; stderr: string }) => e);
    expect(down).toMatchObject({ code: 1 });
    expect((down as { stderr: string }).stderr).toMatch(/Cannot reach the database at mongodb:\/\/127\.0\.0\.1:1\/allot/);
  });
});
