import { appendFileSync } from 'node:fs';
import http, { type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { captureResponse } from './response-capture';

/**
 * Loaded with `--import` into API processes started by api-process.ts during the integration run: every HTTP
 * server the process creates appends each answer (JSON lines, written synchronously so a killed process loses
 * nothing) to ALLOT_OPENAPI_RECORD_FILE, which the test file checks against the OpenAPI document.
 */
const file = process.env.ALLOT_OPENAPI_RECORD_FILE;
if (file) {
  const original = http.createServer;
  const wrap =
    (listener: RequestListener): RequestListener =>
    (req: IncomingMessage, res: ServerResponse) => {
      captureResponse(req, res, (rec) => appendFileSync(file, `${JSON.stringify(rec)}\n`));
      listener(req, res);
    };
  (http as { createServer: unknown }).createServer = function (...args: unknown[]) {
    const i = args.findIndex((a) => typeof a === 'function');
    if (i >= 0) args[i] = wrap(args[i] as RequestListener);
    return (original as (...a: unknown[]) => http.Server).apply(http, args);
  };
}
