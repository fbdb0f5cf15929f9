import { isKnownFact, parseFactName } from '../conditions';
import { text } from '../common/localized';
import type { Reference } from '../nodes/node-definition';
import { FLOW_ERROR, flowError, type FlowError, type ValidationContext } from './flow-error';

/** Whether a field reference names something that exists: a catalogued fact, or a custom attribute the context lists. */
/** The context's lists as sets (built once per validation). */
export interface ContextSets {
  fields?: ReadonlySet<string>;
  teamIds?: ReadonlySet<string>;
  repIds?: ReadonlySet<string>;
  poolIds?: ReadonlySet<string>;
}

export function contextSets(ctx: ValidationContext | undefined): ContextSets | undefined {
  if (!ctx) return undefined;
  const set = (l: unknown) => (Array.isArray(l) ? new Set(l.filter((x): x is string => typeof x === 'string')) : undefined);
  const out: ContextSets = {};
  const fields = set(ctx.fields);
  const teamIds = set(ctx.teamIds);
  const repIds = set(ctx.repIds);
  const poolIds = set(ctx.poolIds);
  if (fields) out.fields = fields;
  if (teamIds) out.teamIds = teamIds;
  if (repIds) out.repIds = repIds;
  if (poolIds) out.poolIds = poolIds;
  return out;
}

function fieldExists(name: string, ctx: ContextSets | undefined): boolean {
  const parsed = parseFactName(name);
  if (!parsed.ok) return false;
  if (parsed.source.scope === 'attribute') {
    if (!ctx?.fields) return true;
    const key = parsed.source.key;
    return ctx.fields.has(key) || ctx.fields.has(`attributes.${key}`);
  }
  return isKnownFact(name);
}

/**
 * Every field, team, rep and pool a node refers to must exist. Fields are checked against the fact catalog always
 * and custom attributes against `ctx.fields` when given; teams, reps and pools only when the context lists them.
 * `taken` holds pointers already reported (e.g. a malformed fact name) so one mistake gives one error.
 */
export function checkReferences(refs: readonly Reference[], base: string, nodeId: string, ctx: ContextSets | undefined, taken: ReadonlySet<string>): FlowError[] {
  const errors: FlowError[] = [];
  for (const r of refs) {
    const pointer = base + r.pointer;
    if (taken.has(pointer)) continue;
    switch (r.kind) {
      case 'field':
        if (!fieldExists(r.name, ctx)) {
          errors.push(flowError(FLOW_ERROR.unknownField, pointer, text(
            `字段“${r.name}”不存在；请从字段列表中选择（自定义属性写作 attributes.名称）。`,
            `Field "${r.name}" does not exist; pick one from the field list (custom attributes are written attributes.<name>).`,
          ), nodeId));
        }
        break;
      case 'team':
        if (ctx?.teamIds && !ctx.teamIds.has(r.id)) {
          errors.push(flowError(FLOW_ERROR.unknownTeam, pointer, text(`团队“${r.id}”不存在；请选择现有团队。`, `Team "${r.id}" does not exist; pick an existing team.`), nodeId));
        }
        break;
      case 'rep':
        if (ctx?.repIds && !ctx.repIds.has(r.id)) {
          errors.push(flowError(FLOW_ERROR.unknownRep, pointer, text(`销售“${r.id}”不存在；请选择现有销售。`, `Rep "${r.id}" does not exist; pick an existing rep.`), nodeId));
        }
        break;
      case 'pool':
        if (ctx?.poolIds && !ctx.poolIds.has(r.id)) {
          errors.push(flowError(FLOW_ERROR.unknownPool, pointer, text(`公海“${r.id}”不存在；请选择现有公海。`, `Pool "${r.id}" does not exist; pick an existing pool.`), nodeId));
        }
        break;
    }
  }
  return errors;
}
