import mongoose from 'mongoose';
import type { AppContext } from '../../api/app-context';
import { localDate } from '../../data/local-date';

export interface RepLimits {
  repId: string;
  timezone: string;
  capacity: number;
  dailyCap: number;
  /** the rep's stored todayDate as the caller just read it: when it is already today, the roll-over write is skipped */
  storedDay?: string;
}

/**
 * Takes one slot on the rep: `$inc` open and today's counts only while below capacity and the daily
 * cap (a guarded single-document update, so concurrent decisions cannot overfill a rep). The day
 * rolls over in the rep's time zone. Returns false when the rep is full or no longer active.
 */
export async function takeRepSlot(app: AppContext, rep: RepLimits, now: number): Promise<boolean> {
  const { Rep } = app.models;
  const today = localDate(now, rep.timezone);
  // (a stale storedDay is harmless: the guarded update below then matches nothing, and the caller re-reads and retries)
  if (rep.storedDay !== today) await Rep.updateOne({ _id: rep.repId, todayDate: mongoose.trusted({ $ne: today }) }, { $set: { todayDate: today, todayCount: 0 } });
  const r = await Rep.updateOne(
    {
      _id: rep.repId,
      status: 'active',
      openCount: mongoose.trusted({ $lt: rep.capacity }),
      todayDate: today,
      todayCount: mongoose.trusted({ $lt: rep.dailyCap }),
    },
    { $inc: { openCount: 1, todayCount: 1 } },
  );
  return r.modifiedCount === 1;
}

/** Gives a slot back (never below zero); today's count only if it is still the same day. */
export async function releaseRepSlot(app: AppContext, rep: Pick<RepLimits, 'repId' | 'timezone'>, takenAt: number, opts: { today: boolean }): Promise<void> {
  const { Rep } = app.models;
  await Rep.updateOne({ _id: rep.repId, openCount: mongoose.trusted({ $gt: 0 }) }, { $inc: { openCount: -1 } });
  if (opts.today) {
    const day = localDate(takenAt, rep.timezone);
    await Rep.updateOne({ _id: rep.repId, todayDate: day, todayCount: mongoose.trusted({ $gt: 0 }) }, { $inc: { todayCount: -1 } });
  }
}

/** One less open customer (closed, reclaimed, released or reassigned away). */
export async function decrementOpen(app: AppContext, repId: string): Promise<void> {
  await app.models.Rep.updateOne({ _id: repId, openCount: mongoose.trusted({ $gt: 0 }) }, { $inc: { openCount: -1 } });
}
