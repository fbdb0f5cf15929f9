import mongoose from 'mongoose';
import type { AppContext } from '../../api/app-context';
import type { RepRaw } from '../../data/collections/rep.model';
import { localDate } from '../../data/local-date';
import type { Stored } from '../../data/mappers';
import { freshCache, type FreshCache } from '../../data/fresh-cache';
import type { RepTake } from './batch-hold';

export type RosterRep = Stored<RepRaw>;

/**
 * how long (real time) a roster read may serve decisions before it is read again. Reading every rep
 * costs the embedded FerretDB about 7 ms of its one processor (each ~1 KB profile decoded): every
 * second, that stall showed in intake's p95 at 100 requests/s; every 5 s it is lost in the noise.
 */
export const ROSTER_TTL_MS = Number(process.env.ALLOT_REP_CACHE_MS ?? 5_000);

const ALL = 'all';

export interface RosterRead {
  reps: RosterRep[];
  /** true when served from memory (it may be up to ROSTER_TTL_MS behind other processes' changes) */
  cached: boolean;
}

/**
 * The reps an intake decision looks at (all but departed), kept per process for up to ROSTER_TTL_MS.
 * Reading them is the most expensive command of an intake on the embedded FerretDB (every profile
 * decoded), and it would otherwise run once per decision group.
 *
 * Why a stale roster cannot over-assign: the slot is taken by a guarded `$inc` that compares the
 * stored counters with the limits the decision used AND requires the stored capacity, daily cap and
 * status to be the ones the decision saw (batch-hold.ts). Any difference fails the hold; the caller
 * forgets the roster and decides again on a fresh read. Changes made in this process (a manager's edit,
 * a status change) drop the roster at once (the Rep model's middleware); this process's own
 * assignments are applied to it as they are committed.
 */
export class RepRoster {
  private readonly cache: FreshCache<RosterRep[]>;

  constructor(private readonly app: AppContext) {
    this.cache = freshCache<RosterRep[]>(app.conn, 'repRoster', ['reps'], ROSTER_TTL_MS);
  }

  async read(): Promise<RosterRead> {
    const { value, cached } = await this.cache.getOrLoad(ALL, async () => (await this.app.models.Rep.find({ status: mongoose.trusted({ $ne: 'departed' }) }).lean()) as RosterRep[]);
    return { reps: value, cached };
  }

  /** Counts what a committed hold took, so the next decision of this process sees its own assignments. */
  applyTakes(takes: readonly RepTake[], now: number): void {
    const byRep = new Map(takes.filter((t) => t.k > 0).map((t) => [t.limits.repId, t]));
    if (!byRep.size) return;
    this.cache.replace(ALL, (docs) =>
      docs.map((d) => {
        const t = byRep.get(String(d._id));
        if (!t) return d;
        const today = localDate(now, t.limits.timezone);
        const todayCount = d.todayDate === today ? d.todayCount : 0;
        return { ...d, openCount: d.openCount + t.k, todayCount: todayCount + t.k, todayDate: today };
      }),
    );
  }

  /**
   * Whether a rep in this read is at its capacity or today's cap: only then can stale counts have
   * kept a decision from a rep that has room again (another process closed or released its customers).
   */
  anyAtLimit(reps: readonly RosterRep[], now: number): boolean {
    return reps.some((d) => d.status !== 'departed' && (d.openCount >= d.capacity || (d.todayDate === localDate(now, d.timezone) && d.todayCount >= d.dailyCap)));
  }

  forget(): void {
    this.cache.delete(ALL);
  }
}

const rosters = new WeakMap<object, RepRoster>();

/** One roster per database connection (a process may hold several in tests). */
export function repRoster(app: AppContext): RepRoster {
  let r = rosters.get(app.conn);
  if (!r) rosters.set(app.conn, (r = new RepRoster(app)));
  return r;
}
