import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { inject } from 'vitest';
import { freePort } from '../../scripts/stack/ports';
import { NODE_BIN, ROOT, tsNodeArgs } from '../../scripts/stack/tool-paths';
import { childRecordFile } from './openapi-recorder';

export interface ApiProcess {
  baseUrl: string;
  child: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** A real API server process (engine/api/server.ts) on a free port, for multi-process and crash tests. */
export async function startApiProcess(mongoUri: string, env: Record<string, string> = {}): Promise<ApiProcess> {
  const port = await freePort();
  let out = '';
  // under the integration setup, the process records its responses for the OpenAPI contract check
  const record = childRecordFile();
  const preload = record ? [join(ROOT, 'test/harness/openapi-child-preload.ts')] : [];
  const child = spawn(NODE_BIN, tsNodeArgs(join(ROOT, 'engine/api/server.ts'), preload), {
    cwd: ROOT,
    env: { ...process.env, ...(record ? { ALLOT_OPENAPI_RECORD_FILE: record } : {}), PORT: String(port), MONGODB_URI: mongoUri, TEMPORAL_ADDRESS: inject('temporalAddress'), ALLOT_SESSION_SECRET: 'test-session-secret', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API process exited early:\n${out}`);
    const ok = await fetch(`${baseUrl}/healthz`).then((r) => r.status === 200, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`API process not healthy in 60 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    child,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
