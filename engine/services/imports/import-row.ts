import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { text, type LocalizedText } from '../../core/common/localized';
import { CUSTOMER_FIELDS } from '../../core/model/customer.schema';
import { toDetails } from '../../api/http/request-validator';
import { CustomerIntakeSchema, type CUSTOMER_SIZES, type CustomerIntake } from '../customers/customer-input.schema';
import { columnTarget, type ColumnTarget, type ImportField } from './import-headers';

/** A row turned down, with a stable code, the column it concerns and a sentence in each language. */
export interface RowRejection {
  code: string;
  field?: string;
  reason: LocalizedText;
}

export type RowResult = { ok: true; input: CustomerIntake } | ({ ok: false } & RowRejection);

const ajv = new Ajv({ allErrors: false, strict: false, coerceTypes: false, useDefaults: false });
addFormats.default(ajv);
const validateIntake = ajv.compile<CustomerIntake>(CustomerIntakeSchema);

const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);
const label = (field: string) => CUSTOMER_FIELDS[field]?.zh ?? field;

const SIZE_WORDS: Readonly<Record<string, (typeof CUSTOMER_SIZES)[number]>> = {
  微型: 'micro', 小型: 'small', 中型: 'medium', 大型: 'large', 超大型: 'enterprise', 特大型: 'enterprise', 集团: 'enterprise', 集团型: 'enterprise',
};

function reject(code: string, field: string | undefined, zh: string, en: string): RowResult {
  return { ok: false, code, ...(field ? { field } : {}), reason: text(zh, en) };
}

/** "12,000", "¥12000", "1.2万", "3亿元" → a number; undefined when the text is not an amount. */
export function parseAmount(raw: string): number | undefined {
  let s = raw.normalize('NFKC').replace(/[,\s¥$]/g, '').replace(/(元|rmb|cny)$/i, '');
  let factor = 1;
  if (s.endsWith('万')) [s, factor] = [s.slice(0, -1), 10_000];
  else if (s.endsWith('亿')) [s, factor] = [s.slice(0, -1), 100_000_000];
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return undefined;
  return Number(s) * factor;
}

/** "0.3" or "30%" → 0.3. */
function parseShare(raw: string): number | undefined {
  const s = raw.normalize('NFKC').trim();
  if (s.endsWith('%')) {
    const n = parseAmount(s.slice(0, -1));
    return n === undefined ? undefined : n / 100;
  }
  return parseAmount(s);
}

export const splitTags = (raw: string): string[] => [...new Set(raw.split(/[,，;；|、\n]+/).map((t) => t.trim()).filter(Boolean))];

type Converted = { ok: true; value: unknown } | { ok: false; result: RowResult };

/** One cell (or JSON value) as the field's type; strings are trimmed and empty means absent. */
function convert(field: ImportField, value: unknown): Converted {
  if (typeof value !== 'string') {
    if (field === 'tags' && Array.isArray(value)) return { ok: true, value: [...new Set(value.map((v) => (typeof v === 'string' ? v.trim() : v)))] };
    return { ok: true, value };
  }
  const s = value.trim();
  if (s === '') return { ok: true, value: undefined };
  switch (field) {
    case 'estimatedValue': {
      const n = parseAmount(s);
      if (n === undefined) return { ok: false, result: reject('INVALID_NUMBER', field, `${label(field)}「${s}」不是金额`, `${field} "${s}" is not an amount`) };
      return { ok: true, value: n };
    }
    case 'churnRisk': {
      const n = parseShare(s);
      if (n === undefined) return { ok: false, result: reject('INVALID_NUMBER', field, `${label(field)}「${s}」不是 0–1 的数或百分比`, `${field} "${s}" is not a number 0–1 or a percentage`) };
      return { ok: true, value: n };
    }
    case 'size':
      return { ok: true, value: SIZE_WORDS[s] ?? s.toLowerCase() };
    case 'tags':
      return { ok: true, value: splitTags(s) };
    default:
      return { ok: true, value: s };
  }
}

/** The first schema error of a row as a rejection naming the column. */
function schemaRejection(): RowResult {
  const detail = toDetails(validateIntake.errors, '')[0];
  const path = detail?.path ?? '';
  const field = path.split('/').filter(Boolean)[0];
  const name = field ? label(field) : '';
  const msg = detail?.message ?? text('不符合要求', 'Is not valid');
  const missing = validateIntake.errors?.[0]?.keyword === 'required';
  if (missing) return reject('MISSING_FIELD', field, `缺少必填列「${name}」`, `Missing required column "${field}"`);
  return reject('INVALID_FIELD', field, `${name}（${path}）：${msg['zh-CN']}`, `${field} (${path}): ${msg.en}`);
}

/**
 * One imported row: CSV cells with their column targets, or a JSON object whose keys are read like
 * headers (an `attributes` object is taken as the attributes) → a customer the intake accepts, or the
 * reason it is turned down. Validated with the intake schema itself.
 */
export function rowToIntake(entries: readonly (readonly [ColumnTarget, unknown])[]): RowResult {
  const out: Record<string, unknown> = {};
  const attributes: Record<string, unknown> = {};
  let hasAttributes = false;
  for (const [target, raw] of entries) {
    if (target.kind === 'ignored') continue;
    if (target.kind === 'attribute') {
      if (RESERVED.has(target.key)) return reject('INVALID_ATTRIBUTE', `attributes.${target.key}`, `属性名「${target.key}」是保留名称`, `Attribute name "${target.key}" is reserved`);
      const v = typeof raw === 'string' ? raw.trim() : raw;
      if (v === '' || v === undefined || v === null) continue;
      Object.defineProperty(attributes, target.key, { value: v, enumerable: true, writable: true, configurable: true });
      hasAttributes = true;
      continue;
    }
    if (raw === null || raw === undefined) continue;
    const c = convert(target.field, raw);
    if (!c.ok) return c.result;
    if (c.value !== undefined) out[target.field] = c.value;
  }
  if (hasAttributes) out.attributes = attributes;
  if (!validateIntake(out)) return schemaRejection();
  return { ok: true, input: out as CustomerIntake };
}

/** A JSON record's entries, its keys read as headers; `attributes: {…}` gives attribute entries. */
export function jsonEntries(record: Record<string, unknown>): [ColumnTarget, unknown][] {
  const entries: [ColumnTarget, unknown][] = [];
  for (const [key, value] of Object.entries(record)) {
    if (key === 'attributes' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) entries.push([{ kind: 'attribute', key: k }, v]);
      continue;
    }
    entries.push([columnTarget(key), value]);
  }
  return entries;
}
