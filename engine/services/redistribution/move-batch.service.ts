import { Types } from 'mongoose';
import { text, type LocalizedText } from '../../core/common/localized';
import type { AppContext } from '../../api/app-context';
import type { JOB_ROW_OUTCOMES } from '../../data/collections/job-row.model';
import type { RedistributionCounts, RedistributionPlan } from '../../../workflows/redistribution/redistribution.contract';
import { zeroCounts } from '../../../workflows/redistribution/redistribution.contract';
import type { ActiveFlow } from '../allocation/active-flow.cache';
import { faultPoint } from '../allocation/fault-point';
import { atTime } from '../lifecycle/app-clock';
import { insertOnce, once } from '../lifecycle/activity-ledger';
import { moveByFlow } from '../lifecycle/move-by-flow';
import { reclaimToPool } from '../recycling/reclaim.service';
import { batchId, redistributionBatchModel } from './redistribution-batch.model';
import { redistributionFlow } from './redistribution-flow';

type RowOutcome = 'assigned' | 'pooled' | 'unassigned' | 'failed';

const MOVE_LANES = 4;

export const rowKey = (jobId: string, row: number) => `redistribution:${jobId}:row:${row}`;

export interface RowResult {
  outcome: RowOutcome;
  code?: string;
  reason?: LocalizedText;
  ownerId?: string;
}

/** Tells a customer's lifecycle that its owner is away (the lifecycle's clocks wait for the return). */
export interface LeaveSignaller {
  repOnLeave(customerId: string, repId: string, until: number, at: number): Promise<void>;
}

const departedReason = text('负责人离职，客户回收到公海', 'The owner left the company: the customer went back to the pool');
const leaveReason = text('负责人休假，按流程回收到公海', 'The owner is on leave: the flow sent the customer to the pool');

async function moveOne(app: AppContext, plan: RedistributionPlan, flow: ActiveFlow | null, customerId: string, key: string, at: number, signal: LeaveSignaller): Promise<RowResult> {
  const out = flow
    ? await moveByFlow(app, {
        customerId, fromRepId: plan.repId, flow, at, key, cooldownDays: 0,
        event: { outcome: 'redistributed', trigger: 'redistribution', actor: 'redistributeRep' },
      })
    : ({ kind: 'none', why: text('没有启用的分配流程', 'No active allocation flow') } as const);
  if (out.kind === 'assigned') return { outcome: 'assigned', ownerId: out.ownerId, reason: out.why };
  if (out.kind === 'moved') return { outcome: 'unassigned', code: 'NOT_OWNED', reason: out.why };
  if (out.kind === 'none' && plan.mode === 'onLeave') {
    // nobody can take it while the rep is away: it stays, and its lifecycle waits for the return
    if (plan.returnAt !== undefined) await signal.repOnLeave(customerId, plan.repId, plan.returnAt, at);
    return { outcome: 'unassigned', code: 'KEPT_DURING_LEAVE', reason: out.why };
  }
  const reason = out.kind === 'pool' ? (plan.mode === 'departed' ? departedReason : leaveReason) : departedReason;
  const r = await reclaimToPool(app, {
    customerId, expected: { ownerId: plan.repId }, ...(out.kind === 'pool' && out.poolId ? { poolId: out.poolId } : {}), reason, cooldownDays: 0, at,
    key: `${key}:pool`, source: 'redistribution', ignoreProtection: true,
  });
  if (r.outcome === 'reclaimed') return { outcome: 'pooled', code: out.kind === 'pool' ? 'FLOW_POOL' : 'NO_ELIGIBLE_REP', reason };
  return { outcome: 'unassigned', code: 'NOT_OWNED', reason };
}

/**
 * Moves one frozen batch of a rep's customers through the redistribution flow (or to the pool, as the
 * flow says; a departed rep's customers nobody can take go to the default pool). Each row happens once
 * (ledger `redistribution:<jobId>:row:<n>`), so a batch re-run after a crash skips what was done and
 * reports the same counts. Rows go to the job's report (jobRows).
 */
export async function moveBatch(
  app0: AppContext,
  plan: RedistributionPlan,
  batch: number,
  batchSize: number,
  at: number,
  signal: LeaveSignaller,
  onRow: (done: number) => void = () => undefined,
): Promise<{ processed: number; counts: RedistributionCounts }> {
  const app = atTime(app0, at);
  const doc = await redistributionBatchModel(app.conn).findById(batchId(plan.jobId, batch)).lean();
  const ids = doc?.customerIds ?? [];
  const flow = await redistributionFlow(app);
  const counts = zeroCounts();
  let done = 0;
  let next = 0;
  const row = async (i: number) => {
    const customerId = ids[i] as string;
    const n = batch * batchSize + i + 1;
    const key = rowKey(plan.jobId, n);
    let r: RowResult;
    try {
      r = await once(app.conn, key, async () => {
        const moved = await moveOne(app, plan, flow, customerId, key, at, signal);
        faultPoint('redistribution.afterMove');
        return moved;
      });
    } catch (err) {
      r = { outcome: 'failed', code: 'MOVE_FAILED', reason: text(`改派失败：${(err as Error).message}`, `Move failed: ${(err as Error).message}`) };
    }
    counts[r.outcome] += 1;
    onRow(++done);
    const outcome: (typeof JOB_ROW_OUTCOMES)[number] = r.outcome;
    await insertOnce(() =>
      app.models.JobRow.create({
        jobId: new Types.ObjectId(plan.jobId), row: n, outcome, customerId: new Types.ObjectId(customerId),
        ...(r.code ? { code: r.code } : {}), ...(r.reason ? { reason: r.reason } : {}), ...(r.ownerId ? { ownerId: new Types.ObjectId(r.ownerId) } : {}),
      }),
    );
  };
  // a few customers at a time: decisions on the flow still queue one by one (move-by-flow), the rest overlaps
  await Promise.all(
    Array.from({ length: Math.min(MOVE_LANES, ids.length) }, async () => {
      while (next < ids.length) await row(next++);
    }),
  );
  return { processed: ids.length, counts };
}
