import { Types } from 'mongoose';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import { actorOf } from '../allocation/assignment-event.writer';
import { intakeFlowFor } from '../allocation/intake.service';
import type { ImportCheckpoint } from './import-checkpoint';
import { importLeaseSettings, JobLease } from './import-lease';
import { planImport, type ImportPlan, type ImportRequest } from './import-plan';
import { IMPORT_ROW_LIMIT, runImport, type ImportRun } from './import-runner';
import { saveImportSource } from './import-source.store';

export { IMPORT_BATCH_SIZE, IMPORT_ROW_LIMIT } from './import-runner';

export interface ImportAccepted {
  jobId: string;
  status: 'running';
  format: ImportPlan['format'];
  encoding: ImportPlan['encoding'];
  ignoredColumns: string[];
}

/** Runs an import in the background; a run that throws ends its job `failed` (unless it no longer holds the job). */
export function runInBackground(run: ImportRun): void {
  setImmediate(() => {
    runImport(run)
      .catch(async (err: Error) => {
        if (run.lease.lost) return;
        console.error(`[imports] job ${run.jobId.toString()} failed:`, err);
        await run.lease.write({ status: 'failed', error: String(err.message).slice(0, 5000), finishedAt: new Date(run.app.now()) }).catch(() => undefined);
      })
      .finally(() => run.lease.stop());
  });
}

/**
 * Accepts an import: checks the file as a whole (planImport), keeps the upload (deflated, in
 * chunks: another process can finish the job if this one dies), records the job under this run's
 * lease with the allocation flow version it will use, and starts the work in the background.
 */
export async function startImport(app: AppContext, p: Principal, req: ImportRequest & { fileName?: string }, requestId: string): Promise<ImportAccepted> {
  const plan = planImport(req);
  const flow = await intakeFlowFor(app, 'customerImported');
  const jobId = new Types.ObjectId();
  const source = await saveImportSource(app.models, jobId, req.body as Buffer);
  const lease = new JobLease(app, jobId, JobLease.newOwner(), importLeaseSettings());
  const checkpoint: ImportCheckpoint = {
    source,
    requestId,
    actorRole: p.role,
    ...(req.encoding ? { encodingOverride: req.encoding } : {}),
    row: 0,
    startedThrough: 0,
    segments: 0,
  };
  await app.models.Job.create({
    _id: jobId,
    kind: 'import',
    status: 'running',
    ...(plan.format === 'json' ? { total: plan.records.length } : {}),
    params: {
      format: plan.format,
      encoding: plan.encoding,
      bytes: source.bytes,
      rowLimit: IMPORT_ROW_LIMIT,
      ignoredColumns: plan.ignored.slice(0, 100),
      ...(req.fileName ? { fileName: req.fileName } : {}),
      ...(flow ? { flowId: flow.flowId, flowVersion: flow.version, flowVersionId: flow.flowVersionId, flowTrigger: flow.trigger } : {}),
    },
    checkpoint,
    leaseOwner: lease.owner,
    leaseUntil: lease.until(),
    attempts: 1,
    createdBy: actorOf(p),
    startedAt: new Date(app.now()),
  });
  runInBackground({ app, principal: p, jobId, plan, flow, requestId, lease: lease.start(), checkpoint });
  return { jobId: jobId.toString(), status: 'running', format: plan.format, encoding: plan.encoding, ignoredColumns: plan.ignored };
}
