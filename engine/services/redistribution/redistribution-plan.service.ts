import { isValidObjectId } from 'mongoose';
import type { AppContext } from '../../api/app-context';
import type { RedistributionPlan, RedistributionSnapshot } from '../../../workflows/redistribution/redistribution.contract';
import { once } from '../lifecycle/activity-ledger';
import { batchId, redistributionBatchModel } from './redistribution-batch.model';

type App = Pick<AppContext, 'conn' | 'models'>;

const time = (v: unknown): number | undefined => {
  if (typeof v !== 'string' && !(v instanceof Date)) return undefined;
  const t = new Date(v).getTime();
  return Number.isFinite(t) ? t : undefined;
};

/** Reads a queued redistribution job (`params` as rep-status.service writes them); null when it is not one. */
export async function describeRedistribution(app: App, jobId: string): Promise<RedistributionPlan | null> {
  if (!isValidObjectId(jobId)) return null;
  const job = await app.models.Job.findById(jobId).lean();
  if (!job || job.kind !== 'redistribution') return null;
  const p = (job.params ?? {}) as Record<string, unknown>;
  const repId = typeof p.repId === 'string' ? p.repId : undefined;
  if (!repId || !isValidObjectId(repId)) return null;
  const mode = p.toStatus === 'onLeave' ? 'onLeave' : 'departed';
  const startAt = time(p.startAt ?? p.leaveFrom);
  const returnAt = mode === 'onLeave' ? time(p.leaveTo) : undefined;
  return { jobId, repId, mode, ...(startAt !== undefined ? { startAt } : {}), ...(returnAt !== undefined ? { returnAt } : {}) };
}

/**
 * Freezes the list of the rep's open customers (one scan, sorted by id) into batches; the job gets its
 * total and turns `running`. Once per job: a retry or a resumed workflow gets the same batches.
 */
export async function snapshotRedistribution(app: App, plan: RedistributionPlan, batchSize: number, at: number): Promise<RedistributionSnapshot> {
  return once(app.conn, `redistribution:${plan.jobId}:snapshot`, async () => {
    const docs = await app.models.Customer.find({ ownerId: plan.repId, status: 'assigned' }, { _id: 1 }).sort({ _id: 1 }).lean();
    const ids = docs.map((d) => String(d._id));
    const Batch = redistributionBatchModel(app.conn);
    const batches = Math.ceil(ids.length / batchSize);
    for (let b = 0; b < batches; b++) {
      await Batch.updateOne(
        { _id: batchId(plan.jobId, b) },
        { $set: { jobId: plan.jobId, batch: b, customerIds: ids.slice(b * batchSize, (b + 1) * batchSize) } },
        { upsert: true },
      );
    }
    await app.models.Job.updateOne({ _id: plan.jobId }, { $set: { status: 'running', total: ids.length, startedAt: new Date(at) } });
    return { total: ids.length, batches, batchSize };
  });
}
