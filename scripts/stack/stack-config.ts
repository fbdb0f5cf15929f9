import { join, resolve } from 'node:path';
import { ROOT } from './tool-paths';

/** Everything `npm start` can be told by environment (documented in the README). */
export interface StackConfig {
  host: string;
  apiPort: number;
  ferretPort: number;
  temporalPort: number;
  temporalUiPort: number;
  dataDir: string;
  /** set → use this database and start no embedded FerretDB */
  externalMongoUri?: string;
  /** set → use this Temporal and start no embedded dev server */
  externalTemporal?: string;
  dbName: string;
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name}=${raw} is not a port number (1–65535)`);
  return n;
}

export function readStackConfig(env: NodeJS.ProcessEnv = process.env): StackConfig {
  const temporalPort = port(env, 'TEMPORAL_PORT', 7233);
  return {
    host: env.HOST ?? '127.0.0.1',
    apiPort: port(env, 'PORT', 3000),
    ferretPort: port(env, 'FERRETDB_PORT', 27018),
    temporalPort,
    temporalUiPort: port(env, 'TEMPORAL_UI_PORT', temporalPort + 1000),
    dataDir: resolve(env.DATA_DIR ?? join(ROOT, 'data')),
    externalMongoUri: env.MONGODB_URI || undefined,
    externalTemporal: env.TEMPORAL_ADDRESS || undefined,
    dbName: env.ALLOT_DB_NAME ?? 'allot',
  };
}

/** The database URI with the Allot database name when the given one names none. */
export function withDatabase(uri: string, dbName: string): string {
  const u = new URL(uri);
  if (!u.pathname || u.pathname === '/') u.pathname = `/${dbName}`;
  return u.toString();
}
