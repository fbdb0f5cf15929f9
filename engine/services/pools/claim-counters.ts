import mongoose, { type Types } from 'mongoose';
import type { Models } from '../../data/models';
import { isDuplicateKey } from '../reps/write-errors';

/**
 * The guarded counters a claim takes before its compare-and-set on the customer, and gives back when
 * that fails (DESIGN.md "Atomicity without multi-document transactions"): each is one
 * single-document update that only increments while below the limit.
 */

interface DayKey {
  poolId: Types.ObjectId;
  repId: Types.ObjectId;
  /** YYYY-MM-DD in the rep's time zone */
  date: string;
}

/** +1 on the rep's claims from this pool today, only while below `limit`; the new count, or null when at the limit. */
export async function takeDailyClaim(models: Models, key: DayKey, limit: number): Promise<number | null> {
  if (limit <= 0) return null;
  const inc = () =>
    models.ClaimCounter.findOneAndUpdate({ ...key, count: mongoose.trusted({ $lt: limit }) }, { $inc: { count: 1 } }, { returnDocument: 'after' }).lean();
  const first = await inc();
  if (first) return first.count;
  // no row below the limit: none yet, or at the limit. Not "exists → at the limit": a concurrent first claim
  // may have created the row (count 0) since `inc` missed it; the upsert is a no-op on an existing row.
  try {
    await models.ClaimCounter.updateOne(key, { $setOnInsert: { count: 0 } }, { upsert: true });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err; // another claim created the row first
  }
  const second = await inc();
  return second ? second.count : null;
}

export async function giveBackDailyClaim(models: Models, key: DayKey): Promise<void> {
  await models.ClaimCounter.updateOne({ ...key, count: mongoose.trusted({ $gt: 0 }) }, { $inc: { count: -1 } });
}

/** +1 on the rep's open customers, only while the rep is active and below `limit`; the new count, or null. */
export async function takeHeldSlot(models: Models, repId: Types.ObjectId, limit: number): Promise<number | null> {
  if (limit <= 0) return null;
  const rep = await models.Rep.findOneAndUpdate(
    { _id: repId, status: 'active', openCount: mongoose.trusted({ $lt: limit }) },
    { $inc: { openCount: 1 } },
    { returnDocument: 'after' },
  ).lean();
  return rep ? rep.openCount : null;
}

/** −1 on the rep's open customers, never below zero. */
export async function giveBackHeldSlot(models: Models, repId: Types.ObjectId): Promise<void> {
  await models.Rep.updateOne({ _id: repId, openCount: mongoose.trusted({ $gt: 0 }) }, { $inc: { openCount: -1 } });
}
