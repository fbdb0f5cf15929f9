import { Schema, type Connection, type Model } from 'mongoose';
import { collectionOptions } from '../../data/schema-options';

/**
 * One dispatcher at a time per task queue, across worker processes: a lease document
 * (`dispatcherLeases`, one per queue, so its compare-and-set scans one row) renewed while held.
 * Another worker takes over when the lease expires.
 */
const leaseSchema = new Schema(
  {
    _id: { type: String, required: true, maxlength: 200 },
    holder: { type: String, required: true, maxlength: 200 },
    expiresAt: { type: Number, required: true },
  },
  collectionOptions('dispatcherLeases'),
);

interface Lease {
  _id: string;
  holder: string;
  expiresAt: number;
}

function leaseModel(conn: Connection): Model<Lease> {
  return (conn.models.DispatcherLease as Model<Lease> | undefined) ?? conn.model<Lease>('DispatcherLease', leaseSchema);
}

/** True while `holder` holds the lease `name` (taken when free or expired, renewed when held). */
export async function holdLease(conn: Connection, name: string, holder: string, ttlMs: number, now = Date.now()): Promise<boolean> {
  const Lease = leaseModel(conn);
  const current = await Lease.findById(name).lean();
  if (!current) {
    try {
      await Lease.create({ _id: name, holder, expiresAt: now + ttlMs });
      return true;
    } catch (err) {
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
  }
  if (current.holder !== holder && current.expiresAt > now) return false;
  const r = await Lease.updateOne({ _id: name, holder: current.holder, expiresAt: current.expiresAt }, { $set: { holder, expiresAt: now + ttlMs } });
  return r.modifiedCount === 1;
}

export async function releaseLease(conn: Connection, name: string, holder: string): Promise<void> {
  await leaseModel(conn).deleteOne({ _id: name, holder });
}
