import type { IncomingMessage, ServerResponse } from 'node:http';

/** One HTTP answer as a client received it; the body is kept for JSON answers only. */
export interface RecordedResponse {
  method: string;
  url: string;
  status: number;
  contentType?: string;
  body?: string;
  /** the JSON body was larger than the capture limit and was not kept */
  truncated?: boolean;
}

const LIMIT = 4 * 1024 * 1024;

/**
 * Wraps this one response's write/end (no prototype is touched) to collect what the server sends, and reports it
 * once the response has finished. Aborted responses are not reported.
 */
export function captureResponse(req: IncomingMessage, res: ServerResponse, sink: (rec: RecordedResponse) => void): void {
  const method = req.method ?? 'GET';
  const url = req.url ?? '/';
  if (method === 'HEAD' || method === 'OPTIONS') return;
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  let isJson: boolean | undefined;
  const keep = (chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    isJson ??= /json/i.test(String(res.getHeader('content-type') ?? ''));
    if (!isJson || truncated) return;
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : Buffer.from(chunk as Uint8Array);
    size += buf.length;
    if (size > LIMIT) {
      truncated = true;
      chunks.length = 0;
    } else chunks.push(buf);
  };
  const write = res.write;
  const end = res.end;
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    keep(chunk, rest[0]);
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as ServerResponse['write'];
  res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    keep(chunk, rest[0]);
    return (end as (...a: unknown[]) => ServerResponse).call(this, chunk, ...rest);
  } as ServerResponse['end'];
  res.once('finish', () => {
    const contentType = res.getHeader('content-type');
    const json = isJson ?? /json/i.test(String(contentType ?? ''));
    sink({
      method,
      url,
      status: res.statusCode,
      ...(contentType !== undefined ? { contentType: String(contentType) } : {}),
      ...(json && !truncated ? { body: Buffer.concat(chunks).toString('utf8') } : {}),
      ...(truncated ? { truncated } : {}),
    });
  });
}
