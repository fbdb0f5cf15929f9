import { text } from '../../core/common/localized';
import type { AppContext } from '../../api/app-context';
import type { RedistributionCounts } from '../../../workflows/redistribution/redistribution.contract';
import { notify } from '../notifications/inbox/notify.service';

type App = Pick<AppContext, 'models' | 'now' | 'conn' | 'temporal' | 'config'>;

/** The job's progress, as the workflow knows it (absolute numbers: a repeat writes the same). */
export async function recordRedistributionProgress(app: App, jobId: string, p: { processed: number; counts: RedistributionCounts; batch: number; phase: string }): Promise<void> {
  await app.models.Job.updateOne(
    { _id: jobId },
    {
      $set: {
        processed: p.processed,
        'counts.assigned': p.counts.assigned,
        'counts.pooled': p.counts.pooled,
        'counts.unassigned': p.counts.unassigned,
        'counts.failed': p.counts.failed,
        checkpoint: { batch: p.batch, phase: p.phase },
      },
    },
  );
}

/** Closes the job and tells whoever asked for it (inbox, deduplicated per job). */
export async function finishRedistribution(
  app: AppContext,
  jobId: string,
  p: { processed: number; counts: RedistributionCounts; handedBack: number; at: number },
): Promise<void> {
  const job = await app.models.Job.findById(jobId).lean();
  if (!job) return;
  await app.models.Job.updateOne(
    { _id: jobId },
    { $set: { status: p.counts.failed > 0 && p.counts.failed === p.processed && p.processed > 0 ? 'failed' : 'succeeded', finishedAt: new Date(p.at), checkpoint: { phase: 'done', handedBack: p.handedBack } } },
  );
  const by = job.createdBy;
  if (by?.kind === 'user' && by.id) {
    const c = p.counts;
    await notify(app, {
      userIds: [by.id],
      kind: 'redistribution',
      title: text('客户重新分配完成', 'Redistribution finished'),
      body: text(
        `共处理 ${p.processed} 个客户：改派 ${c.assigned}，回收到公海 ${c.pooled}，保留 ${c.unassigned}，失败 ${c.failed}${p.handedBack ? `，交还 ${p.handedBack}` : ''}`,
        `${p.processed} customers: ${c.assigned} reassigned, ${c.pooled} to the pool, ${c.unassigned} kept, ${c.failed} failed${p.handedBack ? `, ${p.handedBack} handed back` : ''}`,
      ),
      link: `/jobs/${jobId}`,
      dedupeKey: `redistribution:${jobId}:finished`,
    });
  }
}
