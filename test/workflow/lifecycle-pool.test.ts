import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import poolRecycling from '../../templates/pool-recycling/flow.json';
import type { Principal } from '../../engine/api/auth/principal';
import type { AppContext } from '../../engine/api/app-context';
import { claimFromPool } from '../../engine/services/pools/pool-claim.service';
import { startLifecycle } from '../../engine/temporal/lifecycle-client';
import { LIFECYCLE_QUERIES, LIFECYCLE_SIGNALS, type LifecycleOutcome, type LifecycleStatus } from '../../workflows/lifecycle/lifecycle.contract';
import { useTestDatabase } from '../harness/db';
import { uniqueTaskQueue } from '../harness/temporal';
import { createLongLivedTimeSkippingEnv } from './fixtures/time-skipping-env';
import { saveHistory } from './fixtures/histories';
import { runAllotWorker, statusWhen, testAppContext } from './fixtures/lifecycle-harness';
import { addAssignedCustomer, createWorld, DAY, inboxOf, type World } from './fixtures/lifecycle-world';

/**
 * Pool rules over time on the time-skipping server: recycle after N days without a follow-up (per
 * grade), warned N days before; the protection period after a claim; the previous owner refused during
 * the cooldown; and the pool-recycling template (a follow-up flow checking once a day).
 */
let env: TestWorkflowEnvironment;
const dbs: Array<Awaited<ReturnType<typeof useTestDatabase>>> = [];
const stops: Array<() => Promise<void>> = [];
let rules: { world: World; app: AppContext; taskQueue: string };
let template: { world: World; app: AppContext; taskQueue: string };

async function setup(label: string, opts: Parameters<typeof createWorld>[1]) {
  const db = await useTestDatabase(label);
  dbs.push(db);
  const world = await createWorld(db.conn, opts);
  const app = testAppContext(db.conn, env.client);
  const taskQueue = uniqueTaskQueue(label);
  stops.push((await runAllotWorker({ app, connection: env.nativeConnection, client: env.client, taskQueue })).stop);
  return { world, app, taskQueue };
}

beforeAll(async () => {
  env = await createLongLivedTimeSkippingEnv();
  rules = await setup('poolrules', {
    rules: {
      recycleAfterDaysNoFollowUp: 5,
      recycleAfterDaysNoDeal: 0,
      warnDaysBefore: 2,
      perGrade: [{ grade: 'A', recycleAfterDaysNoFollowUp: 10 }],
      protectionDays: 7,
      previousOwnerCooldownDays: 30,
    },
  });
  template = await setup('pooltpl', { flow: poolRecycling });
});

afterAll(async () => {
  for (const stop of stops) await stop();
  await env?.teardown();
  for (const db of dbs) await db.drop();
});

const near = (actual: number | undefined, expected: number, slackMs = 10 * 60_000) => actual !== undefined && Math.abs(actual - expected) <= slackMs;
const repPrincipal = (w: World, repId: World['ownerRepId']): Principal => ({
  kind: 'user', id: String(w.userOf.get(String(repId))), name: 'rep', role: 'rep', repId: String(repId), teamIds: [String(w.teamId)], scopes: [],
});

async function reclaimAt(w: World, customerId: string): Promise<number | undefined> {
  const ev = await w.models.AssignmentEvent.findOne({ customerId, outcome: 'reclaimed' }).lean();
  return ev?.at.getTime();
}

async function warningsFor(w: World, name: string) {
  return (await inboxOf(w, w.ownerRepId, 'reclaimWarning')).filter((n) => n.body['zh-CN'].includes(name));
}

describe('pool rules over time', () => {
  it('recycles after N days without a follow-up (per grade), with the warning N days before; a follow-up moves both', async () => {
    const { world, taskQueue } = rules;
    const t0 = await env.currentTimeMs();
    const plain = await addAssignedCustomer(world, { assignedAt: t0, name: '普通客户' });
    const gradeA = await addAssignedCustomer(world, { assignedAt: t0, name: 'A级客户', grade: 'A' });
    const revived = await addAssignedCustomer(world, { assignedAt: t0, name: '跟进过的客户' });
    const handles = await Promise.all([plain, gradeA, revived].map((id) => startLifecycle(env.client, id, taskQueue)));

    const status = await statusWhen(handles[0]!, (s) => s.ownership !== null);
    expect(status.dueTimes.map((d) => [d.kind, Math.round((d.at - t0) / DAY)])).toEqual([['recycleWarning', 3]]);

    await env.sleep(4 * DAY); // warned on day 3; the owner follows up the third customer on day 4
    expect(await warningsFor(world, '跟进过的客户')).toHaveLength(1);
    await world.models.Customer.updateOne({ _id: revived }, { $set: { lastFollowUpAt: new Date(t0 + 4 * DAY) } });
    await handles[2]!.signal(LIFECYCLE_SIGNALS.followUpLogged, { at: t0 + 4 * DAY });

    // one result at a time: concurrent result() calls unbalance the test server's time-skipping lock
    const outcomes: LifecycleOutcome[] = [];
    for (const h of handles) outcomes.push((await h.result()) as LifecycleOutcome);
    const [o1, o2, o3] = outcomes;
    expect([o1!.reason, o2!.reason, o3!.reason]).toEqual(['reclaimed', 'reclaimed', 'reclaimed']);

    const w1 = await warningsFor(world, '普通客户');
    expect(w1).toHaveLength(1);
    expect(near(w1[0]!.createdAt.getTime(), t0 + 3 * DAY)).toBe(true);
    expect(w1[0]!.body.en).toMatch(/goes back to the pool on/);
    expect(near(await reclaimAt(world, plain), t0 + 5 * DAY)).toBe(true);

    const w2 = await warningsFor(world, 'A级客户');
    expect(w2).toHaveLength(1);
    expect(near(w2[0]!.createdAt.getTime(), t0 + 8 * DAY)).toBe(true);
    expect(near(await reclaimAt(world, gradeA), t0 + 10 * DAY)).toBe(true);

    // the follow-up on day 4 moved the deadline to day 9: a second warning on day 7, the recycle on day 9
    const w3 = await warningsFor(world, '跟进过的客户');
    expect(w3.map((n) => Math.round((n.createdAt.getTime() - t0) / DAY))).toEqual([3, 7]);
    expect(near(await reclaimAt(world, revived), t0 + 9 * DAY)).toBe(true);

    const ev = await world.models.AssignmentEvent.findOne({ customerId: plain, outcome: 'reclaimed' }).lean();
    expect(ev?.why.en).toMatch(/No follow-up for 5 days: recycled by the pool rules/);
    expect((await world.models.Customer.findById(plain).lean())?.status).toBe('inPool');
    await saveHistory(env.address, handles[2]!.workflowId, 'pool-rules-warning-follow-up-recycle');
  });

  it('a claimed customer is protected: no recycle before the protection period ends', async () => {
    const { world, taskQueue } = rules;
    const t0 = await env.currentTimeMs();
    await world.models.Pool.updateOne({ _id: world.poolId }, { $set: { 'rules.recycleAfterDaysNoFollowUp': 2, 'rules.warnDaysBefore': 1 } });
    await new Promise((r) => setTimeout(r, 3_100)); // the worker reads pool rules at most every 3 s
    const claimed = await addAssignedCustomer(world, { assignedAt: t0, name: '领取的客户', protectedUntil: t0 + 7 * DAY, claimedFromPool: true });
    const handle = await startLifecycle(env.client, claimed, taskQueue);
    await env.sleep(5 * DAY);
    expect((await world.models.Customer.findById(claimed).lean())?.status).toBe('assigned');
    expect(await warningsFor(world, '领取的客户')).toHaveLength(0);
    expect(((await handle.result()) as LifecycleOutcome).reason).toBe('reclaimed');
    const warned = await warningsFor(world, '领取的客户');
    expect(warned.map((n) => Math.round((n.createdAt.getTime() - t0) / DAY))).toEqual([6]);
    expect(near(await reclaimAt(world, claimed), t0 + 7 * DAY)).toBe(true);
  });

  it('the previous owner is refused during the cooldown; a colleague may claim and gets a new lifecycle to start', async () => {
    const { world, app } = rules;
    const inPool = await world.models.Customer.findOne({ name: '普通客户' }).lean();
    expect(inPool?.status).toBe('inPool');
    const req = { poolId: String(world.poolId), customerId: String(inPool!._id), body: {}, requestId: 'test' };
    await expect(claimFromPool(app, repPrincipal(world, world.ownerRepId), req)).rejects.toMatchObject({ status: 409, code: 'CLAIM_COOLDOWN' });
    const colleague = world.colleagueRepIds[0]!;
    const claimed = await claimFromPool(app, repPrincipal(world, colleague), req);
    expect(claimed.result.customer.ownerId).toBe(String(colleague));
    expect((await world.models.Customer.findById(inPool!._id).lean())?.lifecycle?.needsStart).toBe(true);
  });
});

describe('the pool-recycling template (a follow-up flow checking once a day)', () => {
  it('warns on day 12 without a follow-up and reclaims on day 15, continuing as new along the way', async () => {
    const { world, taskQueue } = template;
    const t0 = await env.currentTimeMs();
    const customerId = await addAssignedCustomer(world, { assignedAt: t0, name: '沉睡客户' });
    const handle = await startLifecycle(env.client, customerId, taskQueue, { historyLimit: 60 });
    const outcome = (await handle.result()) as LifecycleOutcome;
    expect(outcome.reason).toBe('reclaimed');
    expect(near(outcome.at, t0 + 15 * DAY)).toBe(true);
    const warnings = (await inboxOf(world, world.ownerRepId, 'reminder')).filter((n) => n.body['zh-CN'].includes('沉睡客户'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.body['zh-CN']).toContain('12 天未跟进');
    expect(near(warnings[0]!.createdAt.getTime(), t0 + 12 * DAY)).toBe(true);
    const ev = await world.models.AssignmentEvent.findOne({ customerId, outcome: 'reclaimed' }).lean();
    expect(ev?.why.en).toMatch(/No follow-up for 15 days/);
    const status = await handle.query<LifecycleStatus>(LIFECYCLE_QUERIES.status);
    expect(status.run).toBeGreaterThanOrEqual(2);
    expect(status).toMatchObject({ finished: true, endReason: 'reclaimed' });
    await saveHistory(env.address, handle.workflowId, 'pool-recycling-template-after-continue-as-new');
  });
});
