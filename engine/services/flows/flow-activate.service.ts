import { text } from '../../core/common/localized';
import { ApiError } from '../../api/api-error';
import type { Principal } from '../../api/auth/principal';
import { editorId, flowArchived, type ActiveStored, type App } from './flow-view';
import type { ActivationViewT } from './flow.schemas';
import { triggerKindProblem } from './trigger-kinds';

/**
 * Activation: exactly one active version per trigger, as an upsert on the unique `trigger`. Intake reads the
 * active version per request, so the next decision uses the new version while work already running keeps the
 * version it started with (lifecycles record their flowVersionId).
 */
const isDuplicateKey = (err: unknown) => (err as { code?: number } | null)?.code === 11000;

export async function activateVersion(app: App, p: Principal, versionId: string): Promise<ActivationViewT> {
  const v = await app.models.FlowVersion.findById(versionId, { document: 0 }).lean();
  if (!v) throw ApiError.notFound(text('流程版本不存在', 'Flow version not found'));
  const flow = await app.models.Flow.findById(v.flowId, { archivedAt: 1 }).lean();
  if (!flow || flow.archivedAt) throw flowArchived();
  const problem = triggerKindProblem(v.trigger, v.kind);
  if (problem) throw new ApiError(409, 'TRIGGER_KIND_MISMATCH', problem);

  const current = (await app.models.ActiveFlow.findOne({ trigger: v.trigger }).lean()) as ActiveStored | null;
  if (current && String(current.flowVersionId) !== String(v._id)) {
    const running = await app.models.FlowVersion.findById(current.flowVersionId, { kind: 1 }).lean();
    if (running && running.kind !== v.kind) {
      throw new ApiError(409, 'TRIGGER_KIND_MISMATCH', text(
        `该触发事件当前启用的是${running.kind === 'allocation' ? '分配' : '跟进'}流程，不能换成另一种流程`,
        `The trigger currently runs ${running.kind === 'allocation' ? 'an allocation' : 'a follow-up'} flow; a flow of another kind cannot replace it`,
      ));
    }
  }
  const previous = current ? { flowId: String(current.flowId), versionId: String(current.flowVersionId), version: current.version } : null;
  if (current && String(current.flowVersionId) === String(v._id)) {
    return { trigger: v.trigger, flowId: String(v.flowId), versionId: String(v._id), version: v.version, activatedAt: current.activatedAt.toISOString(), previous, changed: false };
  }
  const at = new Date(app.now());
  const set = { flowId: v.flowId, flowVersionId: v._id, version: v.version, activatedAt: at, ...(editorId(p) ? { activatedBy: editorId(p) } : {}) };
  const update = { $set: set, ...(editorId(p) ? {} : { $unset: { activatedBy: 1 } }) };
  try {
    await app.models.ActiveFlow.updateOne({ trigger: v.trigger }, update, { upsert: true });
  } catch (err) {
    // two first activations of one trigger raced: the row exists now, so update it
    if (!isDuplicateKey(err)) throw err;
    await app.models.ActiveFlow.updateOne({ trigger: v.trigger }, update);
  }
  return { trigger: v.trigger, flowId: String(v.flowId), versionId: String(v._id), version: v.version, activatedAt: at.toISOString(), previous, changed: true };
}
