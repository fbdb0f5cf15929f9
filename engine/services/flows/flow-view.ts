import mongoose, { Types } from 'mongoose';
import { text } from '../../core/common/localized';
import { ApiError } from '../../api/api-error';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import type { ActiveFlowRaw } from '../../data/collections/active-flow.model';
import type { FlowVersionRaw } from '../../data/collections/flow-version.model';
import type { FlowRaw } from '../../data/collections/flow.model';
import type { Stored } from '../../data/mappers';
import { nodeCountOf } from './flow-document';
import type { ActiveRefT, FlowDetailT, FlowSummaryT, FlowVersionDetailT, FlowVersionSummaryT } from './flow.schemas';

/** Stored flows, versions and activations → API views (ids as strings, dates as ISO, editors with names). */

export type App = Pick<AppContext, 'models' | 'conn' | 'now'>;
export type FlowStored = Stored<FlowRaw> & { createdAt: Date; updatedAt: Date };
export type VersionStored = Stored<FlowVersionRaw>;
/** a version read without its document (lists) */
export type VersionHead = Omit<VersionStored, 'document'>;
export type ActiveStored = Stored<ActiveFlowRaw>;

export const VERSIONS_IN_SUMMARY = 20;

export const flowNotFound = () => ApiError.notFound(text('流程不存在', 'Flow not found'));
export const versionNotFound = () => ApiError.notFound(text('流程版本不存在', 'Flow version not found'));
export const flowArchived = () =>
  new ApiError(409, 'FLOW_ARCHIVED', text('该流程已归档，不能再修改、发布或启用；可复制后继续编辑', 'This flow is archived: it can no longer be changed, published or activated; duplicate it to go on'));

/** The user id to record as editor / publisher (API tokens are recorded in the audit log only). */
export const editorId = (p: Principal): Types.ObjectId | undefined =>
  p.kind === 'user' && Types.ObjectId.isValid(p.id) ? new Types.ObjectId(p.id) : undefined;

type Id = { toString(): string } | null | undefined;

/** Names of the users behind the given ids, read once. */
export async function userNames(app: App, ids: readonly Id[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is NonNullable<Id> => id != null).map(String))].filter((id) => Types.ObjectId.isValid(id));
  if (!unique.length) return new Map();
  const users = await app.models.User.find({ _id: mongoose.trusted({ $in: unique.map((id) => new Types.ObjectId(id)) }) }, { name: 1, email: 1 }).lean();
  return new Map(users.map((u) => [String(u._id), u.name || u.email]));
}

const actor = (names: Map<string, string>, id: Id) => (id == null ? null : { id: String(id), name: names.get(String(id)) ?? '' });

export function versionSummary(v: VersionHead, activeVersionIds: ReadonlySet<string>, names: Map<string, string>): FlowVersionSummaryT {
  return {
    id: String(v._id),
    flowId: String(v.flowId),
    version: v.version,
    name: v.name,
    kind: v.kind,
    trigger: v.trigger,
    note: v.note ?? null,
    publishedAt: v.publishedAt.toISOString(),
    publishedBy: actor(names, v.publishedBy),
    active: activeVersionIds.has(String(v._id)),
  };
}

export function versionDetail(v: VersionStored, activeVersionIds: ReadonlySet<string>, names: Map<string, string>): FlowVersionDetailT {
  return { ...versionSummary(v, activeVersionIds, names), nodeCount: nodeCountOf(v.document), document: v.document };
}

export function activeRef(a: ActiveStored, flowName: string, names: Map<string, string>): ActiveRefT {
  return {
    flowId: String(a.flowId),
    flowName,
    versionId: String(a.flowVersionId),
    version: a.version,
    activatedAt: a.activatedAt.toISOString(),
    activatedBy: actor(names, a.activatedBy),
  };
}

export interface SummaryInputs {
  versions: readonly VersionHead[];
  actives: readonly ActiveStored[];
  names: Map<string, string>;
}

export function flowSummary(f: FlowStored, { versions, actives, names }: SummaryInputs): FlowSummaryT {
  const activeIds = new Set(actives.map((a) => String(a.flowVersionId)));
  const mine = versions.filter((v) => String(v.flowId) === String(f._id)).sort((a, b) => b.version - a.version);
  const active = actives.find((a) => String(a.flowId) === String(f._id) && a.trigger === f.trigger) ?? actives.find((a) => String(a.flowId) === String(f._id));
  return {
    id: String(f._id),
    name: f.name,
    description: f.description ?? null,
    kind: f.kind,
    trigger: f.trigger,
    templateId: f.templateId ?? null,
    revision: f.revision ?? 0,
    latestVersion: f.latestVersion,
    nodeCount: nodeCountOf(f.document),
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
    updatedBy: actor(names, f.updatedBy),
    archivedAt: f.archivedAt ? f.archivedAt.toISOString() : null,
    active: active ? activeRef(active, f.name, names) : null,
    versions: mine.slice(0, VERSIONS_IN_SUMMARY).map((v) => versionSummary(v, activeIds, names)),
  };
}

export const flowDetail = (f: FlowStored, inputs: SummaryInputs): FlowDetailT => ({ ...flowSummary(f, inputs), document: f.document });

/** One flow's summary inputs: its newest versions, the activations pointing at it, the editors' names. */
export async function summaryInputsFor(app: App, f: FlowStored): Promise<SummaryInputs> {
  const [versions, actives] = await Promise.all([
    app.models.FlowVersion.find({ flowId: f._id }, { document: 0 }).sort({ version: -1 }).limit(VERSIONS_IN_SUMMARY).lean(),
    app.models.ActiveFlow.find({ flowId: f._id }).lean() as Promise<ActiveStored[]>,
  ]);
  const names = await userNames(app, [f.updatedBy, ...versions.map((v) => v.publishedBy), ...actives.map((a) => a.activatedBy)]);
  return { versions, actives, names };
}

export async function loadFlow(app: App, id: string): Promise<FlowStored> {
  const f = (await app.models.Flow.findById(id).lean()) as FlowStored | null;
  if (!f) throw flowNotFound();
  return f;
}
