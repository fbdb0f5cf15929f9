import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Client } from '@temporalio/client';
import type { AppContext } from '../api/app-context';
import { holdLease, releaseLease } from '../services/lifecycle/dispatcher-lease';
import {
  markJobStarted, markSignal, markStarted, pendingSignals, pendingStarts, queuedRedistributionJobs, type PendingSignal, type PendingStart,
} from '../services/lifecycle/lifecycle-outbox.service';
import { LIFECYCLE_SIGNALS, type LifecycleInput } from '../../workflows/lifecycle/lifecycle.contract';
import type { RedistributionInput } from '../../workflows/redistribution/redistribution.contract';
import { signalLifecycle, signalWithStartLifecycle, startRedistribution } from './lifecycle-client';

export interface DispatcherOptions {
  taskQueue: string;
  /** rows read per look-up (default 200) */
  batch?: number;
  /** starts / signals in flight at once (default 16) */
  concurrency?: number;
  /** pause after an idle round, doubling up to idleMaxMs (defaults 250 ms → 5 s) */
  idleMinMs?: number;
  idleMaxMs?: number;
  /** how often queued redistribution jobs are looked for (default 5 s) */
  jobsEveryMs?: number;
  /** an outbox row is given up after this many failed deliveries (default 50) */
  maxAttempts?: number;
  leaseMs?: number;
  /** passed to every lifecycle it starts (tests) */
  tuning?: LifecycleInput['tuning'];
  /** passed to every redistribution it starts (tests) */
  redistributionTuning?: RedistributionInput['tuning'];
  log?: (line: string) => void;
}

export interface DispatchRound {
  started: number;
  signalled: number;
  jobs: number;
  failed: number;
}

async function inParallel<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  });
  await Promise.all(lanes);
}

const time = (v: unknown): number | undefined => {
  const t = typeof v === 'string' || typeof v === 'number' ? new Date(v).getTime() : NaN;
  return Number.isFinite(t) ? t : undefined;
};

/**
 * Starts and signals customer lifecycles off the request path (DESIGN.md: "Temporal is kept off the
 * per-customer hot path"). Runs in the worker process; one per task queue holds the lease.
 * - customers with `lifecycle.needsStart` → signal-with-start `ownerChanged` (the new ownership): a
 *   running lifecycle hears it, a missing or finished one starts; then the flag is cleared;
 * - `lifecycleSignals` rows, oldest first, in order per customer → the matching signal; `ownerChanged`
 *   may start a lifecycle, the others only reach a running one (none running: nothing to tell);
 * - queued redistribution jobs → a `redistributeRep` run each (id per job, started once).
 */
export class LifecycleDispatcher {
  private readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private lastJobsAt = 0;
  readonly totals: DispatchRound = { started: 0, signalled: 0, jobs: 0, failed: 0 };

  constructor(
    private readonly app: AppContext,
    private readonly client: () => Promise<Client>,
    private readonly opts: DispatcherOptions,
  ) {}

  private get lease(): string {
    return `lifecycle-dispatcher:${this.opts.taskQueue}`;
  }

  start(): this {
    if (this.running) return this;
    this.running = true;
    this.loop = this.run();
    return this;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await releaseLease(this.app.conn, this.lease, this.id).catch(() => undefined);
  }

  private async pause(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
    this.wake = undefined;
  }

  private async run(): Promise<void> {
    const min = this.opts.idleMinMs ?? 250;
    const max = this.opts.idleMaxMs ?? 5_000;
    let idle = min;
    while (this.running) {
      let worked = false;
      try {
        if (await holdLease(this.app.conn, this.lease, this.id, this.opts.leaseMs ?? 15_000)) {
          const r = await this.tick();
          worked = r.started + r.signalled + r.jobs > 0;
        }
      } catch (err) {
        this.opts.log?.(`dispatcher round failed: ${(err as Error).message}`);
      }
      idle = worked ? min : Math.min(max, idle * 2);
      if (this.running && !worked) await this.pause(idle);
    }
  }

  /** One round: starts, then signals, then (every few seconds) jobs. */
  async tick(): Promise<DispatchRound> {
    const round: DispatchRound = { started: 0, signalled: 0, jobs: 0, failed: 0 };
    const client = await this.client();
    const batch = this.opts.batch ?? 200;
    const lanes = this.opts.concurrency ?? 16;

    const starts = await pendingStarts(this.app, batch);
    await inParallel(starts, lanes, async (s) => {
      try {
        await this.startOne(client, s);
        round.started += 1;
      } catch (err) {
        round.failed += 1;
        this.opts.log?.(`lifecycle start for ${s.customerId} failed: ${(err as Error).message}`);
      }
    });

    const rows = await pendingSignals(this.app, batch);
    const byCustomer = new Map<string, PendingSignal[]>();
    for (const row of rows) {
      const k = String(row.customerId);
      byCustomer.set(k, [...(byCustomer.get(k) ?? []), row]);
    }
    await inParallel([...byCustomer.values()], lanes, async (list) => {
      for (const row of list) {
        const ok = await this.deliver(client, row);
        if (ok) round.signalled += 1;
        else {
          round.failed += 1;
          break; // keep this customer's order: the rest waits for the next round
        }
      }
    });

    const now = Date.now();
    if (now - this.lastJobsAt >= (this.opts.jobsEveryMs ?? 5_000)) {
      this.lastJobsAt = now;
      for (const jobId of await queuedRedistributionJobs(this.app, 20)) {
        await this.startJob(client, jobId);
        round.jobs += 1;
      }
    }
    for (const k of ['started', 'signalled', 'jobs', 'failed'] as const) this.totals[k] += round[k];
    return round;
  }

  private async startOne(client: Client, s: PendingStart): Promise<void> {
    if (s.status === 'assigned' && s.ownerId) {
      await signalWithStartLifecycle(
        client,
        s.customerId,
        this.opts.taskQueue,
        LIFECYCLE_SIGNALS.ownerChanged,
        { at: s.assignedAt ?? Date.now(), ownerId: s.ownerId },
        this.opts.tuning,
      );
    }
    await markStarted(this.app, s);
  }

  /** Delivers one outbox row; false when it must be tried again later. */
  private async deliver(client: Client, row: PendingSignal): Promise<boolean> {
    const customerId = String(row.customerId);
    const payload = (row.payload ?? {}) as Record<string, unknown>;
    const base = { at: row.at.getTime(), signalId: String(row._id) };
    try {
      switch (row.kind) {
        case 'ownerChanged':
          await signalWithStartLifecycle(client, customerId, this.opts.taskQueue, LIFECYCLE_SIGNALS.ownerChanged, {
            ...base,
            ...(typeof payload.ownerId === 'string' || payload.ownerId === null ? { ownerId: payload.ownerId } : {}),
          }, this.opts.tuning);
          break;
        case 'followUpLogged':
          await signalLifecycle(client, customerId, LIFECYCLE_SIGNALS.followUpLogged, {
            ...base,
            at: time(payload.at) ?? base.at,
            ...(typeof payload.followUpId === 'string' ? { followUpId: payload.followUpId } : {}),
          });
          break;
        case 'released':
          await signalLifecycle(client, customerId, LIFECYCLE_SIGNALS.statusChanged, { ...base, status: 'inPool' });
          break;
        case 'dealClosed':
          await signalLifecycle(client, customerId, LIFECYCLE_SIGNALS.statusChanged, { ...base, ...(typeof payload.status === 'string' ? { status: payload.status } : {}) });
          break;
      }
      await markSignal(this.app, row._id, true, Date.now());
      return true;
    } catch (err) {
      const giveUp = row.attempts + 1 >= (this.opts.maxAttempts ?? 50);
      this.opts.log?.(`lifecycle signal ${String(row._id)} (${row.kind}) not delivered${giveUp ? ', given up' : ''}: ${(err as Error).message}`);
      await markSignal(this.app, row._id, giveUp, Date.now()).catch(() => undefined);
      return false;
    }
  }

  private async startJob(client: Client, jobId: string): Promise<void> {
    await startRedistribution(client, jobId, this.opts.taskQueue, this.opts.redistributionTuning);
    await markJobStarted(this.app, jobId);
  }
}
