/**
 * `npm start`: the embedded stack — FerretDB (SQLite under data/), the Temporal dev server (SQLite
 * under data/, with its web UI), the API (which serves the designer) and the worker — seeded with a
 * demo organisation on first run. MONGODB_URI / TEMPORAL_ADDRESS switch to external services.
 */
import { apiNodeOptions } from './stack/node-options';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { startFerretDb } from './stack/ferretdb.service';
import { startTemporalDev, temporalReachable } from './stack/temporal.service';
import { ManagedProcess, waitUntil } from './stack/managed-process';
import { assertPortFree, PortInUseError } from './stack/ports';
import { readStackConfig, withDatabase } from './stack/stack-config';
import { Supervisor } from './stack/supervisor';
import { ensureDesignerBuilt } from './stack/designer-build';
import { NODE_BIN, ROOT, tsNodeArgs } from './stack/tool-paths';
import { DEMO_LOGINS } from '../engine/data/seed/demo-logins';

const log = (line: string) => console.log(`[allot] ${line}`);

async function main(): Promise<void> {
  const t0 = Date.now();
  const cfg = readStackConfig();
  let fatal: (reason: string) => void = () => undefined;
  const supervisor = new Supervisor((reason) => fatal(reason));
  let stopping = false;
  const stop = async (code: number, reason?: string) => {
    if (stopping) return;
    stopping = true;
    if (reason) console.error(`\n[allot] ${reason}`);
    log('stopping …');
    await supervisor.stopAll();
    log('stopped');
    process.exit(code);
  };
  fatal = (reason) => void stop(1, reason);
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    await assertPortFree(cfg.apiPort, 'Allot API and designer', 'PORT');
    if (!cfg.externalMongoUri) await assertPortFree(cfg.ferretPort, 'embedded FerretDB', 'FERRETDB_PORT');
    if (!cfg.externalTemporal) {
      await assertPortFree(cfg.temporalPort, 'Temporal dev server', 'TEMPORAL_PORT');
      await assertPortFree(cfg.temporalUiPort, 'Temporal web UI', 'TEMPORAL_UI_PORT');
    }
    mkdirSync(cfg.dataDir, { recursive: true });

    let mongoUri: string;
    if (cfg.externalMongoUri) {
      mongoUri = withDatabase(cfg.externalMongoUri, cfg.dbName);
      log(`database: external (MONGODB_URI) — no embedded FerretDB`);
    } else {
      log(`starting FerretDB on 127.0.0.1:${cfg.ferretPort} (data in ${join(cfg.dataDir, 'ferretdb')})`);
      const db = await startFerretDb({ port: cfg.ferretPort, dataDir: join(cfg.dataDir, 'ferretdb') });
      supervisor.add({ proc: db.proc, role: 'infrastructure' });
      mongoUri = withDatabase(db.uri, cfg.dbName);
    }

    let temporalAddress: string;
    let temporalUi: string | undefined;
    if (cfg.externalTemporal) {
      temporalAddress = cfg.externalTemporal;
      log(`Temporal: external (TEMPORAL_ADDRESS=${temporalAddress}) — no embedded dev server`);
      if (!(await temporalReachable(temporalAddress))) log(`warning: Temporal at ${temporalAddress} does not answer yet`);
    } else {
      log(`starting the Temporal dev server on 127.0.0.1:${cfg.temporalPort} (state in ${join(cfg.dataDir, 'temporal.db')})`);
      const t = await startTemporalDev({ port: cfg.temporalPort, uiPort: cfg.temporalUiPort, dbFile: join(cfg.dataDir, 'temporal.db') });
      supervisor.add({ proc: t.proc, role: 'infrastructure' });
      temporalAddress = t.address;
      temporalUi = t.uiUrl;
    }

    const designer = ensureDesignerBuilt(log);
    if (designer !== 'absent') log(`designer: ${designer}`);

    const env = { ...process.env, MONGODB_URI: mongoUri, TEMPORAL_ADDRESS: temporalAddress, PORT: String(cfg.apiPort), HOST: cfg.host };
    const seed = new ManagedProcess({ name: 'seed', command: NODE_BIN, args: tsNodeArgs(join(ROOT, 'scripts/seed.ts')), env, cwd: ROOT }).start();
    await new Promise<void>((resolve, reject) =>
      seed.onExit((code) => (code === 0 ? resolve() : reject(new Error(`seeding failed: ${seed.describeExit()}`)))),
    );

    const api = new ManagedProcess({ name: 'api', command: NODE_BIN, args: tsNodeArgs(join(ROOT, 'engine/api/server.ts')), env: { ...env, NODE_OPTIONS: apiNodeOptions(env) }, cwd: ROOT }).start();
    supervisor.add({ proc: api, role: 'app' });
    const worker = new ManagedProcess({ name: 'worker', command: NODE_BIN, args: tsNodeArgs(join(ROOT, 'engine/temporal/worker.ts')), env, cwd: ROOT }).start();
    supervisor.add({ proc: worker, role: 'app' });

    const base = `http://${cfg.host}:${cfg.apiPort}`;
    await waitUntil('API health', async () => (await fetch(`${base}/healthz`)).status === 200, { timeoutMs: 60_000, proc: api, intervalMs: 300 });
    await checkWorker(temporalAddress, worker);

    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    console.log(`
  Allot is running (ready in ${secs} s)

    Designer     ${base}/
    API          ${base}/api
    Health       ${base}/healthz
    Temporal UI  ${temporalUi ?? '(external Temporal — use its own UI)'}
    Database     ${mongoUri.replace(/\/\/[^@]*@/, '//***@')}

  Demo logins (password for all: ${DEMO_LOGINS[0]?.password}):
${DEMO_LOGINS.map((l) => `    ${l.role.padEnd(8)} ${l.email}`).join('\n')}

  Ctrl-C stops everything. Data stays in ${cfg.dataDir}.
`);
  } catch (err) {
    const msg = err instanceof PortInUseError ? err.message : `start-up failed: ${(err as Error).message}`;
    await stop(1, msg);
  }
}

/** Runs the heartbeat workflow once: proves Temporal → worker → database end to end. */
async function checkWorker(address: string, worker: ManagedProcess): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection });
    await waitUntil(
      'worker',
      async () => {
        const r = await client.workflow.execute('heartbeatWorkflow', {
          taskQueue: process.env.ALLOT_TASK_QUEUE ?? 'allot',
          workflowId: `allot-heartbeat-${Date.now()}`,
          args: ['npm start'],
          workflowExecutionTimeout: '20 seconds',
        });
        return Boolean(r);
      },
      { timeoutMs: 90_000, proc: worker, intervalMs: 1000 },
    );
  } finally {
    await connection.close();
  }
}

void main();
