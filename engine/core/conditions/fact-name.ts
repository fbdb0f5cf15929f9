import { text, type LocalizedText } from '../common/localized';
import { CONDITION_ERROR, type ConditionErrorCode } from './condition-problem';
import { DERIVED_DAY_FACTS, isDerivedDayFact, type DerivedDateField } from './derived-days';
import { isForbiddenKey } from './forbidden-keys';

/** Where a fact's value comes from, decided once when a condition is compiled. */
export type FactSource =
  | { scope: 'customer'; field: string }
  | { scope: 'derived'; dateField: DerivedDateField }
  | { scope: 'attribute'; key: string }
  | { scope: 'rep'; field: string }
  | { scope: 'load'; field: string };

export type FactNameResult =
  | { ok: true; source: FactSource }
  | { ok: false; code: ConditionErrorCode; message: LocalizedText };

export const MAX_FACT_NAME_LENGTH = 100;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** attribute keys may be any letters (中文 included), digits, `_` and `-` */
const ATTRIBUTE_KEY = /^[\p{L}\p{N}_-]+$/u;
const RESERVED = new Set(['customer', 'rep', 'load']);

const bad = (zh: string, en: string): FactNameResult => ({ ok: false, code: CONDITION_ERROR.badFact, message: text(zh, en) });
const forbidden = (key: string): FactNameResult => ({
  ok: false,
  code: CONDITION_ERROR.forbiddenKey,
  message: text(`“${key}” 是保留名称，不能用作字段名；请选择一个客户或销售字段。`, `“${key}” is a reserved name and cannot be a field; pick a customer or rep field.`),
});

function customerField(field: string): FactNameResult {
  if (isForbiddenKey(field)) return forbidden(field);
  if (isDerivedDayFact(field)) return { ok: true, source: { scope: 'derived', dateField: DERIVED_DAY_FACTS[field] } };
  return { ok: true, source: { scope: 'customer', field } };
}

/**
 * Reads a fact name: a bare customer field (`industry`), `customer.<field>`, `attributes.<key>`,
 * `rep.<field>`, `load.<field>`, or a derived day count (`daysSinceCreated`, …).
 */
export function parseFactName(name: unknown): FactNameResult {
  if (typeof name !== 'string' || name.length === 0) {
    return bad('请选择要判断的字段。', 'Pick the field to test.');
  }
  if (name.length > MAX_FACT_NAME_LENGTH) {
    return bad(`字段名超过 ${MAX_FACT_NAME_LENGTH} 个字符；请选择一个已有字段。`, `The field name is longer than ${MAX_FACT_NAME_LENGTH} characters; pick an existing field.`);
  }
  const dot = name.indexOf('.');
  if (dot < 0) {
    if (isForbiddenKey(name)) return forbidden(name);
    if (RESERVED.has(name)) return bad(`“${name}” 需要指明字段，例如 ${name}.industry。`, `“${name}” needs a field, e.g. ${name}.industry.`);
    if (!IDENT.test(name)) return bad(`字段名“${name}”无效；只能包含字母、数字和下划线。`, `“${name}” is not a valid field name; use letters, digits and underscores.`);
    return customerField(name);
  }
  const prefix = name.slice(0, dot);
  const rest = name.slice(dot + 1);
  if (isForbiddenKey(prefix)) return forbidden(prefix);
  if (isForbiddenKey(rest)) return forbidden(rest);
  if (prefix === 'attributes') {
    if (!ATTRIBUTE_KEY.test(rest)) {
      return bad(`自定义属性名“${rest}”无效；只能包含文字、数字、下划线和连字符。`, `The attribute key “${rest}” is not valid; use letters, digits, underscores and hyphens.`);
    }
    return { ok: true, source: { scope: 'attribute', key: rest } };
  }
  if (prefix !== 'customer' && prefix !== 'rep' && prefix !== 'load') {
    return bad(`字段“${name}”无法识别；请使用 customer.、attributes.、rep. 或 load. 开头的字段。`, `“${name}” is not a known kind of field; use customer., attributes., rep. or load. fields.`);
  }
  if (!IDENT.test(rest)) {
    return bad(`字段“${name}”无效；前缀后只能有一个字段名，嵌套值请用路径（$.a.b）。`, `“${name}” is not valid: after the prefix comes one field name; reach nested values with a path ($.a.b).`);
  }
  if (prefix === 'customer') return customerField(rest);
  return { ok: true, source: { scope: prefix, field: rest } };
}
