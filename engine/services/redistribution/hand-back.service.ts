import type { AppContext } from '../../api/app-context';
import type { RedistributionPlan } from '../../../workflows/redistribution/redistribution.contract';
import { atTime } from '../lifecycle/app-clock';
import { settleLeaveStatuses } from '../reps/rep-status.service';
import { ledgerResult, once } from '../lifecycle/activity-ledger';
import { moveByFlow } from '../lifecycle/move-by-flow';
import { rowKey, type RowResult } from './move-batch.service';
import { batchId, redistributionBatchModel } from './redistribution-batch.model';
import { redistributionFlow } from './redistribution-flow';

/**
 * When a rep comes back from leave: each customer this job gave to a colleague and that is still with
 * that colleague runs through the redistribution flow again (the colleague excluded); it goes back to
 * the returning rep only when the flow picks that rep — a `sticky` node (previous owner first) says so,
 * a round robin usually does not. Once per row (ledger `…:back:<row>`).
 */
export async function handBackBatch(
  app0: AppContext,
  plan: RedistributionPlan,
  batch: number,
  batchSize: number,
  at: number,
  onRow: (done: number) => void = () => undefined,
): Promise<{ handedBack: number }> {
  const app = atTime(app0, at);
  await settleLeaveStatuses(app); // the leave has ended: the rep is active again (and eligible)
  const rep = await app.models.Rep.findById(plan.repId, { status: 1 }).lean();
  if (!rep || rep.status === 'departed') return { handedBack: 0 };
  const doc = await redistributionBatchModel(app.conn).findById(batchId(plan.jobId, batch)).lean();
  const ids = doc?.customerIds ?? [];
  const flow = await redistributionFlow(app);
  if (!flow) return { handedBack: 0 };
  let handedBack = 0;
  for (let i = 0; i < ids.length; i++) {
    const row = batch * batchSize + i + 1;
    const moved = await ledgerResult<RowResult>(app.conn, rowKey(plan.jobId, row));
    if (!moved.done || moved.result.outcome !== 'assigned' || !moved.result.ownerId) continue;
    const colleague = moved.result.ownerId;
    const key = `redistribution:${plan.jobId}:back:${row}`;
    const back = await once(app.conn, key, async () => {
      const out = await moveByFlow(app, {
        customerId: ids[i] as string, fromRepId: colleague, onlyTo: plan.repId, flow, at, key, cooldownDays: 0,
        event: { outcome: 'redistributed', trigger: 'redistribution', actor: 'redistributeRep' },
      });
      return out.kind === 'assigned';
    });
    if (back) handedBack += 1;
    onRow(i + 1);
  }
  return { handedBack };
}
