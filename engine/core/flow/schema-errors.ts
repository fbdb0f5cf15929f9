import type { ErrorObject } from 'ajv';
import { text, type LocalizedText } from '../common/localized';
import { FLOW_ERROR, flowError, ptr, type FlowError } from './flow-error';

const TYPE_WORDS: Readonly<Record<string, LocalizedText>> = {
  string: text('文字', 'text'),
  number: text('数字', 'a number'),
  integer: text('整数', 'a whole number'),
  boolean: text('是/否', 'true or false'),
  object: text('对象', 'an object'),
  array: text('列表', 'a list'),
  null: text('空值', 'null'),
};

const show = (v: unknown): string => {
  const s = typeof v === 'string' ? `"${v}"` : JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
};

/** "/nodes/3/params/sla/amount" → "sla.amount" (the field as a person reads it) */
function fieldName(pointer: string): string {
  const parts = pointer.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  const i = parts.lastIndexOf('params');
  const tail = (i >= 0 ? parts.slice(i + 1) : parts).filter((p) => !/^\d+$/.test(p));
  return tail.length ? tail.slice(-2).join('.') : parts.slice(-1)[0] ?? '';
}

function words(e: ErrorObject, at: string, allowed: unknown[] | undefined): { code: string; pointer: string; message: LocalizedText } {
  const p = e.params as Record<string, unknown>;
  const f = fieldName(at) || 'document';
  const fz = fieldName(at) || '文档';
  switch (e.keyword) {
    case 'required': {
      const missing = String(p.missingProperty);
      return { code: FLOW_ERROR.fieldRequired, pointer: ptr(at, missing), message: text(`缺少必填项“${missing}”（位置 ${at || '/'}）；请填写。`, `"${missing}" is required at ${at || '/'}; fill it in.`) };
    }
    case 'additionalProperties': {
      const extra = String(p.additionalProperty);
      return { code: FLOW_ERROR.fieldUnknown, pointer: ptr(at, extra), message: text(`不认识的字段“${extra}”；请删除它或检查拼写。`, `Unknown field "${extra}"; remove it or check its spelling.`) };
    }
    case 'type': {
      const t = String(p.type).split(',')[0] ?? '';
      const w = TYPE_WORDS[t] ?? text(t, t);
      return { code: FLOW_ERROR.fieldType, pointer: at, message: text(`“${fz}”应为${w['zh-CN']}。`, `"${f}" must be ${w.en}.`) };
    }
    case 'const':
    case 'enum': {
      const list = allowed ?? (e.keyword === 'const' ? [p.allowedValue] : (p.allowedValues as unknown[] | undefined) ?? []);
      const shown = list.slice(0, 12).map(show).join(', ');
      return { code: FLOW_ERROR.fieldValue, pointer: at, message: text(`“${fz}”的值不在可选范围内；可选：${shown}。`, `"${f}" must be one of: ${shown}.`) };
    }
    case 'discriminator':
      return { code: FLOW_ERROR.fieldValue, pointer: ptr(at, 'type'), message: text('节点类型无法识别；请从节点面板选择。', 'The node type is not known; pick one from the palette.') };
    case 'minLength':
    case 'maxLength': {
      const n = Number(p.limit);
      return e.keyword === 'minLength'
        ? { code: FLOW_ERROR.fieldRange, pointer: at, message: text(`“${fz}”不能为空${n > 1 ? `，至少 ${n} 个字符` : ''}。`, `"${f}" must not be empty${n > 1 ? ` (at least ${n} characters)` : ''}.`) }
        : { code: FLOW_ERROR.fieldRange, pointer: at, message: text(`“${fz}”最多 ${n} 个字符；请缩短。`, `"${f}" allows at most ${n} characters; shorten it.`) };
    }
    case 'minItems':
      return { code: FLOW_ERROR.fieldRange, pointer: at, message: text(`“${fz}”至少需要 ${String(p.limit)} 项；请添加。`, `"${f}" needs at least ${String(p.limit)} item(s); add some.`) };
    case 'maxItems':
      return { code: FLOW_ERROR.fieldRange, pointer: at, message: text(`“${fz}”最多 ${String(p.limit)} 项；请删减。`, `"${f}" allows at most ${String(p.limit)} items; remove some.`) };
    case 'uniqueItems':
      return { code: FLOW_ERROR.fieldRange, pointer: at, message: text(`“${fz}”中有重复项（第 ${String(p.j)} 与第 ${String(p.i)} 项）；请删除重复。`, `"${f}" has duplicate items (#${String(p.j)} and #${String(p.i)}); remove the duplicate.`) };
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum': {
      const cmp = String(p.comparison);
      return { code: FLOW_ERROR.fieldRange, pointer: at, message: text(`“${fz}”必须 ${cmp} ${String(p.limit)}。`, `"${f}" must be ${cmp} ${String(p.limit)}.`) };
    }
    case 'pattern':
    case 'format':
      return {
        code: FLOW_ERROR.fieldFormat,
        pointer: at,
        message: /\/(id|source|target|sourceHandle)$/.test(at)
          ? text(`“${fz}”格式不对：只能用字母、数字和 _ . : -。`, `"${f}" has the wrong format: use letters, digits and _ . : - only.`)
          : text(`“${fz}”格式不对；请按提示填写。`, `"${f}" has the wrong format; follow the hint in the form.`),
      };
    default:
      return { code: FLOW_ERROR.fieldInvalid, pointer: at, message: text(`“${fz}”的值无效；请重新填写。`, `"${f}" is not valid; fill it in again.`) };
  }
}

/**
 * ajv errors → readable FlowErrors under `prefix`. Union failures are folded: the branch errors of an `anyOf`
 * become one sentence at that place (listing the allowed values when the branches are constants). Errors under
 * `skip` pointers (conditions, which checkCondition explains better) are left out.
 */
export function translateAjvErrors(errors: readonly ErrorObject[] | null | undefined, prefix: string, skip: readonly string[] = [], nodeId?: string): FlowError[] {
  if (!errors?.length) return [];
  const under = (p: string, base: string) => p === base || p.startsWith(`${base}/`);
  const unionAt = new Map<string, unknown[]>();
  for (const e of errors) if (e.keyword === 'anyOf' || e.keyword === 'oneOf') unionAt.set(`${e.instancePath}|${e.schemaPath}`, []);
  const isBranch = (e: ErrorObject) => {
    for (const key of unionAt.keys()) {
      const [inst, schema] = key.split('|') as [string, string];
      const base = schema.slice(0, schema.lastIndexOf('/'));
      if (e.schemaPath.startsWith(`${base}/${schema.endsWith('oneOf') ? 'oneOf' : 'anyOf'}/`) && under(e.instancePath, inst)) {
        if (e.keyword === 'const' && e.instancePath === inst) unionAt.get(key)?.push((e.params as { allowedValue: unknown }).allowedValue);
        return true;
      }
    }
    return false;
  };
  const out: FlowError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (skip.some((s) => under(e.instancePath, s))) continue;
    if (e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && isBranch(e)) continue;
    let w;
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') {
      const consts = unionAt.get(`${e.instancePath}|${e.schemaPath}`) ?? [];
      w = consts.length ? words({ ...e, keyword: 'enum' }, prefix + e.instancePath, consts) : words(e, prefix + e.instancePath, undefined);
    } else {
      w = words(e, prefix + e.instancePath, undefined);
    }
    const key = `${w.code}|${w.pointer}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(flowError(w.code, w.pointer, w.message, nodeId));
  }
  return out;
}
