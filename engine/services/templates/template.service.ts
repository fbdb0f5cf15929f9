import { Types } from 'mongoose';
import { text, type Locale } from '../../core/common/localized';
import { bindEntityReferences, listEntityReferences, type EntityKind, type ReferenceBindings } from '../../core/flow/bind-references';
import { normalizeOrg } from '../../core/simulation/dataset-input';
import { getTemplate, TEMPLATES, type AllotTemplate } from '../../../templates';
import { ApiError, type ErrorDetail } from '../../api/api-error';
import type { Principal } from '../../api/auth/principal';
import { createDraftFrom } from '../flows/flow-draft.service';
import { orgContext, toValidationContext, validateAgainst, validationView } from '../flows/flow-validation';
import type { App } from '../flows/flow-view';
import { templateDocument, templatePreview } from './template-preview';
import type { InstallBodyT, InstallResultT, PlaceholdersT, TemplateDetailT, TemplateSummaryT } from './template.schemas';

/** The template gallery and installing a template as a new draft, its symbolic ids bound to this organisation. */

const KINDS: readonly EntityKind[] = ['team', 'pool', 'rep'];

function placeholders(t: AllotTemplate): PlaceholdersT & { nodes: Map<string, string[]> } {
  const out = { team: [] as string[], pool: [] as string[], rep: [] as string[], nodes: new Map<string, string[]>() };
  for (const r of listEntityReferences(templateDocument(t))) {
    if (!out[r.kind].includes(r.id)) out[r.kind].push(r.id);
    const key = `${r.kind}:${r.id}`;
    const nodes = out.nodes.get(key) ?? [];
    if (!nodes.includes(r.nodeId)) nodes.push(r.nodeId);
    out.nodes.set(key, nodes);
  }
  return out;
}

function summary(t: AllotTemplate, locale: Locale): TemplateSummaryT {
  const doc = templateDocument(t);
  const { team, pool, rep } = placeholders(t);
  return {
    id: t.meta.id,
    kind: t.meta.kind,
    trigger: doc.trigger,
    label: t.meta.name[locale],
    name: t.meta.name,
    description: t.meta.description,
    tags: [...t.meta.tags],
    highlights: [...t.meta.highlights],
    nodeCount: doc.nodes.length,
    placeholders: { team, pool, rep },
  };
}

const notFound = () => ApiError.notFound(text('模板不存在', 'Template not found'));

export const listTemplates = (locale: Locale): TemplateSummaryT[] => TEMPLATES.map((t) => summary(t, locale));

export function getTemplateDetail(id: string, locale: Locale): TemplateDetailT {
  const t = getTemplate(id);
  if (!t) throw notFound();
  const org = normalizeOrg(t.reps);
  return {
    ...summary(t, locale),
    document: templateDocument(t),
    example: {
      customers: t.customers.length,
      teams: org.teams.map((x) => ({ id: x.id, name: x.name })),
      pools: org.pools.map((x) => ({ id: x.id, name: x.name })),
      reps: org.reps.map((x) => ({ id: x.id, name: x.name, teamId: x.teamId })),
    },
    preview: templatePreview(t, locale),
  };
}

/** Bindings must name placeholders of the template and entities that exist here. */
async function checkBindings(app: App, t: AllotTemplate, given: ReferenceBindings): Promise<void> {
  const ph = placeholders(t);
  const problems: ErrorDetail[] = [];
  for (const kind of KINDS) {
    for (const [placeholder, id] of Object.entries(given[kind] ?? {})) {
      const path = `/body/bindings/${kind}/${placeholder.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (!ph[kind].includes(placeholder)) {
        problems.push({ path, message: text(`模板中没有${kind === 'team' ? '团队' : kind === 'pool' ? '公海' : '销售'}占位符“${placeholder}”`, `The template has no ${kind} placeholder "${placeholder}"`) });
        continue;
      }
      const _id = new Types.ObjectId(id);
      const exists = kind === 'team' ? await app.models.Team.exists({ _id }) : kind === 'pool' ? await app.models.Pool.exists({ _id }) : await app.models.Rep.exists({ _id });
      if (!exists) {
        problems.push({ path, message: text(`${kind === 'team' ? '团队' : kind === 'pool' ? '公海' : '销售'} ${id} 不存在`, `No ${kind} ${id} exists`) });
      }
    }
  }
  const [first] = problems;
  if (first) throw new ApiError(400, 'BINDING_INVALID', text(`绑定有误：${first.message['zh-CN']}`, `Invalid binding: ${first.message.en}`), problems);
}

/** The organisation's default pool (isDefault, else the oldest). */
async function defaultPoolId(app: App): Promise<string | undefined> {
  const pool = (await app.models.Pool.findOne({ isDefault: true }, { _id: 1 }).lean()) ?? (await app.models.Pool.findOne({}, { _id: 1 }).sort({ _id: 1 }).lean());
  return pool ? String(pool._id) : undefined;
}

export interface InstallOutcome {
  result: InstallResultT;
  audit: { templateId: string; flowId: string; bound: number; unbound: number };
}

/**
 * A new draft from the template: pools bound to the organisation's default pool unless bound otherwise, teams
 * and reps as bound (or left symbolic: the answer lists them and validation names them until they are bound).
 */
export async function installTemplate(app: App, p: Principal, id: string, body: InstallBodyT, locale: Locale): Promise<InstallOutcome> {
  const t = getTemplate(id);
  if (!t) throw notFound();
  const given: ReferenceBindings = body.bindings ?? {};
  await checkBindings(app, t, given);
  const ph = placeholders(t);
  const pool = await defaultPoolId(app);
  const bindings: ReferenceBindings = { team: {}, pool: {}, rep: {} };
  const bound: InstallResultT['bound'] = [];
  const unbound: InstallResultT['unbound'] = [];
  for (const kind of KINDS) {
    for (const placeholder of ph[kind]) {
      const explicit = given[kind] && Object.hasOwn(given[kind], placeholder) ? given[kind][placeholder] : undefined;
      const to = explicit ?? (kind === 'pool' ? pool : undefined);
      if (to !== undefined) {
        (bindings[kind] as Record<string, string>)[placeholder] = to;
        bound.push({ kind, placeholder, id: to, defaulted: explicit === undefined });
      } else {
        unbound.push({ kind, placeholder, nodeIds: ph.nodes.get(`${kind}:${placeholder}`) ?? [] });
      }
    }
  }
  const doc = bindEntityReferences(templateDocument(t), bindings);
  const name = body.name ?? t.meta.name[locale];
  const flow = await createDraftFrom(app, p, doc as unknown as Record<string, unknown>, { name, description: t.meta.description[locale], templateId: t.meta.id });
  const org = await orgContext(app);
  const validation = validationView(validateAgainst(flow.document, toValidationContext(org)), org, locale);
  return {
    result: { flow, bound, unbound, validation },
    audit: { templateId: t.meta.id, flowId: flow.id, bound: bound.length, unbound: unbound.length },
  };
}
