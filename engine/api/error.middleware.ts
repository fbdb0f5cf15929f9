import type { ErrorRequestHandler, RequestHandler } from 'express';
import { pickLocale, text } from '../core/common/localized';
import { ApiError } from './api-error';

/** Unknown routes answer JSON, never an HTML page. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new ApiError(404, 'ROUTE_NOT_FOUND', text(`没有这个接口：${req.method} ${req.path}`, `No such route: ${req.method} ${req.path}`)));
};

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
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
      details: apiErr.details.map((d) => ({ path: d.path, message: d.message[locale] })),
      requestId: res.locals.requestId,
    },
  });
};
