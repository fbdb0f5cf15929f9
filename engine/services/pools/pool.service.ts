import mongoose, { type Types } from 'mongoose';
import { text } from '../../core/common/localized';
import { ApiError } from '../../api/api-error';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import type { PoolRaw } from '../../data/collections/pool.model';
import type { Stored } from '../../data/mappers';
import { canSeePool, isAdminLike } from '../access/scope';
import { oid } from '../reps/value-mappers';
import { mapWriteError } from '../reps/write-errors';
import type { PoolCreate, PoolRulesInput, PoolUpdate, PoolViewT } from './pool.schemas';

type App = Pick<AppContext, 'models' | 'now'>;
export type PoolStored = Stored<PoolRaw> & { createdAt: Date; updatedAt: Date };

const NAME_TAKEN = { code: 'POOL_NAME_TAKEN', text: text('已有同名公海', 'A pool with this name exists already'), path: '/body/name' };
export const poolNotFound = () => ApiError.notFound(text('公海不存在或你无权查看', 'Pool not found or not visible to you'));

export function poolView(pool: PoolStored, customerCount: number): PoolViewT {
  const r = pool.rules;
  return {
    id: pool._id.toString(),
    name: pool.name,
    nameEn: pool.nameEn ?? null,
    description: pool.description ?? null,
    isDefault: pool.isDefault,
    rules: {
      recycleAfterDaysNoFollowUp: r.recycleAfterDaysNoFollowUp,
      recycleAfterDaysNoDeal: r.recycleAfterDaysNoDeal,
      perGrade: (r.perGrade ?? []).map((g) => ({
        grade: g.grade,
        recycleAfterDaysNoFollowUp: g.recycleAfterDaysNoFollowUp ?? null,
        recycleAfterDaysNoDeal: g.recycleAfterDaysNoDeal ?? null,
      })),
      warnDaysBefore: r.warnDaysBefore,
      claimsPerRepPerDay: r.claimsPerRepPerDay,
      maxHeldPerRep: r.maxHeldPerRep,
      protectionDays: r.protectionDays,
      previousOwnerCooldownDays: r.previousOwnerCooldownDays,
      visibleTeamIds: (r.visibleTeamIds ?? []).map(String),
    },
    customerCount,
    createdAt: pool.createdAt.toISOString(),
    updatedAt: pool.updatedAt.toISOString(),
  };
}

const countIn = (app: App, poolId: Types.ObjectId) => app.models.Customer.countDocuments({ poolId, status: 'inPool' });

/** A pool the caller may see (404 otherwise: a pool out of reach looks like no pool). */
export async function loadVisiblePool(app: App, p: Principal, poolId: string): Promise<PoolStored> {
  const pool = (await app.models.Pool.findById(poolId).lean()) as PoolStored | null;
  if (!pool || !canSeePool(p, pool.rules)) throw poolNotFound();
  return pool;
}

/** Pools visible to the caller: every pool for admins, else those open to every team or to one of the caller's. */
export async function listPools(app: App, p: Principal): Promise<PoolViewT[]> {
  const pools = (await app.models.Pool.find({}).sort({ isDefault: -1, name: 1 }).limit(500).lean()) as PoolStored[];
  const visible = pools.filter((pool) => canSeePool(p, pool.rules));
  return Promise.all(visible.map(async (pool) => poolView(pool, await countIn(app, pool._id))));
}

export async function getPool(app: App, p: Principal, poolId: string): Promise<PoolViewT> {
  const pool = await loadVisiblePool(app, p, poolId);
  return poolView(pool, await countIn(app, pool._id));
}

async function checkRules(app: App, rules: PoolRulesInput | undefined): Promise<void> {
  if (!rules) return;
  const grades = (rules.perGrade ?? []).map((g) => g.grade);
  const dup = grades.findIndex((g, i) => grades.indexOf(g) !== i);
  if (dup >= 0) {
    const t = text(`等级「${grades[dup]}」有两条规则，每个等级只能有一条`, `Grade "${grades[dup]}" has two rules; keep one per grade`);
    throw new ApiError(400, 'VALIDATION_FAILED', t, [{ path: `/body/rules/perGrade/${dup}/grade`, message: t }]);
  }
  const teamIds = rules.visibleTeamIds ?? [];
  if (teamIds.length === 0) return;
  const found = new Set((await app.models.Team.find({ _id: mongoose.trusted({ $in: teamIds.map(oid) }) }).select({ _id: 1 }).lean()).map((t) => t._id.toString()));
  const missing = teamIds.findIndex((id) => !found.has(id));
  if (missing >= 0) {
    const t = text('团队不存在', 'No such team');
    throw new ApiError(400, 'TEAM_NOT_FOUND', t, [{ path: `/body/rules/visibleTeamIds/${missing}`, message: t }]);
  }
}

const rulesForStore = (rules: PoolRulesInput) => ({
  ...rules,
  ...(rules.visibleTeamIds ? { visibleTeamIds: rules.visibleTeamIds.map(oid) } : {}),
});

/** Only one default pool: making one default clears the flag elsewhere. */
async function clearOtherDefaults(app: App, keep: unknown): Promise<void> {
  await app.models.Pool.updateMany({ _id: mongoose.trusted({ $ne: keep }), isDefault: true }, { $set: { isDefault: false } });
}

export async function createPool(app: App, body: PoolCreate): Promise<PoolViewT> {
  await checkRules(app, body.rules);
  let pool: PoolStored;
  try {
    const doc = await app.models.Pool.create({ ...body, rules: rulesForStore(body.rules ?? {}) });
    pool = doc.toObject() as PoolStored;
  } catch (err) {
    mapWriteError(err, NAME_TAKEN);
  }
  if (pool.isDefault) await clearOtherDefaults(app, pool._id);
  return poolView(pool, 0);
}

export async function updatePool(app: App, poolId: string, body: PoolUpdate): Promise<{ before: PoolViewT; after: PoolViewT }> {
  const before = (await app.models.Pool.findById(poolId).lean()) as PoolStored | null;
  if (!before) throw poolNotFound();
  await checkRules(app, body.rules);
  const $set: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (v === undefined || k === 'rules') continue;
    $set[k] = v;
  }
  for (const [k, v] of Object.entries(rulesForStore(body.rules ?? {}))) {
    if (v !== undefined) $set[`rules.${k}`] = v;
  }
  let after: PoolStored | null;
  try {
    after = (await app.models.Pool.findOneAndUpdate({ _id: before._id }, { $set }, { returnDocument: 'after', runValidators: true }).lean()) as PoolStored | null;
  } catch (err) {
    mapWriteError(err, NAME_TAKEN);
  }
  if (!after) throw poolNotFound();
  if (body.isDefault === true) await clearOtherDefaults(app, after._id);
  const count = await countIn(app, after._id);
  return { before: poolView(before, count), after: poolView(after, count) };
}

/** The pool a released customer goes back to: the one named, else the one it came from, else the default pool. */
export async function releaseTargetPool(app: App, p: Principal, named: string | undefined, cameFrom: unknown): Promise<PoolStored> {
  if (named) {
    const pool = (await app.models.Pool.findById(named).lean()) as PoolStored | null;
    if (!pool || !(isAdminLike(p) || canSeePool(p, pool.rules))) {
      const t = text('公海不存在或你无权查看', 'Pool not found or not visible to you');
      throw new ApiError(400, 'POOL_NOT_FOUND', t, [{ path: '/body/poolId', message: t }]);
    }
    return pool;
  }
  const from = cameFrom ? ((await app.models.Pool.findById(cameFrom).lean()) as PoolStored | null) : null;
  if (from) return from;
  const fallback = (await app.models.Pool.findOne({ isDefault: true }).lean()) as PoolStored | null;
  if (!fallback) {
    throw new ApiError(409, 'NO_POOL', text('没有可退回的公海：请指定 poolId，或先设置默认公海', 'No pool to return to: give poolId, or make a pool the default first'));
  }
  return fallback;
}
