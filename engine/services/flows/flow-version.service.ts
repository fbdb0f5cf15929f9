import { text } from '../../core/common/localized';
import { diffFlows } from '../../core/flow/diff-flows';
import { ApiError } from '../../api/api-error';
import { loadFlow, userNames, versionDetail, versionNotFound, versionSummary, type ActiveStored, type App, type FlowStored, type VersionStored } from './flow-view';
import type { DiffViewT, FlowVersionDetailT, FlowVersionSummaryT } from './flow.schemas';

/** Published versions: list, read (immutable), and the diff between any two of them or the draft. */

async function activeVersionIds(app: App): Promise<Set<string>> {
  const actives = (await app.models.ActiveFlow.find({}, { flowVersionId: 1 }).lean()) as Pick<ActiveStored, 'flowVersionId'>[];
  return new Set(actives.map((a) => String(a.flowVersionId)));
}

export async function listVersions(app: App, flowId: string): Promise<FlowVersionSummaryT[]> {
  const flow = await loadFlow(app, flowId);
  const versions = await app.models.FlowVersion.find({ flowId: flow._id }, { document: 0 }).sort({ version: -1 }).limit(1000).lean();
  const [active, names] = await Promise.all([activeVersionIds(app), userNames(app, versions.map((v) => v.publishedBy))]);
  return versions.map((v) => versionSummary(v, active, names));
}

export async function getVersion(app: App, id: string): Promise<FlowVersionDetailT> {
  const v = (await app.models.FlowVersion.findById(id).lean()) as VersionStored | null;
  if (!v) throw versionNotFound();
  const [active, names] = await Promise.all([activeVersionIds(app), userNames(app, [v.publishedBy])]);
  return versionDetail(v, active, names);
}

interface Resolved {
  ref: string;
  versionId: string | null;
  version: number | null;
  flowId: string;
  document: unknown;
}

async function resolve(app: App, flow: FlowStored, ref: string): Promise<Resolved> {
  if (ref === 'draft') return { ref, versionId: null, version: null, flowId: String(flow._id), document: flow.document };
  let versionId = ref;
  if (ref === 'active') {
    const active = await app.models.ActiveFlow.findOne({ trigger: flow.trigger }).lean();
    if (!active) throw ApiError.notFound(text('该触发事件没有启用中的版本', 'No version is active for this flow’s trigger'));
    versionId = String(active.flowVersionId);
  }
  const v = await app.models.FlowVersion.findById(versionId).lean();
  if (!v) throw versionNotFound();
  return { ref, versionId: String(v._id), version: v.version, flowId: String(v.flowId), document: v.document };
}

/** What changed from `from` to `to` (each a version id, `draft` or `active`). */
export async function diffVersions(app: App, flowId: string, from: string, to: string): Promise<DiffViewT> {
  const flow = await loadFlow(app, flowId);
  const [a, b] = await Promise.all([resolve(app, flow, from), resolve(app, flow, to)]);
  const side = ({ document: _d, ...rest }: Resolved) => rest;
  return { from: side(a), to: side(b), diff: diffFlows(a.document, b.document) };
}
