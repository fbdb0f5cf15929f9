import { Types } from 'mongoose';
import { text, type LocalizedText } from '../../core/common/localized';
import { ApiError } from '../../api/api-error';
import type { AppContext } from '../../api/app-context';
import type { LIFECYCLE_SIGNAL_KINDS } from '../../data/collections/lifecycle-signal.model';
import { localDate } from '../../data/local-date';
import type { CustomerStored } from './customer-access';

type App = Pick<AppContext, 'models' | 'now'>;
const DAY = 86_400_000;
export const DEFAULT_COOLDOWN_DAYS = 30;

/**
 * How long a previous owner may not take the customer back: the `previousOwnerCooldownDays` of the
 * pool the customer came from, else of the default pool, else 30 days.
 */
export async function cooldownDaysFor(app: App, c: Pick<CustomerStored, 'poolId'>): Promise<number> {
  const pool =
    (c.poolId ? await app.models.Pool.findById(c.poolId, { rules: 1 }).lean() : null) ??
    (await app.models.Pool.findOne({ isDefault: true }, { rules: 1 }).lean());
  return pool?.rules?.previousOwnerCooldownDays ?? DEFAULT_COOLDOWN_DAYS;
}

/**
 * The ownership compare-and-set: the customer moves to `to` only if it still has the version, owner
 * and status it was read with. The new owner leaves the collaborators; the old one gets a
 * previous-owner entry with its cooldown; the lifecycle is asked to (re)start for the new owner.
 * Returns the updated customer, or null when another writer got there first.
 */
export async function swapOwner(
  app: App,
  read: CustomerStored,
  to: { repId: string; teamId: string },
  now: number,
  cooldownDays: number,
): Promise<CustomerStored | null> {
  const newOwner = new Types.ObjectId(to.repId);
  const update: Record<string, unknown> = {
    $set: { ownerId: newOwner, teamId: new Types.ObjectId(to.teamId), status: 'assigned', assignedAt: new Date(now), 'lifecycle.needsStart': true },
    $unset: { poolId: 1 },
    $pull: { collaboratorIds: newOwner },
    $inc: { version: 1 },
  };
  if (read.ownerId) {
    update.$push = { previousOwners: { repId: read.ownerId, cooldownUntil: new Date(now + cooldownDays * DAY), releasedAt: new Date(now) } };
  }
  const filter = { _id: read._id, version: read.version, ownerId: read.ownerId ?? null, status: read.status };
  return (await app.models.Customer.findOneAndUpdate(filter, update, { returnDocument: 'after' }).lean()) as CustomerStored | null;
}

/** Tells the customer's lifecycle workflow what happened (an outbox row the dispatcher delivers as a signal). */
export async function signalLifecycle(
  app: App,
  customerId: Types.ObjectId,
  kind: (typeof LIFECYCLE_SIGNAL_KINDS)[number],
  payload: Record<string, unknown>,
  now: number,
): Promise<void> {
  await app.models.LifecycleSignal.create({ customerId, kind, at: new Date(now), payload });
}

export interface RepForAssignment {
  id: string;
  teamId: string;
  name: string;
  timezone: string;
  capacity: number;
  dailyCap: number;
}

/** The rep a customer is to be given to (400 when there is no such rep). */
export async function loadTargetRep(app: App, repId: string, path: string): Promise<RepForAssignment> {
  const rep = await app.models.Rep.findById(repId).lean();
  if (!rep) {
    const t = text('销售不存在', 'No such rep');
    throw new ApiError(400, 'REP_NOT_FOUND', t, [{ path, message: t }]);
  }
  return { id: rep._id.toString(), teamId: rep.teamId.toString(), name: rep.name, timezone: rep.timezone, capacity: rep.capacity, dailyCap: rep.dailyCap };
}

/** Why a rep could not take one more customer (after a refused guarded slot), as a 409. */
export async function repUnavailable(app: App, repId: string, now: number): Promise<ApiError> {
  const rep = await app.models.Rep.findById(repId).lean();
  let code = 'REP_UNAVAILABLE';
  let why: LocalizedText = text('该销售当前无法接收客户', 'The rep cannot take a customer right now');
  if (rep && rep.status !== 'active') {
    code = 'REP_NOT_ACTIVE';
    why = text(`${rep.name} 不在岗（${rep.status === 'departed' ? '已离职' : '休假中'}）`, `${rep.name} is not active (${rep.status})`);
  } else if (rep && rep.openCount >= rep.capacity) {
    code = 'REP_AT_CAPACITY';
    why = text(`${rep.name} 的在跟客户已达容量上限 ${rep.capacity}`, `${rep.name} has reached the capacity of ${rep.capacity} open customers`);
  } else if (rep && rep.todayDate === localDate(now, rep.timezone) && rep.todayCount >= rep.dailyCap) {
    code = 'REP_DAILY_CAP';
    why = text(`${rep.name} 今日分配数已达上限 ${rep.dailyCap}`, `${rep.name} has reached the daily cap of ${rep.dailyCap} assignments`);
  }
  return new ApiError(409, code, why, [{ path: '/body/repId', message: why }]);
}

export const ownershipConflict = () =>
  new ApiError(409, 'CONFLICT', text('客户刚被他人修改，请刷新后重试', 'The customer was changed meanwhile; reload and retry'));

export function assertOpenForAssignment(c: CustomerStored): void {
  if (c.status === 'won' || c.status === 'lost') {
    throw new ApiError(409, 'CUSTOMER_CLOSED', text('客户已成交或已输单，不能再分配', 'The customer is already won or lost and cannot be assigned'));
  }
}
