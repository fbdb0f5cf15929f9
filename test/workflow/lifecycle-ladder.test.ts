import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import slaLadder from '../../templates/sla-ladder/flow.json';
import { startLifecycle } from '../../engine/temporal/lifecycle-client';
import { LIFECYCLE_QUERIES, LIFECYCLE_SIGNALS, type LifecycleOutcome, type LifecycleStatus } from '../../workflows/lifecycle/lifecycle.contract';
import { useTestDatabase } from '../harness/db';
import { uniqueTaskQueue } from '../harness/temporal';
import { createLongLivedTimeSkippingEnv } from './fixtures/time-skipping-env';
import { addAssignedCustomer, createWorld, DAY, HOUR, inboxOf, type World } from './fixtures/lifecycle-world';
import { runAllotWorker, testAppContext } from './fixtures/lifecycle-harness';
import { saveHistory } from './fixtures/histories';

/** The standard SLA ladder (templates/sla-ladder) on the time-skipping server: simulated days in seconds. */
let env: TestWorkflowEnvironment;
let db: Awaited<ReturnType<typeof useTestDatabase>>;
let world: World;
let stopWorker: () => Promise<void>;
const taskQueue = uniqueTaskQueue('ladder');

beforeAll(async () => {
  [env, db] = await Promise.all([createLongLivedTimeSkippingEnv(), useTestDatabase('ladder')]);
  world = await createWorld(db.conn, { flow: slaLadder });
  const app = testAppContext(db.conn, env.client);
  ({ stop: stopWorker } = await runAllotWorker({ app, connection: env.nativeConnection, client: env.client, taskQueue }));
});

afterAll(async () => {
  await stopWorker?.();
  await env?.teardown();
  await db?.drop();
});

const near = (actual: number, expected: number, slackMs = 10 * 60_000) => Math.abs(actual - expected) <= slackMs;

describe('customerLifecycle: the SLA ladder over simulated days', () => {
  it('without a follow-up: reminder at 24 h, escalation at 48 h, reclaim at 7 days — each exactly once', async () => {
    const t0 = await env.currentTimeMs();
    const customerId = await addAssignedCustomer(world, { assignedAt: t0, name: '华星科技' });
    const before = (await world.models.Rep.findById(world.ownerRepId).lean())?.openCount ?? 0;
    const handle = await startLifecycle(env.client, customerId, taskQueue);
    const again = await startLifecycle(env.client, customerId, taskQueue);
    expect(again.firstExecutionRunId).toBe(handle.firstExecutionRunId);

    const outcome = (await handle.result()) as LifecycleOutcome;
    expect(outcome.reason).toBe('reclaimed');
    expect(near(outcome.at, t0 + 7 * DAY)).toBe(true);

    const reminders = (await inboxOf(world, world.ownerRepId, 'reminder')).filter((n) => n.body['zh-CN'].includes('华星科技'));
    expect(reminders).toHaveLength(1);
    expect(near(reminders[0]!.createdAt.getTime(), t0 + 24 * HOUR)).toBe(true);
    const escalations = await inboxOf(world, world.managerRepId, 'escalation');
    expect(escalations.filter((n) => n.body['zh-CN'].includes('华星科技'))).toHaveLength(1);
    expect(near(escalations.at(-1)!.createdAt.getTime(), t0 + 48 * HOUR)).toBe(true);
    expect(escalations.at(-1)!.body['zh-CN']).toContain('销售甲'); // {{owner.name}} filled in by the activity

    const customer = await world.models.Customer.findById(customerId).lean();
    expect(customer).toMatchObject({ status: 'inPool' });
    expect(String(customer!.poolId)).toBe(String(world.poolId));
    expect(customer!.ownerId).toBeUndefined();
    const prev = customer!.previousOwners.at(-1)!;
    expect(String(prev.repId)).toBe(String(world.ownerRepId));
    expect(prev.cooldownUntil.getTime()).toBeGreaterThan(outcome.at);

    const events = await world.models.AssignmentEvent.find({ customerId, outcome: 'reclaimed' }).lean();
    expect(events).toHaveLength(1);
    expect(near(events[0]!.at.getTime(), t0 + 7 * DAY)).toBe(true);
    expect((await world.models.Rep.findById(world.ownerRepId).lean())?.openCount).toBe(before - 1);

    // the finished lifecycle still answers its query: the path it took
    const status = await handle.query<LifecycleStatus>(LIFECYCLE_QUERIES.status);
    expect(status.finished).toBe(true);
    expect(status.recentActions.map((a) => a.kind)).toEqual(['remind', 'escalate', 'reclaim']);
    expect(status.recentActions[1]!.outcome).toBe('sent+collaborator');
    await saveHistory(env.address, handle.workflowId, 'sla-ladder-no-follow-up');
  });

  it('a follow-up logged at 30 h stops the ladder (no escalation) and starts the 7-day cadence; winning ends it', async () => {
    const t0 = await env.currentTimeMs();
    const customerId = await addAssignedCustomer(world, { assignedAt: t0, name: '远航物流' });
    const handle = await startLifecycle(env.client, customerId, taskQueue);

    await env.sleep(30 * HOUR);
    const remindersAt30h = (await inboxOf(world, world.ownerRepId, 'reminder')).filter((n) => n.body['zh-CN'].includes('远航物流'));
    expect(remindersAt30h).toHaveLength(1);
    let status = await handle.query<LifecycleStatus>(LIFECYCLE_QUERIES.status);
    expect(status.currentNode).toMatchObject({ id: 'by48h', type: 'waitForFollowUp', waiting: true });
    expect(near(status.dueTimes[0]!.at, t0 + 48 * HOUR)).toBe(true);

    const loggedAt = t0 + 30 * HOUR;
    await world.models.Customer.updateOne({ _id: customerId }, { $set: { lastFollowUpAt: new Date(loggedAt) } });
    await handle.signal(LIFECYCLE_SIGNALS.followUpLogged, { at: loggedAt, signalId: 'fu-1' });
    await handle.signal(LIFECYCLE_SIGNALS.followUpLogged, { at: loggedAt, signalId: 'fu-1' }); // redelivered: ignored
    await env.sleep(HOUR);
    status = await handle.query<LifecycleStatus>(LIFECYCLE_QUERIES.status);
    expect(status.currentNode).toMatchObject({ id: 'cadence', waiting: true });
    expect(status.dueTimes.find((d) => d.kind === 'followUp')?.at).toBe(loggedAt + 7 * DAY);
    expect(status.recentSteps.at(-1)).toMatchObject({ nodeId: 'cadence', event: 'entered' });

    await env.sleep(4 * DAY); // well past the 48 h escalation of the abandoned ladder
    const escalations = (await inboxOf(world, world.managerRepId, 'escalation')).filter((n) => n.body['zh-CN'].includes('远航物流'));
    expect(escalations).toHaveLength(0);
    expect((await world.models.Customer.findById(customerId).lean())?.status).toBe('assigned');

    await world.models.Customer.updateOne({ _id: customerId }, { $set: { status: 'won', closedAt: new Date() } });
    await handle.signal(LIFECYCLE_SIGNALS.statusChanged, { at: t0 + 5 * DAY, status: 'won' });
    const outcome = (await handle.result()) as LifecycleOutcome;
    expect(outcome.reason).toBe('closed:won');
    status = await handle.query<LifecycleStatus>(LIFECYCLE_QUERIES.status);
    expect(status).toMatchObject({ finished: true, followUpEnded: true, endReason: 'status:won' });
    await saveHistory(env.address, handle.workflowId, 'sla-ladder-follow-up-at-30h');
  });
});
