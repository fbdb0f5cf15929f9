import mongoose, { Types } from 'mongoose';
import { text, type Locale } from '../../core/common/localized';
import { TRIGGER_EVENTS, TRIGGER_EVENT_WORDS } from '../../core/nodes/trigger/trigger-event.schema';
import { ApiError } from '../../api/api-error';
import type { Principal } from '../../api/auth/principal';
import { documentDigest, starterDocument, storableDraft, type DraftDocument } from './flow-document';
import { orgContext, toValidationContext, validateAgainst, validationView } from './flow-validation';
import {
  editorId, flowArchived, flowDetail, flowNotFound, flowSummary, loadFlow, summaryInputsFor, userNames,
  type ActiveStored, type App, type FlowStored, type VersionHead,
} from './flow-view';
import type { FlowCreate, FlowDetailT, FlowListT, FlowSave, FlowSavedT, FlowSummaryT } from './flow.schemas';
import { isFlowKind, isTriggerEvent, TRIGGER_KINDS, triggerKindProblem } from './trigger-kinds';

/** Drafts: list, create, read, autosave (compare-and-set on `revision`), archive, duplicate. */

const MAX_FLOWS_LISTED = 500;

export async function listFlows(app: App, includeArchived: boolean, locale: Locale): Promise<FlowListT> {
  const flows = (await app.models.Flow.find(includeArchived ? {} : { archivedAt: null })
    .sort({ updatedAt: -1 })
    .limit(MAX_FLOWS_LISTED)
    .lean()) as FlowStored[];
  const ids = flows.map((f) => f._id);
  const [versions, actives] = await Promise.all([
    ids.length
      ? app.models.FlowVersion.find({ flowId: mongoose.trusted({ $in: ids }) }, { document: 0 }).sort({ version: -1 }).limit(10_000).lean()
      : Promise.resolve([] as VersionHead[]),
    app.models.ActiveFlow.find({}).lean() as Promise<ActiveStored[]>,
  ]);
  const names = await userNames(app, [...flows.map((f) => f.updatedBy), ...versions.map((v) => v.publishedBy), ...actives.map((a) => a.activatedBy)]);
  const items = flows.map((f) => flowSummary(f, { versions, actives, names }));
  const flowName = new Map(items.map((i) => [i.id, i.name]));
  const missing = actives.filter((a) => !flowName.has(String(a.flowId)));
  if (missing.length) {
    const others = await app.models.Flow.find({ _id: mongoose.trusted({ $in: missing.map((a) => a.flowId) }) }, { name: 1 }).lean();
    for (const o of others) flowName.set(String(o._id), o.name);
  }
  const triggers = TRIGGER_EVENTS.map((trigger) => {
    const a = actives.find((x) => x.trigger === trigger);
    return {
      trigger,
      label: TRIGGER_EVENT_WORDS[trigger][locale],
      labels: TRIGGER_EVENT_WORDS[trigger],
      kinds: [...TRIGGER_KINDS[trigger]],
      active: a
        ? { flowId: String(a.flowId), flowName: flowName.get(String(a.flowId)) ?? '', versionId: String(a.flowVersionId), version: a.version, activatedAt: a.activatedAt.toISOString(), activatedBy: a.activatedBy ? { id: String(a.activatedBy), name: names.get(String(a.activatedBy)) ?? '' } : null }
        : null,
      flowIds: items.filter((i) => i.trigger === trigger && i.archivedAt === null).map((i) => i.id),
    };
  });
  return { items, triggers };
}

export async function getFlow(app: App, id: string): Promise<FlowDetailT> {
  const f = await loadFlow(app, id);
  return flowDetail(f, await summaryInputsFor(app, f));
}

const mismatch = (path: string, zh: string, en: string) => new ApiError(400, 'VALIDATION_FAILED', text(zh, en), [{ path, message: text(zh, en) }]);

/** The draft's own name, kind and trigger follow the flow's; a given document must agree on kind and trigger. */
function identify(doc: DraftDocument, id: string, name: string): DraftDocument {
  return { ...doc, id, name };
}

export async function createFlow(app: App, p: Principal, body: FlowCreate): Promise<FlowDetailT> {
  const problem = triggerKindProblem(body.trigger, body.kind);
  if (problem) throw new ApiError(400, 'VALIDATION_FAILED', problem, [{ path: '/body/kind', message: problem }]);
  const id = new Types.ObjectId();
  let doc = starterDocument(String(id), body.name, body.kind, body.trigger);
  if (body.document !== undefined) {
    const given = storableDraft(body.document);
    if (given.kind !== undefined && given.kind !== body.kind) throw mismatch('/body/document/kind', '文档的流程类型与 kind 不一致', 'The document’s kind differs from `kind`');
    if (given.trigger !== undefined && given.trigger !== body.trigger) throw mismatch('/body/document/trigger', '文档的触发事件与 trigger 不一致', 'The document’s trigger differs from `trigger`');
    doc = identify({ schemaVersion: 1, kind: body.kind, trigger: body.trigger, ...given }, String(id), body.name);
  }
  const editor = editorId(p);
  await app.models.Flow.create({
    _id: id, name: body.name, description: body.description, kind: body.kind, trigger: body.trigger, document: doc, revision: 0, latestVersion: 0,
    createdBy: editor, updatedBy: editor,
  });
  return getFlow(app, String(id));
}

/** Creates a draft from a prepared document (duplicate, template install). */
export async function createDraftFrom(app: App, p: Principal, doc: DraftDocument, opts: { name: string; description?: string; templateId?: string }): Promise<FlowDetailT> {
  const id = new Types.ObjectId();
  const kind = isFlowKind(doc.kind) ? doc.kind : 'allocation';
  const trigger = isTriggerEvent(doc.trigger) ? doc.trigger : 'customerCreated';
  const editor = editorId(p);
  await app.models.Flow.create({
    _id: id, name: opts.name, description: opts.description, kind, trigger, document: identify(doc, String(id), opts.name), templateId: opts.templateId,
    revision: 0, latestVersion: 0, createdBy: editor, updatedBy: editor,
  });
  return getFlow(app, String(id));
}

/** 409: the draft moved on since the editor read it; `current` is the stored revision (also in X-Flow-Revision). */
export class RevisionConflictError extends ApiError {
  constructor(readonly current: number) {
    const t = text(`草稿已被他人修改（当前修订号 ${current}）；请重新读取后再保存`, `The draft was changed meanwhile (current revision ${current}); read it again, then save`);
    super(409, 'REVISION_CONFLICT', t, [{ path: '/body/revision', message: text(`当前修订号为 ${current}`, `The current revision is ${current}`) }]);
  }
}

export interface SaveOutcome {
  saved: FlowSavedT;
  before: ReturnType<typeof documentDigest> & { revision: number };
  after: ReturnType<typeof documentDigest> & { revision: number };
}

/**
 * Autosave: stores the draft only if `revision` is still the stored one (then bumps it); never refuses an
 * invalid draft (the answer carries its validation), only unstorable junk. Kind and trigger follow the document.
 */
export async function saveFlow(app: App, p: Principal, id: string, body: FlowSave, locale: Locale): Promise<SaveOutcome> {
  const current = await loadFlow(app, id);
  if (current.archivedAt) throw flowArchived();
  const given = storableDraft(body.document);
  const name = body.name ?? (typeof given.name === 'string' && given.name.trim() && given.name.length <= 200 ? given.name.trim() : current.name);
  const doc = identify(given, id, name);
  const set: Record<string, unknown> = { document: doc, name };
  if (body.description !== undefined) set.description = body.description;
  if (isFlowKind(doc.kind)) set.kind = doc.kind;
  if (isTriggerEvent(doc.trigger)) set.trigger = doc.trigger;
  const editor = editorId(p);
  const update: Record<string, unknown> = { $set: editor ? { ...set, updatedBy: editor } : set, $inc: { revision: 1 } };
  if (!editor) update.$unset = { updatedBy: 1 };
  const r = await app.models.Flow.updateOne({ _id: current._id, revision: body.revision, archivedAt: null }, update);
  if (r.modifiedCount !== 1) {
    const now = await app.models.Flow.findById(id).lean();
    if (!now) throw flowNotFound();
    if (now.archivedAt) throw flowArchived();
    throw new RevisionConflictError(now.revision ?? 0);
  }
  const stored = await loadFlow(app, id);
  const org = await orgContext(app);
  const validation = validationView(validateAgainst(doc, toValidationContext(org)), org, locale);
  const revision = stored.revision ?? 0;
  return {
    saved: { id, revision, updatedAt: stored.updatedAt.toISOString(), nodeCount: Array.isArray(doc.nodes) ? doc.nodes.length : 0, validation },
    before: { ...documentDigest(current.document), revision: current.revision ?? 0 },
    after: { ...documentDigest(doc), revision },
  };
}

/** Archives a draft; refused while one of its versions is active (activate another version first). */
export async function archiveFlow(app: App, id: string): Promise<{ before: FlowSummaryT; after: FlowSummaryT }> {
  const f = await loadFlow(app, id);
  const before = flowSummary(f, await summaryInputsFor(app, f));
  if (await app.models.ActiveFlow.exists({ flowId: f._id })) {
    throw new ApiError(409, 'FLOW_ACTIVE', text('该流程有版本正在启用中，不能归档；请先为该触发事件启用其他版本', 'A version of this flow is active; activate another version for its trigger before archiving it'));
  }
  if (!f.archivedAt) await app.models.Flow.updateOne({ _id: f._id, archivedAt: null }, { $set: { archivedAt: new Date(app.now()) }, $inc: { revision: 1 } });
  const after = await loadFlow(app, id);
  return { before, after: flowSummary(after, await summaryInputsFor(app, after)) };
}

export async function duplicateFlow(app: App, p: Principal, id: string, name: string | undefined, locale: Locale): Promise<FlowDetailT> {
  const f = await loadFlow(app, id);
  const copyName = name ?? `${f.name}${locale === 'en' ? ' (copy)' : '（副本）'}`.slice(0, 200);
  const doc = structuredClone(f.document) as DraftDocument;
  return createDraftFrom(app, p, doc, { name: copyName, ...(f.description ? { description: f.description } : {}), ...(f.templateId ? { templateId: f.templateId } : {}) });
}
