import { text } from '../../core/common/localized';
import { ApiError } from '../../api/api-error';
import type { Principal } from '../../api/auth/principal';
import { documentDigest } from './flow-document';
import { flowInvalid, orgContext, parseAgainst, toValidationContext } from './flow-validation';
import { editorId, flowArchived, flowNotFound, loadFlow, userNames, versionDetail, versionNotFound, type App, type VersionStored } from './flow-view';
import type { FlowVersionDetailT, Publish } from './flow.schemas';

/**
 * Publishing freezes the draft (or, for a rollback, an older version's document) into the next immutable
 * numbered version. The number is taken by a compare-and-set on the flow's `latestVersion`, so two publishes
 * never both become N (the unique index on flowId + version guards it a second time).
 */
const MAX_ATTEMPTS = 5;

export interface PublishOutcome {
  version: FlowVersionDetailT;
  audit: { versionId: string; version: number; note: string | null; fromVersionId: string | null; hash: string; nodeCount: number };
}

export async function publishFlow(app: App, p: Principal, flowId: string, body: Publish): Promise<PublishOutcome> {
  let flow = await loadFlow(app, flowId);
  if (flow.archivedAt) throw flowArchived();
  let source: unknown = flow.document;
  if (body.fromVersionId) {
    const from = await app.models.FlowVersion.findOne({ _id: body.fromVersionId, flowId: flow._id }).lean();
    if (!from) throw versionNotFound();
    source = from.document;
  }
  const parsed = parseAgainst(structuredClone(source), toValidationContext(await orgContext(app)));
  if (!parsed.ok) throw flowInvalid(parsed.errors);
  const document = { ...parsed.flow, id: String(flow._id) };

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const n = flow.latestVersion + 1;
    const taken = await app.models.Flow.updateOne({ _id: flow._id, latestVersion: flow.latestVersion, archivedAt: null }, { $set: { latestVersion: n } });
    if (taken.modifiedCount === 1) {
      let created;
      try {
        created = await app.models.FlowVersion.create({
          flowId: flow._id, version: n, name: document.name, kind: document.kind, trigger: document.trigger, document,
          note: body.note || undefined, publishedBy: editorId(p), publishedAt: new Date(app.now()),
        });
      } catch (err) {
        // give the number back so the next publish does not leave a gap
        await app.models.Flow.updateOne({ _id: flow._id, latestVersion: n }, { $set: { latestVersion: n - 1 } });
        throw err;
      }
      const stored = created.toObject() as VersionStored;
      const names = await userNames(app, [stored.publishedBy]);
      const digest = documentDigest(document);
      return {
        version: versionDetail(stored, new Set(), names),
        audit: { versionId: String(stored._id), version: n, note: body.note || null, fromVersionId: body.fromVersionId ?? null, hash: digest.hash, nodeCount: digest.nodeCount },
      };
    }
    const again = await app.models.Flow.findById(flowId).lean();
    if (!again) throw flowNotFound();
    if (again.archivedAt) throw flowArchived();
    flow = { ...flow, latestVersion: again.latestVersion };
  }
  throw new ApiError(409, 'PUBLISH_CONFLICT', text('同时有其他发布正在进行，请稍后重试', 'Other publishes of this flow are under way; retry shortly'));
}
