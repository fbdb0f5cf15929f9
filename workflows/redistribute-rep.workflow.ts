import { continueAsNew, defineQuery, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { RedistributionActivities } from '../engine/temporal/activities/redistribution.activities';
import {
  REDISTRIBUTION_PROGRESS_QUERY, zeroCounts, type RedistributionCarry, type RedistributionInput, type RedistributionProgress,
} from './redistribution/redistribution.contract';

export const redistributionProgressQuery = defineQuery<RedistributionProgress>(REDISTRIBUTION_PROGRESS_QUERY);

const DEFAULT_BATCH_SIZE = 50;
const DEFAULT_BATCHES_PER_RUN = 4;

/**
 * Redistributes the open customers of a rep who departs or goes on leave (one run chain per job, id
 * `redistribute-<jobId>`): waits for a leave that starts later, freezes the customer list in batches,
 * moves each batch through the active allocation flow (or to the pool, as the flow says), records the
 * progress on the job, and continues as new between batches; a crash resumes at the batch it was in
 * (rows already moved are skipped by their ledger entries). For a leave with an end date it then sleeps
 * until the rep returns and hands back the customers the flow gives back to that rep.
 */
export async function redistributeRep(input: RedistributionInput): Promise<RedistributionProgress> {
  const acts = proxyActivities<RedistributionActivities>({
    startToCloseTimeout: '30 minutes',
    heartbeatTimeout: input.tuning?.heartbeatTimeoutMs ?? 60_000,
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
  });
  const batchesPerRun = input.tuning?.batchesPerRun ?? DEFAULT_BATCHES_PER_RUN;
  let c: RedistributionCarry | undefined = input.carry;
  let phase: RedistributionProgress['phase'] = c?.phase ?? 'starting';
  const progress = (): RedistributionProgress => ({
    jobId: input.jobId,
    repId: c?.plan.repId ?? null,
    mode: c?.plan.mode ?? null,
    phase,
    total: c?.snapshot.total ?? 0,
    processed: c?.processed ?? 0,
    batch: c?.batch ?? 0,
    batches: c?.snapshot.batches ?? 0,
    counts: c?.counts ?? zeroCounts(),
    handedBack: c?.handedBack ?? 0,
    run: c?.runs ?? 1,
  });
  setHandler(redistributionProgressQuery, progress);

  if (!c) {
    const plan = await acts.describeRedistribution(input.jobId);
    if (!plan) {
      phase = 'done';
      return progress();
    }
    if (plan.startAt !== undefined && plan.startAt > Date.now()) {
      phase = 'waitingForLeave';
      await sleep(plan.startAt - Date.now(), { summary: `leave of rep ${plan.repId} starts` });
    }
    const snapshot = await acts.snapshotRedistribution({ plan, batchSize: input.tuning?.batchSize ?? DEFAULT_BATCH_SIZE, at: Date.now() });
    c = { plan, snapshot, phase: 'moving', batch: 0, processed: 0, counts: zeroCounts(), handedBack: 0, runs: 1 };
    phase = 'moving';
  }
  const carry = c;
  const { plan, snapshot } = carry;
  let done = 0;
  const next = async () => {
    if (++done < batchesPerRun) return;
    await continueAsNew<typeof redistributeRep>({ ...input, carry: { ...carry, phase: phase === 'handingBack' ? 'handingBack' : 'moving', runs: carry.runs + 1 } });
  };

  while (phase === 'moving' && carry.batch < snapshot.batches) {
    const r = await acts.moveRedistributionBatch({ plan, batch: carry.batch, batchSize: snapshot.batchSize, at: Date.now() });
    carry.processed += r.processed;
    for (const k of ['assigned', 'pooled', 'unassigned', 'failed'] as const) carry.counts[k] += r.counts[k];
    carry.batch += 1;
    await acts.recordRedistributionProgress({ jobId: plan.jobId, processed: carry.processed, counts: carry.counts, batch: carry.batch, phase });
    if (carry.batch < snapshot.batches) await next();
  }
  if (phase === 'moving' && plan.mode === 'onLeave' && plan.returnAt !== undefined && carry.counts.assigned > 0) {
    // a minute after the leave ends, so the rep counts as back (the leave window includes its last instant)
    const back = plan.returnAt + 60_000;
    if (back > Date.now()) {
      phase = 'waitingForReturn';
      await sleep(back - Date.now(), { summary: `rep ${plan.repId} returns from leave` });
    }
    phase = 'handingBack';
    carry.batch = 0;
  }
  while (phase === 'handingBack' && carry.batch < snapshot.batches) {
    const r = await acts.handBackRedistributionBatch({ plan, batch: carry.batch, batchSize: snapshot.batchSize, at: Date.now() });
    carry.handedBack += r.handedBack;
    carry.batch += 1;
    if (carry.batch < snapshot.batches) await next();
  }
  await acts.finishRedistribution({ jobId: plan.jobId, processed: carry.processed, counts: carry.counts, handedBack: carry.handedBack, at: Date.now() });
  phase = 'done';
  return progress();
}
