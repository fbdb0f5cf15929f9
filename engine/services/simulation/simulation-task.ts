import type { FlowDocument } from '../../core/flow/flow.schema';
import { prepareFlow } from '../../core/interpreter/prepare-flow';
import type { Customer } from '../../core/model/customer.schema';
import type { Rep, RepLoad } from '../../core/model/rep.schema';
import type { PoolRef, TeamRef } from '../../core/nodes/node-definition';
import { simulate, type SimulationReport } from '../../core/simulation/simulate';

/**
 * One simulation run as plain data (structured-cloneable, so it can cross into a worker thread): the flow
 * documents to run side by side and the dataset. Nothing here reads or writes the database.
 */
export interface SimulationSideInput {
  side: 'draft' | 'active';
  doc: FlowDocument;
  version: number;
}

export interface SimulationTask {
  sides: SimulationSideInput[];
  customers: Customer[];
  reps: Rep[];
  teams: TeamRef[];
  pools: PoolRef[];
  loads: RepLoad[];
  now: number;
  clock: 'fixed' | 'createdAt';
  /** keep the path of the first N customers */
  traces: number;
}

export type ProgressFn = (done: number, total: number) => void;

/** Runs each side over the same customers, every side from the same starting loads. */
export function runSimulationTask(task: SimulationTask, onProgress?: ProgressFn): SimulationReport[] {
  const total = task.customers.length * task.sides.length;
  return task.sides.map((s, i) => {
    const prepared = prepareFlow(s.doc, { version: s.version });
    return simulate(prepared, {
      customers: task.customers,
      reps: task.reps,
      teams: task.teams,
      pools: task.pools,
      loads: task.loads,
      now: task.now,
      clock: task.clock,
      decisions: true,
      traces: task.traces,
      progressEvery: 500,
      onProgress: onProgress ? (done) => onProgress(i * task.customers.length + done, total) : undefined,
    });
  });
}
