import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Types } from 'mongoose';
import type { AppContext } from '../../api/app-context';

/** How imports hold their jobs: lease length, how often a process looks for abandoned ones, how many runs a job gets. */
export interface ImportLeaseSettings {
  leaseMs: number;
  sweepMs: number;
  maxAttempts: number;
}

const num = (raw: string | undefined, fallback: number, min: number) => {
  const n = Number(raw);
  return raw !== undefined && Number.isFinite(n) && n >= min ? Math.floor(n) : fallback;
};

/** ALLOT_IMPORT_LEASE_MS (default 60 s), ALLOT_IMPORT_SWEEP_MS (30 s), ALLOT_IMPORT_MAX_ATTEMPTS (5). */
export function importLeaseSettings(env: NodeJS.ProcessEnv = process.env): ImportLeaseSettings {
  return {
    leaseMs: num(env.ALLOT_IMPORT_LEASE_MS, 60_000, 1_000),
    sweepMs: num(env.ALLOT_IMPORT_SWEEP_MS, 30_000, 100),
    maxAttempts: num(env.ALLOT_IMPORT_MAX_ATTEMPTS, 5, 1),
  };
}

/** The run no longer holds its job (another process took it over): it stops without writing anything more. */
export class LeaseLostError extends Error {
  constructor(jobId: Types.ObjectId) {
    super(`import job ${jobId.toString()}: lease lost to another run`);
    this.name = 'LeaseLostError';
  }
}

const held = new Set<JobLease>();

/**
 * One run's hold on a job: a token unique to the run (two runs in one process never share it),
 * renewed by a heartbeat (every quarter of the lease, timer unref'd) and by every write the run
 * makes; every write is guarded by the token, so a run that lost its job to another process finds
 * out on its next write and stops.
 */
export class JobLease {
  lost = false;
  /** set when the process shuts down: the run stops and writes nothing (the lease runs out; another process resumes) */
  abandoned = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly app: Pick<AppContext, 'models' | 'now'>,
    readonly jobId: Types.ObjectId,
    readonly owner: string,
    readonly settings: ImportLeaseSettings,
  ) {}

  static newOwner(): string {
    return `${hostname().slice(0, 80)}:${process.pid}:${randomBytes(6).toString('hex')}`;
  }

  until(): Date {
    return new Date(this.app.now() + this.settings.leaseMs);
  }

  /** starts the heartbeat */
  start(): this {
    held.add(this);
    this.timer = setInterval(() => void this.renew(), Math.max(250, Math.floor(this.settings.leaseMs / 4)));
    this.timer.unref();
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
    held.delete(this);
  }

  abandon(): void {
    this.abandoned = true;
    this.lost = true;
    this.stop();
  }

  private async renew(): Promise<void> {
    if (this.lost) return;
    try {
      const r = await this.app.models.Job.updateOne({ _id: this.jobId, leaseOwner: this.owner, status: 'running' }, { $set: { leaseUntil: this.until() } });
      if (r.matchedCount === 0) this.markLost();
    } catch {
      // the database is briefly away: the next beat or write tries again (the lease has three beats of margin)
    }
  }

  private markLost(): void {
    this.lost = true;
    this.stop();
  }

  /** `$set` on the job (the lease renewed with it) while this run holds it; LeaseLostError when it does not. */
  async write(set: Record<string, unknown>): Promise<void> {
    if (this.lost) throw new LeaseLostError(this.jobId);
    const r = await this.app.models.Job.updateOne({ _id: this.jobId, leaseOwner: this.owner, status: 'running' }, { $set: { ...set, leaseUntil: this.until() } });
    if (r.matchedCount === 0) {
      this.markLost();
      throw new LeaseLostError(this.jobId);
    }
  }
}

/** Process shutdown: every run in this process stops where it is, writing nothing; their leases run out and another process resumes them. */
export function abandonHeldLeases(): number {
  const all = [...held];
  for (const l of all) l.abandon();
  return all.length;
}
