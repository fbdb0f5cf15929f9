import type { Locale, LocalizedText } from '../../../engine/core/common/localized';

/** An error answer of the API: `{ error: { code, message, details } }`, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Array<{ path?: string; message?: string }> = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let currentLocale: Locale = 'zh-CN';
const unauthenticatedListeners = new Set<() => void>();

/** The language the API answers in (Accept-Language). */
export function setApiLocale(locale: Locale): void {
  currentLocale = locale;
}

/** Called when a request answers 401 (the session ended); the app then shows the login page. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export interface RequestOptions {
  body?: unknown;
  /** a raw body (file upload) sent as is with `contentType` */
  raw?: Blob | string;
  contentType?: string;
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
  /** do not broadcast a 401 (the login and me calls) */
  quiet401?: boolean;
}

export function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/** One JSON call to the API on the same origin, with the session cookie. */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': currentLocale };
  let body: BodyInit | undefined;
  if (opts.raw !== undefined) {
    body = opts.raw;
    headers['content-type'] = opts.contentType ?? 'application/octet-stream';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', (err as Error).message);
  }
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!res.ok) {
    const e = (parsed as { error?: { code?: string; message?: string | LocalizedText; details?: ApiError['details'] } } | undefined)?.error;
    const message = typeof e?.message === 'string' ? e.message : e?.message ? e.message[currentLocale] : `${res.status} ${res.statusText}`;
    if (res.status === 401 && !opts.quiet401) unauthenticatedListeners.forEach((l) => l());
    throw new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, message, e?.details ?? []);
  }
  return parsed as T;
}
