import { existsSync } from 'node:fs';
import { FERRETDB_BIN } from './tool-paths';
import { ManagedProcess, waitUntil } from './managed-process';
import { canConnect } from './ports';

export interface EmbeddedFerretDb {
  proc: ManagedProcess;
  uri: string;
}

/** Starts the embedded FerretDB (SQLite files in dataDir) and waits until it accepts connections. */
export async function startFerretDb(opts: { port: number; dataDir: string; echo?: boolean; name?: string }): Promise<EmbeddedFerretDb> {
  if (!existsSync(FERRETDB_BIN)) {
    throw new Error(`FerretDB is not built (${FERRETDB_BIN} missing). Run: npm run bootstrap`);
  }
  const proc = new ManagedProcess({
    name: opts.name ?? 'ferretdb',
    command: FERRETDB_BIN,
    args: ['--listen', `127.0.0.1:${opts.port}`, '--data-dir', opts.dataDir, '--log-level', 'error'],
    echo: opts.echo,
  }).start();
  await waitUntil('FerretDB', () => canConnect(opts.port), { timeoutMs: 30_000, proc });
  return { proc, uri: `mongodb://127.0.0.1:${opts.port}` };
}
