import { existsSync } from 'node:fs';
import { Connection } from '@temporalio/client';
import { TEMPORAL_BIN } from './tool-paths';
import { ManagedProcess, waitUntil } from './managed-process';

export interface EmbeddedTemporal {
  proc: ManagedProcess;
  address: string;
  uiUrl?: string;
}

/** True when a Temporal frontend answers at address (gRPC health + system info). */
export async function temporalReachable(address: string): Promise<boolean> {
  let conn: Connection | undefined;
  try {
    conn = await Connection.connect({ address, connectTimeout: 2000 });
    await conn.workflowService.getSystemInfo({});
    return true;
  } catch {
    return false;
  } finally {
    await conn?.close().catch(() => undefined);
  }
}

/**
 * Starts `temporal server start-dev` with its state in a SQLite file (persistent across runs when
 * dbFile is given) and waits until the frontend answers. The web UI is on uiPort unless headless.
 */
export async function startTemporalDev(opts: {
  port: number;
  uiPort?: number;
  dbFile?: string;
  headless?: boolean;
  echo?: boolean;
  name?: string;
}): Promise<EmbeddedTemporal> {
  if (!existsSync(TEMPORAL_BIN)) {
    throw new Error(`The Temporal CLI is not installed (${TEMPORAL_BIN} missing). Run: npm run bootstrap`);
  }
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--log-level', 'warn'];
  if (opts.dbFile) args.push('--db-filename', opts.dbFile);
  if (opts.headless || opts.uiPort === undefined) args.push('--headless');
  else args.push('--ui-port', String(opts.uiPort), '--ui-disable-news-fetch');
  const proc = new ManagedProcess({ name: opts.name ?? 'temporal', command: TEMPORAL_BIN, args, echo: opts.echo }).start();
  const address = `127.0.0.1:${opts.port}`;
  await waitUntil('Temporal dev server', () => temporalReachable(address), { timeoutMs: 90_000, proc, intervalMs: 500 });
  return {
    proc,
    address,
    uiUrl: opts.headless || opts.uiPort === undefined ? undefined : `http://127.0.0.1:${opts.uiPort}`,
  };
}
