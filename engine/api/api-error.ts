import type { LocalizedText } from '../core/common/localized';
import { text } from '../core/common/localized';

export interface ErrorDetail {
  /** JSON pointer or dotted path of the offending field */
  path: string;
  message: LocalizedText;
  /** a stable code for this detail (e.g. a flow validation error's FLOW_* code) */
  code?: string;
  /** the flow node the detail is about */
  nodeId?: string;
}

/** An error the API answers with a status and a stable code; messages in zh-CN and en. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: LocalizedText,
    readonly details: ErrorDetail[] = [],
  ) {
    super(`${code}: ${text.en}`);
    this.name = 'ApiError';
  }

  static notFound(what: LocalizedText = text('资源不存在', 'Not found')): ApiError {
    return new ApiError(404, 'NOT_FOUND', what);
  }
}
