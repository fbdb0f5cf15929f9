import { fileURLToPath } from 'node:url';
import { Worker, type ReplayResult } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { committedHistories } from './fixtures/histories';
import { prebuiltWorkflowBundle } from './fixtures/workflow-bundle';

async function replayAll(workflowBundlePath: string): Promise<ReplayResult[]> {
  const histories = committedHistories();
  const results: ReplayResult[] = [];
  for await (const r of Worker.runReplayHistories({ workflowBundle: { codePath: workflowBundlePath } }, histories)) results.push(r);
  return results;
}

/**
 * Determinism guard: the histories recorded by the workflow tests (committed under
 * test/workflow/histories) replay against the current workflow code without a single mismatch.
 */
describe('replay of committed lifecycle histories', () => {
  it('every committed history replays against the current workflows', async () => {
    const results = await replayAll(await prebuiltWorkflowBundle());
    expect(results.map((r) => r.workflowId)).toEqual(expect.arrayContaining([
      'sla-ladder-no-follow-up', 'sla-ladder-follow-up-at-30h', 'pool-rules-warning-follow-up-recycle', 'pool-recycling-template-after-continue-as-new', 'redistribution-leave-hand-back',
    ]));
    expect(results.filter((r) => r.error).map((r) => `${r.workflowId}: ${String(r.error)}`)).toEqual([]);
  });

  it('a change that breaks determinism is caught', async () => {
    const altered = await prebuiltWorkflowBundle(fileURLToPath(new URL('./fixtures/altered-lifecycle.workflows.ts', import.meta.url)));
    const results = await replayAll(altered);
    const lifecycles = results.filter((r) => !r.workflowId.startsWith('redistribution'));
    expect(lifecycles.length).toBeGreaterThanOrEqual(4);
    for (const r of lifecycles) expect(r.error?.name).toMatch(/DeterminismViolationError/);
    // the unchanged workflow in the same bundle still replays
    expect(results.find((r) => r.workflowId.startsWith('redistribution'))?.error).toBeUndefined();
  });
});
