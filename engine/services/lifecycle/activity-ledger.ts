import { createHash } from 'node:crypto';
import { Schema, Types, type Connection, type Model } from 'mongoose';
import { safeKeys } from '../../data/safe-keys.validator';
import { collectionOptions } from '../../data/schema-options';

/**
 * The idempotency ledger of workflow activities (`activityLedger`). One document per side effect,
 * keyed by `_id` = `<workflowId>:<runId>:<activityId>[:<step>]` — `_id` look-ups are the only ones
 * FerretDB on SQLite answers without scanning. A retried activity (worker crash, timeout) finds its
 * entry and returns the stored result instead of acting twice.
 */
const activityLedgerSchema = new Schema(
  {
    _id: { type: String, required: true, maxlength: 400 },
    state: { type: String, enum: ['marked', 'done'], required: true },
    result: { type: Schema.Types.Mixed, validate: safeKeys },
  },
  collectionOptions('activityLedger'),
);

interface LedgerEntry {
  _id: string;
  state: 'marked' | 'done';
  result?: unknown;
}

export function ledgerModel(conn: Connection): Model<LedgerEntry> {
  return (conn.models.ActivityLedger as Model<LedgerEntry> | undefined) ?? conn.model<LedgerEntry>('ActivityLedger', activityLedgerSchema);
}

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

/** The result stored under `key`, if the work was done already. */
export async function ledgerResult<T>(conn: Connection, key: string): Promise<{ done: true; result: T } | { done: false }> {
  const entry = await ledgerModel(conn).findById(key).lean();
  return entry?.state === 'done' ? { done: true, result: entry.result as T } : { done: false };
}

/** Records that the work under `key` is done, with its result (a repeat keeps the first result). */
export async function recordLedgerResult(conn: Connection, key: string, result: unknown): Promise<void> {
  await ledgerModel(conn).updateOne({ _id: key }, { $set: { state: 'done', result: result ?? null } }, { upsert: true });
}

/**
 * Runs `work` once per key: a repeat returns the first result. `work` must itself be safe to repeat
 * when a crash falls between it and the ledger write (compare-and-set writes, dedupe keys, ids from
 * `deterministicObjectId`), which is how every activity here is built.
 */
export async function once<T>(conn: Connection, key: string, work: () => Promise<T>): Promise<T> {
  const seen = await ledgerResult<T>(conn, key);
  if (seen.done) return seen.result;
  const result = await work();
  await recordLedgerResult(conn, key, result);
  return result;
}

/**
 * Claims a one-off step (e.g. one counter decrement): true the first time, false ever after. The mark is
 * written before the step, so a crash in between loses the step rather than doubling it (counters are
 * re-derived by the counter reconciliation).
 */
export async function markOnce(conn: Connection, key: string): Promise<boolean> {
  try {
    await ledgerModel(conn).create({ _id: key, state: 'marked' });
    return true;
  } catch (err) {
    if (isDuplicate(err)) return false;
    throw err;
  }
}

/** An ObjectId derived from a key: the same key always names the same document (insert-once records). */
export function deterministicObjectId(key: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha1').update(key).digest('hex').slice(0, 24));
}

/** Inserts with a deterministic `_id`; a repeat (duplicate key) is a no-op. Returns whether it inserted. */
export async function insertOnce(insert: () => Promise<unknown>): Promise<boolean> {
  try {
    await insert();
    return true;
  } catch (err) {
    if (isDuplicate(err)) return false;
    throw err;
  }
}
