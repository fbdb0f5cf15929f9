import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { inject } from 'vitest';
import type { Connection } from 'mongoose';
import { createApp } from '../../engine/api/app';
import { readAppConfig } from '../../engine/api/app-config';
import { makeAppContext, type AppContext } from '../../engine/api/app-context';
import { TemporalGateway } from '../../engine/temporal/temporal-connection';
import { attachRecorder } from './openapi-recorder';

export interface TestApi {
  baseUrl: string;
  ctx: AppContext;
  close(): Promise<void>;
  /** fetch with JSON in and out */
  call<T = unknown>(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: T; headers: Headers }>;
  login(email: string, password?: string): Promise<string>;
}

/** The real Express app on a free loopback port, against this file's database and the run's Temporal. */
export async function startTestApi(conn: Connection, opts: { now?: () => number; env?: NodeJS.ProcessEnv } = {}): Promise<TestApi> {
  const temporal = new TemporalGateway(inject('temporalAddress'));
  const config = readAppConfig({ ALLOT_LOGIN_RATE_PER_MIN: '1000', ...opts.env }, 'test', 'test-session-secret');
  const ctx = makeAppContext(conn, temporal, config, opts.now);
  const app = createApp({ ctx });
  // every response this server sends, whoever asked (api.call or a raw fetch), is checked against the OpenAPI document
  const server: Server = createServer((req, res) => {
    attachRecorder(req, res);
    app(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const call: TestApi['call'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined;
    if (o.body !== undefined) {
      body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const textBody = await res.text();
    let parsed: unknown = textBody;
    try {
      parsed = textBody ? JSON.parse(textBody) : null;
    } catch {
      /* not JSON (CSV, HTML) */
    }
    return { status: res.status, body: parsed as never, headers: res.headers };
  };
  return {
    baseUrl,
    ctx,
    call,
    async login(email, password = 'allot-demo') {
      const r = await call<{ token: string }>('POST', '/api/auth/login', { body: { email, password } });
      if (r.status !== 200) throw new Error(`login ${email} failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.token;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await temporal.close();
    },
  };
}
