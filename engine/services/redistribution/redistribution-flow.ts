import type { AppContext } from '../../api/app-context';
import { activeFlowFor, type ActiveFlow } from '../allocation/active-flow.cache';

/**
 * The allocation flow a redistribution runs: the one active for `repDeparted` (a flow drawn for reps
 * who leave: it may route to a pool, prefer the previous owner with `sticky`, …), else the intake flow
 * (`customerCreated`); null when neither is active.
 */
export async function redistributionFlow(app: AppContext): Promise<ActiveFlow | null> {
  for (const trigger of ['repDeparted', 'customerCreated']) {
    const flow = await activeFlowFor(app, trigger);
    if (flow && flow.prepared.kind === 'allocation') return flow;
  }
  return null;
}
