import { Context } from '@temporalio/activity';
import type { AppContext } from '../../api/app-context';
import { handBackBatch } from '../../services/redistribution/hand-back.service';
import { moveBatch, type LeaveSignaller } from '../../services/redistribution/move-batch.service';
import { describeRedistribution, snapshotRedistribution } from '../../services/redistribution/redistribution-plan.service';
import { finishRedistribution, recordRedistributionProgress } from '../../services/redistribution/redistribution-job.service';
import type { RedistributionCounts, RedistributionPlan, RedistributionSnapshot } from '../../../workflows/redistribution/redistribution.contract';

/** Activities of `redistributeRep`: every one safe to repeat (ledger per row, absolute progress writes). */
export function createRedistributionActivities(app: AppContext, signal: LeaveSignaller) {
  return {
    async describeRedistribution(jobId: string): Promise<RedistributionPlan | null> {
      return describeRedistribution(app, jobId);
    },
    async snapshotRedistribution(input: { plan: RedistributionPlan; batchSize: number; at: number }): Promise<RedistributionSnapshot> {
      return snapshotRedistribution(app, input.plan, input.batchSize, input.at);
    },
    async moveRedistributionBatch(input: { plan: RedistributionPlan; batch: number; batchSize: number; at: number }): Promise<{ processed: number; counts: RedistributionCounts }> {
      return moveBatch(app, input.plan, input.batch, input.batchSize, input.at, signal, (done) => Context.current().heartbeat(done));
    },
    async handBackRedistributionBatch(input: { plan: RedistributionPlan; batch: number; batchSize: number; at: number }): Promise<{ handedBack: number }> {
      return handBackBatch(app, input.plan, input.batch, input.batchSize, input.at, (done) => Context.current().heartbeat(done));
    },
    async recordRedistributionProgress(input: { jobId: string; processed: number; counts: RedistributionCounts; batch: number; phase: string }): Promise<void> {
      await recordRedistributionProgress(app, input.jobId, input);
    },
    async finishRedistribution(input: { jobId: string; processed: number; counts: RedistributionCounts; handedBack: number; at: number }): Promise<void> {
      await finishRedistribution(app, input.jobId, input);
    },
  };
}

export type RedistributionActivities = ReturnType<typeof createRedistributionActivities>;
