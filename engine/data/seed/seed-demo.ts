import { markChanged } from '../change-generation';
import bcrypt from 'bcryptjs';
import { Types, type Connection } from 'mongoose';
import { text, type LocalizedText } from '../../core/common/localized';
import { ensureIndexes } from '../connect';
import { getModels, type Models } from '../models';
import { generateDemoCustomers, type OwnerCandidate } from './demo-customers';
import { generateDemoFollowUps } from './demo-follow-ups';
import { DEMO_LOGINS } from './demo-logins';
import { DEMO_MANAGER_TEAM, DEMO_POOL, DEMO_REP_KEY, DEMO_TEAMS, type TeamKey } from './demo-org.data';
import { buildDemoReps } from './demo-reps';
import { createPrng } from './prng';
import { recordContactKeys } from '../contact-keys';

/** the PRNG seed: the same demo organisation on every run */
export const DEMO_SEED = 20_240_601;
export const DEMO_CUSTOMER_COUNT = 300;
const BCRYPT_COST = 10;

export interface SeedDemoOptions {
  /** wipe every Allot collection first */
  reset?: boolean;
  /** the instant the demo dates are relative to (epoch ms); default the current time */
  now?: number;
}

export interface SeedDemoResult {
  seeded: boolean;
  reset: boolean;
  message: LocalizedText;
  counts: Record<'teams' | 'reps' | 'customers' | 'pools' | 'users' | 'followUps' | 'assignmentEvents', number>;
}

/**
 * Empties every Allot collection, append-only ones included. Goes through the raw driver on purpose:
 * the append-only hooks refuse deletes through mongoose, and only a full reset may clear them.
 */
export async function clearAllCollections(models: Models): Promise<void> {
  for (const model of Object.values(models)) {
    await model.collection.deleteMany({});
    markChanged(model.db, model.collection.collectionName); // this process's caches of it are void
  }
}

const ZERO = { teams: 0, reps: 0, customers: 0, pools: 0, users: 0, followUps: 0, assignmentEvents: 0 };

/**
 * Seeds the demo organisation (3 teams, 15 reps, ~300 customers, the public pool, one login per role).
 * Without `reset` it only seeds an empty database: when users exist it does nothing and says so;
 * leftovers of an interrupted seed (data but no users) are cleared first.
 */
export async function seedDemo(conn: Connection, opts: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const models = getModels(conn);
  const now = opts.now ?? Date.now();
  await ensureIndexes(conn);
  if (opts.reset) {
    await clearAllCollections(models);
  } else if ((await models.User.countDocuments()) > 0) {
    return {
      seeded: false,
      reset: false,
      counts: ZERO,
      message: text('已有用户，演示数据保持不变（用 --reset 重新生成）。', 'Users exist already: the demo data is left as it is (use --reset to rebuild it).'),
    };
  } else if ((await models.Team.countDocuments()) + (await models.Rep.countDocuments()) + (await models.Customer.countDocuments()) > 0) {
    await clearAllCollections(models);
  }

  const rng = createPrng(DEMO_SEED);
  const teamIds = new Map<TeamKey, Types.ObjectId>(DEMO_TEAMS.map((t) => [t.key, new Types.ObjectId()]));
  const teamId = (key: TeamKey): Types.ObjectId => teamIds.get(key) ?? new Types.ObjectId();
  const reps = buildDemoReps(rng, { now, teamId });
  const repId = (key: string): Types.ObjectId => {
    const rep = reps.find((r) => r.key === key);
    if (!rep) throw new Error(`demo rep ${key} missing`);
    return rep.doc._id;
  };
  const poolId = new Types.ObjectId();

  const candidates: OwnerCandidate[] = reps.map(({ doc, def }) => ({
    id: doc._id,
    teamId: doc.teamId,
    status: def.status,
    regions: def.regions,
    teamRegions: DEMO_TEAMS.find((t) => t.key === def.team)?.regions ?? [],
    industries: def.industries,
    capacity: def.capacity,
    weight: def.weight,
    isManager: def.isManager ?? false,
  }));
  const departed = reps.filter((r) => r.def.status === 'departed').map((r) => r.doc._id);
  const customers = generateDemoCustomers(rng, { count: DEMO_CUSTOMER_COUNT, now, reps: candidates, poolId, departedRepIds: departed });
  const followUps = generateDemoFollowUps(rng, customers);
  for (const { doc } of reps) {
    doc.openCount = customers.filter((c) => c.status === 'assigned' && c.ownerId?.equals(doc._id)).length;
  }

  await models.Team.insertMany(
    DEMO_TEAMS.map((t) => ({
      _id: teamId(t.key),
      name: t.name,
      nameEn: t.nameEn,
      description: t.description,
      managerRepId: reps.find((r) => r.def.team === t.key && r.def.isManager)?.doc._id,
    })),
  );
  await models.Pool.create({ _id: poolId, ...DEMO_POOL, rules: { ...DEMO_POOL.rules, perGrade: [...DEMO_POOL.rules.perGrade] } });

  const userIds = { admin: new Types.ObjectId(), manager: new Types.ObjectId(), rep: new Types.ObjectId() };
  const managerRepId = reps.find((r) => r.def.team === DEMO_MANAGER_TEAM && r.def.isManager)?.doc._id;
  for (const r of reps) {
    if (r.key === DEMO_REP_KEY) r.doc.userId = userIds.rep;
    if (managerRepId && r.doc._id.equals(managerRepId)) r.doc.userId = userIds.manager;
  }
  await models.Rep.insertMany(reps.map((r) => r.doc));
  await models.Customer.insertMany(customers);
  await recordContactKeys(models, customers as never);
  await models.FollowUp.insertMany(followUps);

  const ownerName = new Map(reps.map((r) => [r.doc._id.toHexString(), r.def]));
  const events = customers
    .filter((c) => c.ownerId && c.assignedAt)
    .map((c) => {
      const owner = c.ownerId ? ownerName.get(c.ownerId.toHexString()) : undefined;
      return {
        customerId: c._id,
        outcome: 'manual' as const,
        ownerId: c.ownerId,
        path: [],
        why: text(`演示数据：初始分配给 ${owner?.name ?? '?'}`, `Demo data: initially assigned to ${owner?.nameEn ?? '?'}`),
        actor: { kind: 'system' as const, id: 'seed', name: 'demo seed' },
        at: c.assignedAt,
      };
    });
  await models.AssignmentEvent.insertMany(events);

  const hash = await bcrypt.hash(DEMO_LOGINS[0].password, BCRYPT_COST);
  const login = (role: string) => DEMO_LOGINS.find((l) => l.role === role)?.email ?? `${role}@allot.demo`;
  await models.User.insertMany([
    { _id: userIds.admin, email: login('admin'), name: 'Allot Admin', passwordHash: hash, role: 'admin', locale: 'zh-CN' },
    { _id: userIds.manager, email: login('manager'), name: '陈静 / Chen Jing', passwordHash: hash, role: 'manager', repId: managerRepId, managedTeamIds: [teamId(DEMO_MANAGER_TEAM)], locale: 'zh-CN' },
    { _id: userIds.rep, email: login('rep'), name: '李娜 / Li Na', passwordHash: hash, role: 'rep', repId: repId(DEMO_REP_KEY), locale: 'zh-CN' },
  ]);

  const counts = {
    teams: DEMO_TEAMS.length,
    reps: reps.length,
    customers: customers.length,
    pools: 1,
    users: 3,
    followUps: followUps.length,
    assignmentEvents: events.length,
  };
  await models.AuditLog.create({
    actor: { kind: 'system', id: 'seed', name: 'demo seed' },
    action: opts.reset ? 'demo.reset' : 'demo.seed',
    target: { kind: 'organisation', id: 'demo' },
    after: counts,
    at: new Date(now),
  });
  return {
    seeded: true,
    reset: opts.reset ?? false,
    counts,
    message: text(
      `已生成演示组织：${counts.teams} 个团队、${counts.reps} 名销售、${counts.customers} 个客户、${counts.pools} 个公海、${counts.users} 个账号。`,
      `Seeded the demo organisation: ${counts.teams} teams, ${counts.reps} reps, ${counts.customers} customers, ${counts.pools} pool, ${counts.users} logins.`,
    ),
  };
}
