import { text } from '../../core/common/localized';
import { ApiError } from '../../api/api-error';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import type { CustomerRaw } from '../../data/collections/customer.model';
import { localDate } from '../../data/local-date';
import type { Stored } from '../../data/mappers';
import { canManageTeam, isAdminLike } from '../access/scope';
import { isOnLeaveNow } from '../reps/rep-load.service';
import type { RepStored } from '../reps/rep-view';
import { DAY_MS } from '../reps/value-mappers';
import { giveBackDailyClaim, giveBackHeldSlot, takeDailyClaim, takeHeldSlot } from './claim-counters';
import { claimRefusal } from './claim-refusal';
import type { ClaimInput, ClaimResultT } from './pool.schemas';
import { poolNotFound, type PoolStored } from './pool.service';

type App = Pick<AppContext, 'models' | 'now'>;
type CustomerStored = Stored<CustomerRaw>;
const MAX_ATTEMPTS = 3;

export interface ClaimRequest {
  poolId: string;
  customerId: string;
  body: ClaimInput;
  requestId: string;
}

/** Which rep claims: a rep for themselves; a manager for a rep of their teams (default themselves); an admin for a named rep. */
function claimantRepId(p: Principal, body: ClaimInput): string {
  if (p.role === 'rep') {
    if (!p.repId) throw claimRefusal.repRequired();
    if (body.repId && body.repId !== p.repId) throw claimRefusal.forOther();
    return p.repId;
  }
  const repId = body.repId ?? p.repId;
  if (!repId) throw claimRefusal.repRequired();
  return repId;
}

function actorOf(p: Principal) {
  return { kind: p.kind === 'apiToken' ? ('apiToken' as const) : ('user' as const), id: p.id, name: p.name };
}

/**
 * Claims a pool customer for a rep, checking every pool rule and committing without transactions:
 * 1. visibility (the rep's team sees the pool) and the rep on duty;
 * 2. the customer in this pool, and the rep's previous-owner cooldown over — both read at `version`;
 * 3. guarded `$inc` of the rep's claims today (claimCounters, below claimsPerRepPerDay);
 * 4. guarded `$inc` of the rep's open customers (below maxHeldPerRep, rep active);
 * 5. compare-and-set on `{ _id, poolId, status: 'inPool', version }` → owner, assigned, claimedAt,
 *    protectedUntil = now + protectionDays, lifecycle.needsStart, version + 1.
 * If 5 fails, 3 and 4 are given back; when the customer is still in the pool (its version moved for
 * another reason) the claim is tried again, else it is refused with CLAIM_NOT_IN_POOL.
 * Each refusal names its rule (claim-refusal.ts).
 */
export async function claimFromPool(app: App, p: Principal, req: ClaimRequest): Promise<{ result: ClaimResultT; before: unknown; after: unknown }> {
  const { models } = app;
  const pool = (await models.Pool.findById(req.poolId).lean()) as PoolStored | null;
  if (!pool) throw poolNotFound();
  const repId = claimantRepId(p, req.body);
  const rep = (await models.Rep.findById(repId).lean()) as RepStored | null;
  if (!rep || (!isAdminLike(p) && p.repId !== repId && !canManageTeam(p, rep.teamId))) {
    const t = text('销售不存在或不在你的团队', 'No such rep in your teams');
    throw new ApiError(p.role === 'manager' && rep ? 403 : 404, rep ? 'FORBIDDEN' : 'NOT_FOUND', t, [{ path: '/body/repId', message: t }]);
  }
  const rules = pool.rules;
  const visible = (rules.visibleTeamIds ?? []).map(String);
  if (visible.length > 0 && !visible.includes(rep.teamId.toString())) throw claimRefusal.notVisible(pool.name);
  const now = app.now();
  if (rep.status !== 'active' || isOnLeaveNow(rep, now)) throw claimRefusal.repInactive(rep.name);

  const day = { poolId: pool._id, repId: rep._id, date: localDate(now, rep.timezone || 'Asia/Shanghai') };
  for (let attempt = 1; ; attempt++) {
    const customer = (await models.Customer.findById(req.customerId).lean()) as CustomerStored | null;
    if (!customer || customer.status !== 'inPool' || customer.poolId?.toString() !== pool._id.toString()) {
      throw claimRefusal.notInPool(customer?.poolId?.toString() === pool._id.toString());
    }
    const cooldown = (customer.previousOwners ?? [])
      .filter((po) => po.repId.toString() === repId && po.cooldownUntil.getTime() > now)
      .sort((a, b) => b.cooldownUntil.getTime() - a.cooldownUntil.getTime())[0];
    if (cooldown) throw claimRefusal.cooldown(cooldown.cooldownUntil, rules.previousOwnerCooldownDays);

    const claimsToday = await takeDailyClaim(models, day, rules.claimsPerRepPerDay);
    if (claimsToday === null) throw claimRefusal.dailyLimit(rules.claimsPerRepPerDay);
    const held = await takeHeldSlot(models, rep._id, rules.maxHeldPerRep);
    if (held === null) {
      await giveBackDailyClaim(models, day);
      const fresh = await models.Rep.findById(rep._id).select({ status: 1, openCount: 1 }).lean();
      if (!fresh || fresh.status !== 'active') throw claimRefusal.repInactive(rep.name);
      throw claimRefusal.maxHeld(fresh.openCount, rules.maxHeldPerRep);
    }

    const claimedAt = new Date(now);
    const protectedUntil = new Date(now + rules.protectionDays * DAY_MS);
    const cas = await models.Customer.updateOne(
      { _id: customer._id, poolId: pool._id, status: 'inPool', version: customer.version },
      {
        $set: {
          status: 'assigned',
          ownerId: rep._id,
          teamId: rep.teamId,
          assignedAt: claimedAt,
          claimedAt,
          protectedUntil,
          collaboratorIds: [],
          'lifecycle.needsStart': true,
        },
        $inc: { version: 1 },
      },
    );
    if (cas.modifiedCount !== 1) {
      await Promise.all([giveBackDailyClaim(models, day), giveBackHeldSlot(models, rep._id)]);
      if (attempt < MAX_ATTEMPTS) continue;
      throw claimRefusal.notInPool(true);
    }

    const onBehalf = p.repId !== repId;
    const why = onBehalf
      ? text(`${p.name} 代 ${rep.name} 从公海「${pool.name}」领取`, `${p.name} claimed it for ${rep.nameEn ?? rep.name} from pool "${pool.nameEn ?? pool.name}"`)
      : text(`${rep.name} 从公海「${pool.name}」领取`, `${rep.nameEn ?? rep.name} claimed it from pool "${pool.nameEn ?? pool.name}"`);
    await models.AssignmentEvent.create({
      customerId: customer._id,
      trigger: 'claim',
      outcome: 'claimed',
      ownerId: rep._id,
      poolId: pool._id,
      path: [],
      trace: {
        rules: {
          visibleTeamIds: visible,
          claimsToday: { count: claimsToday, limit: rules.claimsPerRepPerDay, date: day.date },
          held: { count: held, limit: rules.maxHeldPerRep },
          previousOwnerCooldownDays: rules.previousOwnerCooldownDays,
          protectionDays: rules.protectionDays,
        },
      },
      why,
      actor: actorOf(p),
      requestId: req.requestId,
      at: claimedAt,
    });
    if (onBehalf && rep.userId) {
      await models.Notification.create({
        userId: rep.userId,
        kind: 'claimed',
        title: text('为你领取了一个公海客户', 'A pool customer was claimed for you'),
        body: text(`${p.name} 为你领取了「${customer.name}」`, `${p.name} claimed "${customer.name}" for you`),
        customerId: customer._id,
        link: `/customers/${customer._id.toString()}`,
        dedupeKey: `claimed:${customer._id.toString()}:${customer.version + 1}`,
      });
    }
    const result: ClaimResultT = {
      customer: {
        id: customer._id.toString(),
        name: customer.name,
        status: 'assigned',
        ownerId: rep._id.toString(),
        poolId: pool._id.toString(),
        phone: customer.phone ?? null,
        email: customer.email ?? null,
        claimedAt: claimedAt.toISOString(),
        protectedUntil: protectedUntil.toISOString(),
        version: customer.version + 1,
      },
      claimsToday: { count: claimsToday, limit: rules.claimsPerRepPerDay, date: day.date },
      held: { count: held, limit: rules.maxHeldPerRep },
    };
    return {
      result,
      before: { status: 'inPool', poolId: pool._id.toString(), ownerId: null, version: customer.version },
      after: { status: 'assigned', poolId: pool._id.toString(), ownerId: rep._id.toString(), version: customer.version + 1, protectedUntil: result.customer.protectedUntil },
    };
  }
}

