import mongoose, { Types } from 'mongoose';
import { text } from '../../core/common/localized';
import { ApiError } from '../../api/api-error';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import type { CustomerRaw } from '../../data/collections/customer.model';
import type { FollowUpRaw } from '../../data/collections/follow-up.model';
import type { Stored } from '../../data/mappers';
import { assertCanSeeCustomer } from '../access/scope';
import { iso } from '../reps/value-mappers';
import { decodeAtCursor, encodeAtCursor } from './follow-up-cursor';
import type { FollowUpCreate, FollowUpListQueryT, FollowUpViewT } from './follow-up.schemas';
import { recordLifecycleSignal } from './lifecycle-signal.service';

type App = Pick<AppContext, 'models' | 'now'>;
type FollowUpStored = Stored<FollowUpRaw> & { createdAt: Date };
/** a follow-up may be dated this far ahead of the server clock (devices drift) */
const FUTURE_SLACK_MS = 60_000;

function bad(path: string, zh: string, en: string): ApiError {
  const t = text(zh, en);
  return new ApiError(400, 'VALIDATION_FAILED', t, [{ path, message: t }]);
}

export function followUpView(f: FollowUpStored, repName: string | null): FollowUpViewT {
  return {
    id: f._id.toString(),
    customerId: f.customerId.toString(),
    repId: f.repId.toString(),
    repName,
    at: f.at.toISOString(),
    channel: f.channel,
    note: f.note ?? null,
    outcome: f.outcome,
    nextStep: f.nextStep ?? null,
    nextFollowUpAt: iso(f.nextAt),
    createdAt: f.createdAt.toISOString(),
  };
}

/**
 * Logs a follow-up (跟进记录). Only the owner or a collaborator may (their rep is the one who made
 * contact): callers who cannot see the customer get 404, those who can but are neither get 403.
 * Then `lastFollowUpAt` moves forward — never back — with one guarded update, and a
 * `followUpLogged` row goes into the lifecycleSignals outbox for the customer's lifecycle workflow.
 */
export async function logFollowUp(app: App, p: Principal, customerId: string, body: FollowUpCreate): Promise<{ view: FollowUpViewT; movedLastFollowUp: boolean }> {
  const { models } = app;
  const customer = (await models.Customer.findById(customerId).lean()) as Stored<CustomerRaw> | null;
  assertCanSeeCustomer(p, customer);
  const repId = p.repId;
  const involved = repId !== undefined && (customer.ownerId?.toString() === repId || (customer.collaboratorIds ?? []).some((id) => id.toString() === repId));
  if (!repId || !involved) {
    throw new ApiError(403, 'FOLLOW_UP_NOT_ALLOWED', text('只有负责人或协同销售可以记录跟进', 'Only the owner or a collaborator can log a follow-up'));
  }
  const now = app.now();
  const at = body.at ? new Date(body.at) : new Date(now);
  if (at.getTime() > now + FUTURE_SLACK_MS) throw bad('/body/at', '跟进时间不能在将来', 'The follow-up time cannot be in the future');
  const nextAt = body.nextFollowUpAt ? new Date(body.nextFollowUpAt) : undefined;
  if (nextAt && nextAt.getTime() <= at.getTime()) throw bad('/body/nextFollowUpAt', '下次跟进时间必须晚于本次跟进', 'nextFollowUpAt must be after the follow-up time');

  const doc = await models.FollowUp.create({
    customerId: customer._id,
    repId: new Types.ObjectId(repId),
    at,
    channel: body.channel,
    note: body.note,
    outcome: body.outcome,
    nextStep: body.nextStep,
    nextAt,
    createdBy: p.kind === 'user' ? new Types.ObjectId(p.id) : undefined,
  });
  const moved = await models.Customer.updateOne(
    { _id: customer._id, $or: [{ lastFollowUpAt: mongoose.trusted({ $lt: at }) }, { lastFollowUpAt: mongoose.trusted({ $exists: false }) }, { lastFollowUpAt: null }] },
    { $set: { lastFollowUpAt: at } },
  );
  await recordLifecycleSignal(models, {
    customerId: customer._id,
    kind: 'followUpLogged',
    at,
    payload: { followUpId: doc._id.toString(), repId, outcome: body.outcome, at: at.toISOString(), ...(nextAt ? { nextFollowUpAt: nextAt.toISOString() } : {}) },
  });
  const rep = await models.Rep.findById(repId).select({ name: 1 }).lean();
  return { view: followUpView(doc.toObject() as FollowUpStored, rep?.name ?? null), movedLastFollowUp: moved.modifiedCount === 1 };
}

/** Anyone who can see the customer reads its follow-ups, newest first, by (at, _id) cursor. */
export async function listFollowUps(app: App, p: Principal, customerId: string, q: FollowUpListQueryT): Promise<{ items: FollowUpViewT[]; nextCursor: string | null }> {
  const { models } = app;
  const customer = await models.Customer.findById(customerId).select({ ownerId: 1, teamId: 1, collaboratorIds: 1 }).lean();
  assertCanSeeCustomer(p, customer);
  const filter: Record<string, unknown> = { customerId: new Types.ObjectId(customerId) };
  if (q.cursor !== undefined) {
    const c = decodeAtCursor(q.cursor);
    if (!c) throw bad('/query/cursor', '分页游标无效', 'Invalid cursor');
    const at = new Date(c.at);
    filter.$or = [{ at: mongoose.trusted({ $lt: at }) }, { at, _id: mongoose.trusted({ $lt: new Types.ObjectId(c.id) }) }];
  }
  const docs = (await models.FollowUp.find(filter).sort({ at: -1, _id: -1 }).limit(q.limit + 1).lean()) as FollowUpStored[];
  const page = docs.slice(0, q.limit);
  const repIds = [...new Set(page.map((f) => f.repId.toString()))].map((id) => new Types.ObjectId(id));
  const reps = repIds.length ? await models.Rep.find({ _id: mongoose.trusted({ $in: repIds }) }).select({ name: 1 }).lean() : [];
  const names = new Map(reps.map((r) => [r._id.toString(), r.name]));
  const last = page.at(-1);
  return {
    items: page.map((f) => followUpView(f, names.get(f.repId.toString()) ?? null)),
    nextCursor: docs.length > q.limit && last ? encodeAtCursor({ at: last.at.getTime(), id: last._id.toString() }) : null,
  };
}
