import { isValidObjectId } from 'mongoose';
import type { AppContext } from '../../api/app-context';
import type { FlowRef } from '../../temporal/activities/lifecycle-io';
import { TtlCache } from '../allocation/ttl-cache';

type App = Pick<AppContext, 'conn' | 'models'>;

/** The trigger follow-up flows run on (one ownership = one run of the flow). */
export const FOLLOW_UP_TRIGGER = 'customerAssigned';

/** Published versions are immutable: each is read once per process. */
const versions = new Map<string, FlowRef | null>();
const active = new WeakMap<object, TtlCache<string | null>>();

async function loadVersion(app: App, versionId: string): Promise<FlowRef | null> {
  if (versions.has(versionId)) return versions.get(versionId) ?? null;
  if (!isValidObjectId(versionId)) return null;
  const v = await app.models.FlowVersion.findById(versionId).lean();
  const ref: FlowRef | null = v && v.kind === 'followUp' ? { versionId, flowId: String(v.flowId), version: v.version, document: v.document } : null;
  if (versions.size > 500) versions.clear();
  if (v) versions.set(versionId, ref);
  return ref;
}

function activeVersionId(app: App): TtlCache<string | null> {
  let c = active.get(app.conn);
  if (!c) {
    c = new TtlCache(2_000, async () => {
      const a = await app.models.ActiveFlow.findOne({ trigger: FOLLOW_UP_TRIGGER }, { flowVersionId: 1 }).lean();
      return a ? String(a.flowVersionId) : null;
    });
    active.set(app.conn, c);
  }
  return c;
}

/**
 * The follow-up flow a lifecycle runs: the version it pinned (continue-as-new passes it on), else —
 * when starting — the version active for `customerAssigned` now; null when there is none.
 */
export async function followUpFlowFor(app: App, versionId: string | null | undefined, pickActive: boolean): Promise<FlowRef | null> {
  if (versionId) return loadVersion(app, versionId);
  if (!pickActive) return null;
  const id = await activeVersionId(app).get(Date.now());
  return id ? loadVersion(app, id) : null;
}

/** Forget which version is active (tests that activate a flow and start lifecycles at once). */
export function forgetActiveFollowUpFlow(app: App): void {
  active.get(app.conn)?.invalidate();
}
