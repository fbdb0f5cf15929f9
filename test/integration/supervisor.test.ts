import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, isPortFree } from '../../scripts/stack/ports';
import { NODE_BIN, ROOT, tsNodeArgs } from '../../scripts/stack/tool-paths';

/** The real `npm start` supervisor (without the bootstrap step), on free ports and a temporary data dir. */
interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const dataDir = mkdtempSync(join(tmpdir(), 'allot-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function ports() {
  return { PORT: await freePort(), FERRETDB_PORT: await freePort(), TEMPORAL_PORT: await freePort(), TEMPORAL_UI_PORT: await freePort() };
}

function startStack(env: Record<string, number | string>): Started {
  let out = '';
  const clean = { ...process.env };
  delete clean.MONGODB_URI;
  delete clean.TEMPORAL_ADDRESS;
  const child = spawn(NODE_BIN, tsNodeArgs(join(ROOT, 'scripts/start.ts')), {
    cwd: ROOT,
    env: { ...clean, DATA_DIR: dataDir, ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitForText(s: Started, text: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!text.test(s.output())) {
    if (s.child.exitCode !== null) throw new Error(`start exited early (${s.child.exitCode}):\n${s.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${text}:\n${s.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('npm start supervisor', () => {
  it('starts FerretDB, Temporal, API and worker, reports health, seeds once, and stops every child on Ctrl-C', async () => {
    const p = await ports();
    const first = startStack(p);
    await waitForText(first, /Allot is running/, 180_000);
    expect(first.output()).toMatch(/admin@allot\.demo/);
    expect(first.output()).toMatch(new RegExp(`Temporal UI\\s+http://127\\.0\\.0\\.1:${p.TEMPORAL_UI_PORT}`));

    const health = await fetch(`http://127.0.0.1:${p.PORT}/healthz`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as { database: { status: string }; temporal: { status: string } };
    expect(body.database.status).toBe('up');
    expect(body.temporal.status).toBe('up');

    const unknown = await fetch(`http://127.0.0.1:${p.PORT}/api/no-such-route`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('ROUTE_NOT_FOUND');

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    for (const port of Object.values(p)) expect(await isPortFree(port)).toBe(true);

    // A second start reuses the data: the demo organisation is already there.
    const second = startStack(await ports());
    await waitForText(second, /Allot is running/, 180_000);
    expect(second.output()).toMatch(/already seeded|nothing to do|already/i);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('says clearly which port is taken instead of printing a stack trace', async () => {
    const p = await ports();
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(p.PORT, '127.0.0.1', () => r()));
    try {
      const s = startStack(p);
      const code = await s.exited;
      expect(code).toBe(1);
      expect(s.output()).toContain(`Port ${p.PORT} (Allot API and designer) is already in use`);
      expect(s.output()).toContain('PORT=<port> npm start');
      expect(s.output()).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/); // no stack trace
    } finally {
      blocker.close();
    }
  });
});
