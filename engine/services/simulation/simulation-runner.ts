import { Worker } from 'node:worker_threads';
import type { SimulationReport } from '../../core/simulation/simulate';
import { runSimulationTask, type ProgressFn, type SimulationTask } from './simulation-task';

/**
 * Where a simulation runs: small ones inline (they take milliseconds), large ones in a worker thread so the
 * API keeps answering while thousands of decisions are simulated. If a worker cannot be started (no tsx at
 * run time), the task runs inline instead: slower to interleave, same result.
 */
const WORKER_URL = new URL('./simulation.worker.mjs', import.meta.url);

type WorkerMessage =
  | { type: 'ready' }
  | { type: 'unavailable'; message: string }
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; reports: SimulationReport[] }
  | { type: 'error'; message: string; code: string | null };

export class SimulationFailedError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'SimulationFailedError';
  }
}

export function runInline(task: SimulationTask, onProgress?: ProgressFn): SimulationReport[] {
  return runSimulationTask(task, onProgress);
}

export function runInWorker(task: SimulationTask, onProgress?: ProgressFn): Promise<SimulationReport[]> {
  return new Promise((resolve, reject) => {
    let started = false;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    let worker: Worker;
    try {
      worker = new Worker(WORKER_URL, { workerData: task });
    } catch {
      settle(() => resolve(runInline(task, onProgress)));
      return;
    }
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'ready') started = true;
      else if (m.type === 'progress') onProgress?.(m.done, m.total);
      else if (m.type === 'unavailable') settle(() => resolve(runInline(task, onProgress)));
      else if (m.type === 'done') settle(() => resolve(m.reports));
      else settle(() => reject(new SimulationFailedError(m.message, m.code)));
      if (m.type !== 'progress' && m.type !== 'ready') void worker.terminate();
    });
    worker.on('error', (err) => {
      // the worker could not load the task: run it here rather than fail the job
      if (!started) settle(() => resolve(runInline(task, onProgress)));
      else settle(() => reject(err));
    });
    worker.on('exit', (code) => {
      if (code !== 0) settle(() => reject(new SimulationFailedError(`simulation worker exited with code ${code}`, null)));
    });
  });
}
