import type { ErrorRequestHandler, RequestHandler } from 'express';
import mongoose from 'mongoose';
import { CoreError } from '../core/common/core-error';
import { pickLocale, text, type LocalizedText } from '../core/common/localized';
import { ApiError, type ErrorDetail } from './api-error';

/** Unknown routes answer JSON, never an HTML page. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new ApiError(404, 'ROUTE_NOT_FOUND', text(`没有这个接口：${req.method} ${req.path}`, `No such route: ${req.method} ${req.path}`)));
};

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

const pointer = (path: string) => `/${path.split('.').join('/')}`;

/** Model messages are written "english / 中文"; mongoose's own ones are English only. */
function bilingual(message: string, fallback: LocalizedText): LocalizedText {
  const i = message.lastIndexOf(' / ');
  if (i > 0) return text(message.slice(i + 3).trim(), message.slice(0, i).trim());
  return fallback;
}

function describeValidator(e: mongoose.Error.ValidatorError | mongoose.Error.CastError): LocalizedText {
  if (e instanceof mongoose.Error.CastError) return text(`不是有效的 ${e.kind}`, `Is not a valid ${e.kind}`);
  const p = e.properties as { minlength?: number; maxlength?: number; min?: number; max?: number; enumValues?: unknown[] };
  switch (e.kind) {
    case 'required':
      return text('必填', 'Is required');
    case 'enum':
      return text(`只能是：${(p.enumValues ?? []).join('、')}`, `Must be one of: ${(p.enumValues ?? []).join(', ')}`);
    case 'maxlength':
      return text(`最长 ${p.maxlength} 个字符`, `At most ${p.maxlength} characters`);
    case 'minlength':
      return text(`至少 ${p.minlength} 个字符`, `At least ${p.minlength} characters`);
    case 'max':
      return text(`不能大于 ${p.max}`, `Must be at most ${p.max}`);
    case 'min':
      return text(`不能小于 ${p.min}`, `Must be at least ${p.min}`);
    case 'regexp':
      return text('格式不正确', 'Has the wrong format');
    default:
      return bilingual(e.message, text(`不符合要求：${e.message}`, e.message));
  }
}

interface DuplicateKeyError {
  code?: number;
  keyValue?: Record<string, unknown>;
  keyPattern?: Record<string, unknown>;
  message?: string;
}

/** Fields of the unique indexes a schema declares on the collection named in the message (FerretDB names no index). */
function uniqueFieldsOf(collection: string): string[] {
  for (const conn of mongoose.connections) {
    for (const model of Object.values(conn.models)) {
      if (model.collection?.collectionName !== collection) continue;
      return model.schema
        .indexes()
        .filter(([, opts]) => (opts as { unique?: boolean }).unique)
        .flatMap(([fields]) => Object.keys(fields));
    }
  }
  return [];
}

/** Field names of a duplicate-key error (11000): from keyPattern/keyValue, the index name, or the collection's unique indexes. */
function duplicateFields(e: DuplicateKeyError): string[] {
  const keys = Object.keys(e.keyPattern ?? e.keyValue ?? {});
  if (keys.length) return keys;
  const index = /index:\s*([\w.$-]+)/.exec(e.message ?? '')?.[1];
  if (index) return [index.replace(/_-?1(?=_|$)/g, '').replace(/_/g, '.')];
  const collection = /collection:\s*[^.\s]+\.([\w-]+)/.exec(e.message ?? '')?.[1];
  return collection ? [...new Set(uniqueFieldsOf(collection))] : [];
}

/** Mongoose and driver errors that come from bad input: 400 with the field paths, 409 for duplicates. */
function fromDatabaseError(err: unknown): ApiError | undefined {
  if (err instanceof mongoose.Error.ValidationError) {
    const details: ErrorDetail[] = Object.values(err.errors)
      .slice(0, 20)
      .map((e) => ({ path: pointer(e.path), message: describeValidator(e) }));
    const first = details[0];
    return new ApiError(
      400,
      'VALIDATION_FAILED',
      first ? text(`数据有误：${first.path} ${first.message['zh-CN']}`, `Invalid data: ${first.path} ${first.message.en}`) : text('数据有误', 'Invalid data'),
      details,
    );
  }
  if (err instanceof mongoose.Error.CastError) {
    return new ApiError(400, 'INVALID_VALUE', text(`「${err.path}」的值无效`, `Invalid value for "${err.path}"`), [
      { path: pointer(err.path), message: describeValidator(err) },
    ]);
  }
  if (err instanceof mongoose.Error.StrictModeError) {
    return new ApiError(400, 'UNKNOWN_FIELD', text(`不认识的字段「${err.path}」`, `Unknown field "${err.path}"`), [
      { path: pointer(err.path), message: text('不认识的字段，请删除', 'Unknown field; remove it') },
    ]);
  }
  const dup = err as DuplicateKeyError;
  if (dup?.code === 11000) {
    const fields = duplicateFields(dup);
    const list = fields.join(', ') || '?';
    return new ApiError(
      409,
      'DUPLICATE',
      text(`已存在相同「${list}」的记录`, `A record with the same ${list} already exists`),
      fields.map((f) => ({ path: pointer(f), message: text('与已有记录重复', 'Duplicates an existing record') })),
    );
  }
  if (err instanceof CoreError && err.code === 'APPEND_ONLY') return new ApiError(409, 'APPEND_ONLY', err.text);
  const name = (err as Error | undefined)?.name ?? '';
  if (name === 'MongooseServerSelectionError' || name === 'MongoServerSelectionError' || name === 'MongoNetworkError' || name === 'DatabaseUnavailableError') {
    return new ApiError(503, 'DATABASE_UNAVAILABLE', text('数据库暂时不可用，请稍后重试', 'The database is unavailable; please retry shortly'));
  }
  return undefined;
}

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const fromDb = fromDatabaseError(err);
  if (fromDb) return fromDb;
  const e = err as BodyParserError;
  if (e?.type === 'entity.too.large') {
    return new ApiError(413, 'BODY_TOO_LARGE', text(`请求体过大（上限 ${e.limit} 字节）`, `Request body too large (limit ${e.limit} bytes)`));
  }
  if (e?.type === 'entity.parse.failed') {
    return new ApiError(400, 'INVALID_JSON', text('请求体不是合法的 JSON', 'The request body is not valid JSON'));
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new ApiError(e.status, 'BAD_REQUEST', text('请求无效', 'Bad request'));
  }
  return new ApiError(500, 'INTERNAL', text('服务器内部错误，请稍后重试', 'Internal error, please retry later'));
}

/** Every error answers `{ error: { code, message, details: [{ path, message }] } }` in the caller's language. */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const apiErr = toApiError(err);
  if (apiErr.status >= 500) console.error(`[api] ${req.method} ${req.originalUrl} failed:`, err);
  const locale = pickLocale(req.get('accept-language'));
  res.status(apiErr.status).json({
    error: {
      code: apiErr.code,
      message: apiErr.text[locale],
      details: apiErr.details.map((d) => ({ path: d.path, message: d.message[locale], ...(d.code ? { code: d.code } : {}), ...(d.nodeId ? { nodeId: d.nodeId } : {}) })),
      requestId: res.locals.requestId,
    },
  });
};
