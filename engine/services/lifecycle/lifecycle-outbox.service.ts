import mongoose, { type Types } from 'mongoose';
import type { AppContext } from '../../api/app-context';
import type { LifecycleSignalRaw } from '../../data/collections/lifecycle-signal.model';

type App = Pick<AppContext, 'models'>;

/**
 * The database side of the lifecycle dispatcher: customers whose lifecycle must start
 * (`lifecycle.needsStart`, set by intake, claim and reassign) and the `lifecycleSignals` outbox.
 *
 * Cost on FerretDB/SQLite: only `_id` equality is answered without a scan, so both look-ups below scan
 * their collection (a `limit` stops the scan once enough rows are found). Every write here is by `_id`.
 * The outbox stays small because delivered rows are pruned (`pruneDeliveredSignals`).
 */
export interface PendingStart {
  customerId: string;
  version: number;
  status: string;
  ownerId?: string;
  assignedAt?: number;
}

export async function pendingStarts(app: App, limit: number): Promise<PendingStart[]> {
  const docs = await app.models.Customer.find({ 'lifecycle.needsStart': true }, { version: 1, status: 1, ownerId: 1, assignedAt: 1 }).limit(limit).lean();
  return docs.map((d) => ({
    customerId: String(d._id),
    version: d.version,
    status: d.status,
    ...(d.ownerId ? { ownerId: String(d.ownerId) } : {}),
    ...(d.assignedAt ? { assignedAt: d.assignedAt.getTime() } : {}),
  }));
}

/**
 * Clears `needsStart` after the start (by `_id`: no scan), then re-reads the customer: when another
 * writer changed it in between (its version moved) and it is owned, the flag goes back on so the next
 * round starts or signals its lifecycle again. Writers always set the flag with their change, so no
 * request is lost between the read, the start and the clear.
 */
export async function markStarted(app: App, s: PendingStart): Promise<void> {
  await app.models.Customer.updateOne({ _id: s.customerId }, { $set: { 'lifecycle.needsStart': false } });
  const now = await app.models.Customer.findById(s.customerId, { version: 1, status: 1 }).lean();
  if (now && now.version !== s.version && now.status === 'assigned') {
    await app.models.Customer.updateOne({ _id: s.customerId }, { $set: { 'lifecycle.needsStart': true } });
  }
}

export type PendingSignal = LifecycleSignalRaw & { _id: Types.ObjectId };

/** Undelivered outbox rows, oldest first. */
export async function pendingSignals(app: App, limit: number): Promise<PendingSignal[]> {
  return (await app.models.LifecycleSignal.find({ deliveredAt: mongoose.trusted({ $exists: false }) }).sort({ at: 1 }).limit(limit).lean()) as PendingSignal[];
}

export async function markSignal(app: App, id: Types.ObjectId, delivered: boolean, at: number): Promise<void> {
  await app.models.LifecycleSignal.updateOne({ _id: id }, delivered ? { $set: { deliveredAt: new Date(at) }, $inc: { attempts: 1 } } : { $inc: { attempts: 1 } });
}

/** Deletes rows delivered before `before` (the outbox is a queue, not a log: the audit trail is elsewhere). */
export async function pruneDeliveredSignals(app: App, before: number): Promise<number> {
  const r = await app.models.LifecycleSignal.deleteMany({ deliveredAt: mongoose.trusted({ $lt: new Date(before) }) });
  return r.deletedCount;
}

/** Queued redistribution jobs (a small collection). */
export async function queuedRedistributionJobs(app: App, limit: number): Promise<string[]> {
  const jobs = await app.models.Job.find({ kind: 'redistribution', status: 'queued' }, { _id: 1 }).limit(limit).lean();
  return jobs.map((j) => String(j._id));
}

export async function markJobStarted(app: App, jobId: string): Promise<void> {
  await app.models.Job.updateOne({ _id: jobId, status: 'queued' }, { $set: { status: 'running' } });
}
