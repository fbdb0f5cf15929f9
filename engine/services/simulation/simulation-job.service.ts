import { text } from '../../core/common/localized';
import { ApiError } from '../../api/api-error';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import type { SimulationJobViewT, SimulationReportViewT } from './simulation.schemas';

/**
 * Large simulations run as jobs (kind `simulation`): progress in `processed` / `total` (GET /api/jobs/:id or
 * GET /api/simulations/:id), the report in the job's `result` when it succeeds. At most two run at once per
 * API process: a simulation is CPU work, and the machine serves intake at the same time.
 */
type App = Pick<AppContext, 'models' | 'now'>;

export const MAX_RUNNING_SIMULATIONS = 2;
const PROGRESS_EVERY_MS = 500;
const STALE_AFTER_MS = 10 * 60_000;
let running = 0;

export type SimulationWork = (progress: (done: number, total: number) => void) => Promise<SimulationReportViewT>;

const actorOf = (p: Principal) => (p.kind === 'anonymous' ? { kind: 'system' as const, name: 'anonymous' } : { kind: p.kind, id: p.id, name: p.name });

/** Creates the job and starts the work in the background; answers with the job id at once. */
export async function startSimulationJob(app: App, p: Principal, total: number, params: Record<string, unknown>, work: SimulationWork): Promise<string> {
  if (running >= MAX_RUNNING_SIMULATIONS) {
    throw new ApiError(429, 'SIMULATION_BUSY', text('已有模拟在运行，请稍后再试', 'Other simulations are running; retry shortly'));
  }
  const job = await app.models.Job.create({
    kind: 'simulation', status: 'running', total, processed: 0, params, createdBy: actorOf(p), startedAt: new Date(app.now()),
  });
  running += 1;
  let last = 0;
  let pending: Promise<unknown> = Promise.resolve();
  const progress = (done: number) => {
    // throttles writes (a wall-clock interval, not the business clock)
    const now = Date.now();
    if (now - last < PROGRESS_EVERY_MS) return;
    last = now;
    pending = pending.then(() => app.models.Job.updateOne({ _id: job._id, status: 'running' }, { $set: { processed: Math.min(done, total) } })).catch(() => undefined);
  };
  void work(progress)
    .then(async (report) => {
      await pending;
      await app.models.Job.updateOne({ _id: job._id }, { $set: { status: 'succeeded', processed: total, result: report, finishedAt: new Date(app.now()) } });
    })
    .catch(async (err: unknown) => {
      await pending;
      const message = err instanceof ApiError ? err.text.en : err instanceof Error ? err.message : String(err);
      console.error('[simulation] job failed:', err);
      await app.models.Job.updateOne({ _id: job._id }, { $set: { status: 'failed', error: message.slice(0, 5000), finishedAt: new Date(app.now()) } }).catch(() => undefined);
    })
    .finally(() => {
      running -= 1;
    });
  return String(job._id);
}

const notFound = () => ApiError.notFound(text('模拟任务不存在或你无权查看', 'Simulation not found or not visible to you'));

/** Progress, and the report once done; seen by whoever started it and by admins. */
export async function getSimulation(app: App, p: Principal, id: string): Promise<SimulationJobViewT> {
  const job = await app.models.Job.findById(id).lean();
  if (!job || job.kind !== 'simulation') throw notFound();
  const mine = job.createdBy?.id != null && job.createdBy.id === p.id && job.createdBy.kind === p.kind;
  if (!(p.role === 'admin' || mine)) throw notFound();
  const updatedAt = (job as { updatedAt?: Date }).updatedAt;
  // a running job writes progress every half second; one silent for minutes died with its process
  // (compared with the database's own timestamps, so the real clock rather than the injectable one)
  if (job.status === 'running' && updatedAt && Date.now() - updatedAt.getTime() > STALE_AFTER_MS) {
    const t = 'interrupted: the process running this simulation stopped; run it again';
    await app.models.Job.updateOne({ _id: job._id, status: 'running', updatedAt }, { $set: { status: 'failed', error: t, finishedAt: new Date(app.now()) } });
    job.status = 'failed';
    job.error = t;
  }
  const total = job.total ?? 0;
  return {
    id: String(job._id),
    status: job.status,
    total,
    processed: job.processed,
    progress: total > 0 ? Math.min(1, job.processed / total) : job.status === 'succeeded' ? 1 : 0,
    error: job.error ?? null,
    createdAt: (job as { createdAt: Date }).createdAt.toISOString(),
    finishedAt: job.finishedAt ? job.finishedAt.toISOString() : null,
    report: job.status === 'succeeded' && job.result ? (job.result as SimulationReportViewT) : null,
  };
}
