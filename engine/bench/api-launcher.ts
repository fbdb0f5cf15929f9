import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import roundRobin from '../../templates/round-robin/flow.json';
import { startFerretDb, type EmbeddedFerretDb } from '../../scripts/stack/ferretdb.service';
import { ManagedProcess, waitUntil } from '../../scripts/stack/managed-process';
import { freePort } from '../../scripts/stack/ports';
import { apiNodeOptions } from '../../scripts/stack/node-options';
import { NODE_BIN, ROOT, tsNodeArgs } from '../../scripts/stack/tool-paths';
import { connectDatabase } from '../data/connect';
import { getModels } from '../data/models';
import { seedDemo } from '../data/seed/seed-demo';
import { installActiveFlow } from '../services/flows/install-flow';

export interface BenchStack {
  mongoUri: string;
  conn: Connection;
  baseUrl: string;
  /** a bearer token of the demo admin */
  token: string;
  stop(): Promise<void>;
}

/**
 * What the API benchmark runs against, all its own: an embedded FerretDB in a temporary directory on
 * a free port, the demo organisation with the round-robin allocation flow active (reps given room
 * for the whole run, no working-hours limits, so every intake is a real assignment), and one API
 * process (engine/api/server.ts) on a free port. No Temporal: intake keeps it off the hot path (the
 * health check reports it down, which the bench ignores). The intake rate limit is lifted.
 */
export async function startBenchStack(opts: { echo?: boolean } = {}): Promise<BenchStack> {
  const dir = mkdtempSync(join(tmpdir(), 'allot-bench-'));
  let db: EmbeddedFerretDb | undefined;
  let api: ManagedProcess | undefined;
  let conn: Connection | undefined;
  const stop = async () => {
    await api?.stop();
    await conn?.close().catch(() => undefined);
    await db?.proc.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    db = await startFerretDb({ port: await freePort(), dataDir: join(dir, 'ferretdb'), echo: opts.echo ?? false, name: 'bench-ferretdb' });
    const mongoUri = `${db.uri}/allot_bench`;
    conn = await connectDatabase(mongoUri);
    await seedDemo(conn, { reset: true });
    const { Rep } = getModels(conn);
    await Rep.updateMany({ status: 'active' }, { $set: { capacity: 100_000, dailyCap: 10_000 }, $unset: { workingHours: 1 } });
    await installActiveFlow(conn, roundRobin);

    const port = await freePort();
    const unusedTemporal = `127.0.0.1:${await freePort()}`;
    api = new ManagedProcess({
      name: 'bench-api',
      command: NODE_BIN,
      args: tsNodeArgs(join(ROOT, 'engine/api/server.ts')),
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_OPTIONS: apiNodeOptions(),
        PORT: String(port),
        MONGODB_URI: mongoUri,
        TEMPORAL_ADDRESS: unusedTemporal,
        ALLOT_SESSION_SECRET: 'bench-session-secret',
        ALLOT_INTAKE_RATE_PER_MIN: '100000000',
      },
      echo: opts.echo ?? false,
    }).start();
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitUntil('the API', () => fetch(`${baseUrl}/api/openapi.json`).then((r) => r.status === 200, () => false), { timeoutMs: 90_000, proc: api, intervalMs: 250 });
    const login = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@allot.demo', password: 'allot-demo' }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const { token } = (await login.json()) as { token: string };
    return { mongoUri, conn, baseUrl, token, stop };
  } catch (err) {
    if (api) console.error(api.lastLines(30).join('\n'));
    await stop();
    throw err;
  }
}
