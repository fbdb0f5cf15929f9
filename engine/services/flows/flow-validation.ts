import type { Connection } from 'mongoose';
import { text, type Locale } from '../../core/common/localized';
import type { FlowError, ValidationContext } from '../../core/flow/flow-error';
import { parseFlow, validateFlow } from '../../core/flow/validate-flow';
import type { FlowDocument } from '../../core/flow/flow.schema';
import { ApiError } from '../../api/api-error';
import type { AppContext } from '../../api/app-context';
import { TtlCache } from '../allocation/ttl-cache';
import { TRIGGER_KIND_MISMATCH, triggerKindProblem } from './trigger-kinds';
import type { FlowErrorViewT, ValidationViewT } from './flow.schemas';

type App = Pick<AppContext, 'models' | 'conn' | 'now'>;

/** The organisation as validation sees it: which teams, reps, pools and custom attribute keys exist. */
export interface OrgContext {
  teamIds: string[];
  repIds: string[];
  poolIds: string[];
  fields: string[];
}

/** Custom attribute keys in use, each once (the attribute list is `{ key, value }`). */
async function attributeKeys(app: App): Promise<string[]> {
  const keys = (await app.models.Customer.distinct('attributes.key')) as unknown[];
  return keys.filter((k): k is string => typeof k === 'string').sort();
}

const caches = new WeakMap<Connection, TtlCache<OrgContext>>();

/** Read at most every 2 s per process: a team created a moment ago is seen on the next save. */
export function orgContext(app: App): Promise<OrgContext> {
  let cache = caches.get(app.conn);
  if (!cache) {
    cache = new TtlCache(2_000, async () => {
      const [teams, reps, pools, fields] = await Promise.all([
        app.models.Team.find({}, { _id: 1 }).lean(),
        app.models.Rep.find({}, { _id: 1 }).lean(),
        app.models.Pool.find({}, { _id: 1 }).lean(),
        attributeKeys(app),
      ]);
      return { teamIds: teams.map((t) => String(t._id)), repIds: reps.map((r) => String(r._id)), poolIds: pools.map((p) => String(p._id)), fields };
    });
    caches.set(app.conn, cache);
  }
  return cache.get(app.now());
}

export const toValidationContext = (org: OrgContext, extraFields: readonly string[] = []): ValidationContext => ({
  teamIds: org.teamIds,
  repIds: org.repIds,
  poolIds: org.poolIds,
  fields: extraFields.length ? [...new Set([...org.fields, ...extraFields])] : org.fields,
});

/** The document's own kind must fit its trigger (TRIGGER_KINDS); a mismatch is one more validation error. */
function kindErrors(doc: unknown): FlowError[] {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return [];
  const d = doc as { trigger?: unknown; kind?: unknown };
  const problem = triggerKindProblem(d.trigger, d.kind);
  return problem ? [{ code: TRIGGER_KIND_MISMATCH, pointer: '/kind', message: problem }] : [];
}

/** Everything wrong with a document, references checked against the organisation. */
export function validateAgainst(doc: unknown, ctx: ValidationContext): FlowError[] {
  return [...validateFlow(doc, ctx).errors, ...kindErrors(doc)];
}

export type ParsedAgainst = { ok: true; flow: FlowDocument } | { ok: false; errors: FlowError[] };

/** parseFlow with the organisation's context plus the trigger/kind rule. */
export function parseAgainst(doc: unknown, ctx: ValidationContext): ParsedAgainst {
  const parsed = parseFlow(doc, ctx);
  if (!parsed.ok) return { ok: false, errors: [...parsed.errors, ...kindErrors(doc)] };
  const extra = kindErrors(parsed.flow);
  return extra.length ? { ok: false, errors: extra } : parsed;
}

export function errorViews(errors: readonly FlowError[], locale: Locale): FlowErrorViewT[] {
  return errors.map((e) => ({
    code: e.code,
    ...(e.nodeId !== undefined ? { nodeId: e.nodeId } : {}),
    pointer: e.pointer,
    message: e.message[locale],
    text: e.message,
  }));
}

export function validationView(errors: readonly FlowError[], org: OrgContext, locale: Locale): ValidationViewT {
  return {
    valid: errors.length === 0,
    errors: errorViews(errors, locale),
    context: { teams: org.teamIds.length, reps: org.repIds.length, pools: org.poolIds.length, fields: org.fields },
  };
}

/** 400 FLOW_INVALID: each detail is one engine error (code, node, pointer into the document, sentence). */
export function flowInvalid(errors: readonly FlowError[], refused: 'publish' | 'simulate' = 'publish'): ApiError {
  const first = errors[0];
  const zh = refused === 'publish' ? '未发布' : '无法模拟';
  const en = refused === 'publish' ? 'was not published' : 'cannot be simulated';
  return new ApiError(
    400,
    'FLOW_INVALID',
    text(
      `流程有 ${errors.length} 处问题，${zh}${first ? `：${first.message['zh-CN']}` : ''}`,
      `The flow has ${errors.length} problem${errors.length === 1 ? '' : 's'} and ${en}${first ? `: ${first.message.en}` : ''}`,
    ),
    errors.map((e) => ({ path: `/document${e.pointer}`, message: e.message, code: e.code, ...(e.nodeId !== undefined ? { nodeId: e.nodeId } : {}) })),
  );
}
