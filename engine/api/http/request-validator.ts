import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { TSchema } from '@sinclair/typebox';
import { text, type LocalizedText } from '../../core/common/localized';
import { ApiError, type ErrorDetail } from '../api-error';

/** Bodies are validated strictly (no coercion, unknown fields refused by the schemas); query and path strings are coerced. */
const bodyAjv = new Ajv({ allErrors: true, strict: false, useDefaults: true, coerceTypes: false });
const queryAjv = new Ajv({ allErrors: true, strict: false, useDefaults: true, coerceTypes: 'array' });
addFormats.default(bodyAjv);
addFormats.default(queryAjv);

const cache = new WeakMap<TSchema, { body?: ValidateFunction; query?: ValidateFunction }>();

function compiled(schema: TSchema, mode: 'body' | 'query'): ValidateFunction {
  let entry = cache.get(schema);
  if (!entry) cache.set(schema, (entry = {}));
  return (entry[mode] ??= (mode === 'body' ? bodyAjv : queryAjv).compile(schema));
}

function describe(e: ErrorObject): LocalizedText {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return text(`缺少必填字段「${p.missingProperty}」`, `Missing required field "${p.missingProperty}"`);
    case 'additionalProperties':
      return text(`不认识的字段「${p.additionalProperty}」，请删除`, `Unknown field "${p.additionalProperty}"; remove it`);
    case 'type':
      return text(`类型应为 ${p.type}`, `Must be of type ${p.type}`);
    case 'enum':
      return text(`只能是：${(p.allowedValues as unknown[]).join('、')}`, `Must be one of: ${(p.allowedValues as unknown[]).join(', ')}`);
    case 'const':
      return text(`只能是 ${JSON.stringify(p.allowedValue)}`, `Must be ${JSON.stringify(p.allowedValue)}`);
    case 'maxLength':
      return text(`最长 ${p.limit} 个字符`, `At most ${p.limit} characters`);
    case 'minLength':
      return text(`至少 ${p.limit} 个字符`, `At least ${p.limit} characters`);
    case 'maximum':
    case 'exclusiveMaximum':
      return text(`不能大于 ${p.limit}`, `Must be at most ${p.limit}`);
    case 'minimum':
    case 'exclusiveMinimum':
      return text(`不能小于 ${p.limit}`, `Must be at least ${p.limit}`);
    case 'maxItems':
      return text(`最多 ${p.limit} 项`, `At most ${p.limit} items`);
    case 'minItems':
      return text(`至少 ${p.limit} 项`, `At least ${p.limit} items`);
    case 'pattern':
      return text('格式不正确', 'Has the wrong format');
    case 'format':
      return text(`格式应为 ${p.format}`, `Must be a valid ${p.format}`);
    default:
      return text(`不符合要求（${e.keyword}）`, `Is not valid (${e.keyword})`);
  }
}

export function toDetails(errors: ErrorObject[] | null | undefined, prefix: string): ErrorDetail[] {
  const seen = new Set<string>();
  const out: ErrorDetail[] = [];
  for (const e of errors ?? []) {
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'if') continue;
    const extra = e.keyword === 'required' ? `/${(e.params as { missingProperty: string }).missingProperty}` : '';
    const path = `${prefix}${e.instancePath}${extra}`;
    const key = `${path}|${e.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, message: describe(e) });
    if (out.length >= 20) break;
  }
  return out;
}

/** Validates (and, for query/params, coerces) a value; throws a 400 ApiError naming each field. */
export function validateOrThrow<T>(schema: TSchema, value: unknown, where: 'body' | 'query' | 'params'): T {
  const fn = compiled(schema, where === 'body' ? 'body' : 'query');
  if (fn(value)) return value as T;
  const details = toDetails(fn.errors, `/${where}`);
  const first = details[0];
  throw new ApiError(
    400,
    'VALIDATION_FAILED',
    first
      ? text(`请求参数有误：${first.path} ${first.message['zh-CN']}`, `Invalid request: ${first.path} ${first.message.en}`)
      : text('请求参数有误', 'Invalid request'),
    details,
  );
}
