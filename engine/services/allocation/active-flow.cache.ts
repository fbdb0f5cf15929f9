import { prepareFlow, type PreparedFlow } from '../../core/interpreter/prepare-flow';
import type { FlowDocument } from '../../core/flow/flow.schema';
import type { AppContext } from '../../api/app-context';
import { freshCache } from '../../data/fresh-cache';

export interface ActiveFlow {
  flowId: string;
  flowVersionId: string;
  version: number;
  trigger: string;
  prepared: PreparedFlow;
}

/** Published versions are immutable, so a prepared version is cached by its id for the life of the process. */
const prepared = new Map<string, PreparedFlow>();

export function preparedVersion(versionId: string, doc: FlowDocument, version: number): PreparedFlow {
  let p = prepared.get(versionId);
  if (!p) {
    p = prepareFlow(doc, { version });
    if (prepared.size > 200) prepared.clear();
    prepared.set(versionId, p);
  }
  return p;
}

type ActivePointer = { flowId: unknown; flowVersionId: unknown } | null;

/**
 * How long (real time) intake may use the active-version pointer it read: an activation through this
 * process is seen at once, through another API process within this time. Other callers read it fresh.
 */
export const ACTIVE_POINTER_TTL_MS = Number(process.env.ALLOT_ACTIVE_FLOW_CACHE_MS ?? 1_000);

async function activePointer(app: AppContext, trigger: string, cached: boolean): Promise<ActivePointer> {
  if (!cached) return app.models.ActiveFlow.findOne({ trigger }).lean();
  const cache = freshCache<ActivePointer>(app.conn, 'activeFlowPointers', ['activeFlows'], ACTIVE_POINTER_TTL_MS);
  return (await cache.getOrLoad(trigger, () => app.models.ActiveFlow.findOne({ trigger }).lean())).value;
}

/** The active version for a trigger (exactly one per trigger), prepared for running; null when none is active. */
export async function activeFlowFor(app: AppContext, trigger: string, opts: { cachedPointer?: boolean } = {}): Promise<ActiveFlow | null> {
  const active = await activePointer(app, trigger, opts.cachedPointer ?? false);
  if (!active) return null;
  const versionId = String(active.flowVersionId);
  const known = prepared.get(versionId);
  // a published version never changes: once prepared, the active pointer is the only read
  if (known) return { flowId: String(active.flowId), flowVersionId: versionId, version: known.version, trigger, prepared: known };
  const version = await app.models.FlowVersion.findById(active.flowVersionId).lean();
  if (!version) return null;
  return {
    flowId: String(active.flowId),
    flowVersionId: String(version._id),
    version: version.version,
    trigger,
    prepared: preparedVersion(String(version._id), version.document as FlowDocument, version.version),
  };
}
