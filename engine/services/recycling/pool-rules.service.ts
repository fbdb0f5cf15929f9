import type { AppContext } from '../../api/app-context';
import type { PoolRules } from '../../../workflows/lifecycle/recycle-plan';
import { TtlCache } from '../allocation/ttl-cache';

type App = Pick<AppContext, 'conn' | 'models'>;

interface PoolTable {
  byId: ReadonlyMap<string, PoolRules>;
  defaultId: string | undefined;
}

/** Pools change rarely: their rules are read at most every 3 s per process (per connection). */
const tables = new WeakMap<object, TtlCache<PoolTable>>();

function poolTable(app: App): TtlCache<PoolTable> {
  let t = tables.get(app.conn);
  if (!t) {
    t = new TtlCache(3_000, async () => {
      const pools = await app.models.Pool.find({}, { rules: 1, isDefault: 1 }).lean();
      const byId = new Map<string, PoolRules>();
      let defaultId: string | undefined;
      for (const p of pools) {
        const id = String(p._id);
        if (p.isDefault && defaultId === undefined) defaultId = id;
        const r = p.rules;
        byId.set(id, {
          poolId: id,
          recycleAfterDaysNoFollowUp: r?.recycleAfterDaysNoFollowUp ?? 0,
          recycleAfterDaysNoDeal: r?.recycleAfterDaysNoDeal ?? 0,
          perGrade: (r?.perGrade ?? []).map((g) => ({
            grade: g.grade,
            ...(g.recycleAfterDaysNoFollowUp != null ? { recycleAfterDaysNoFollowUp: g.recycleAfterDaysNoFollowUp } : {}),
            ...(g.recycleAfterDaysNoDeal != null ? { recycleAfterDaysNoDeal: g.recycleAfterDaysNoDeal } : {}),
          })),
          warnDaysBefore: r?.warnDaysBefore ?? 0,
          previousOwnerCooldownDays: r?.previousOwnerCooldownDays ?? 0,
        });
      }
      return { byId, defaultId };
    });
    tables.set(app.conn, t);
  }
  return t;
}

/**
 * The pool rules that apply to a customer: those of the pool it came from (claimed customers keep
 * `poolId`), else of the default pool; undefined when the organisation has no pool at all.
 */
export async function poolRulesFor(app: App, poolId: string | undefined): Promise<PoolRules | undefined> {
  const table = await poolTable(app).get(Date.now());
  if (poolId) {
    const own = table.byId.get(poolId);
    if (own) return own;
  }
  return table.defaultId ? table.byId.get(table.defaultId) : undefined;
}

/** The default pool's id (where customers go when nothing names a pool). */
export async function defaultPoolId(app: App): Promise<string | undefined> {
  return (await poolTable(app).get(Date.now())).defaultId;
}

/** Forget the cached rules (tests that change a pool and expect the change at once). */
export function forgetPoolRules(app: App): void {
  tables.get(app.conn)?.invalidate();
}
