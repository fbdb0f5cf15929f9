import type { SimulationJobViewT, SimulationReportViewT, SimulationSideT } from '../../../engine/services/simulation/simulation.schemas';
import { api } from './http-client';

/** Simulation of a draft (engine/api/routes/simulations.routes.ts): a report at once, or a job to follow. */
export type { SimulationJobViewT, SimulationReportViewT, SimulationSideT };

export interface SimulationOptions {
  compareWithActive: boolean;
  arrival: 'now' | 'createdAt';
  paths: number;
}

type Accepted = { jobId: string; status: string; total: number; statusUrl: string };
type Answer = SimulationReportViewT | Accepted;
const isAccepted = (a: Answer): a is Accepted => typeof (a as Accepted).jobId === 'string';

const POLL_MS = 500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs a simulation to its report, reporting progress (0…1) while a background job runs. */
async function follow(answer: Answer, onProgress: (p: number, total: number) => void, signal?: AbortSignal): Promise<SimulationReportViewT> {
  if (!isAccepted(answer)) return answer;
  for (;;) {
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const job = await api<SimulationJobViewT>('GET', answer.statusUrl, { signal });
    onProgress(job.progress, job.total);
    if (job.status === 'succeeded' && job.report) return job.report;
    if (job.status === 'failed' || job.status === 'cancelled') throw new Error(job.error ?? job.status);
    await sleep(POLL_MS);
  }
}

export const simulationsApi = {
  async current(flowId: string, opts: SimulationOptions, onProgress: (p: number, total: number) => void, signal?: AbortSignal) {
    const a = await api<Answer>('POST', `/api/flows/${encodeURIComponent(flowId)}/simulate`, { body: { source: 'current', ...opts }, signal });
    return follow(a, onProgress, signal);
  },
  async upload(flowId: string, file: File, opts: SimulationOptions, onProgress: (p: number, total: number) => void, signal?: AbortSignal) {
    const isJson = file.name.toLowerCase().endsWith('.json') || file.type.includes('json');
    const a = await api<Answer>('POST', `/api/flows/${encodeURIComponent(flowId)}/simulate/upload`, {
      raw: file,
      contentType: isJson ? 'application/json' : 'text/csv',
      query: { ...opts, format: isJson ? 'json' : 'csv' },
      signal,
    });
    return follow(a, onProgress, signal);
  },
};
