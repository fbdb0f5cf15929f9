import mongoose, { type Connection } from 'mongoose';
import { DatabaseUnavailableError, redactUri } from './database-unavailable.error';
import { getModels } from './models';

export { DatabaseUnavailableError } from './database-unavailable.error';

/** the embedded FerretDB that `npm start` runs (FERRETDB_PORT, default 27018) */
export const DEFAULT_MONGODB_URI = `mongodb://127.0.0.1:${process.env.FERRETDB_PORT ?? 27018}/allot`;

export interface ConnectDatabaseOptions {
  /** how long to look for a server before giving up (ms); default 5000 */
  serverSelectionTimeoutMS?: number;
  /** TCP connect timeout (ms); default 10000 */
  connectTimeoutMS?: number;
  /** idle socket timeout (ms); default 0 = none (long find-and-modify bursts during imports) */
  socketTimeoutMS?: number;
  maxPoolSize?: number;
  /** shown in server logs; default "allot" */
  appName?: string;
  /** build indexes when models are first bound; default true */
  autoIndex?: boolean;
}

/**
 * Process-wide mongoose settings: filters are sanitised (an object with `$` keys given as a value
 * becomes an `$eq` match — wrap deliberate operators in `mongoose.trusted(...)`), unknown filter
 * paths throw, update validators run. Idempotent; called by connectDatabase.
 */
export function configureMongoose(): void {
  mongoose.set('sanitizeFilter', true);
  mongoose.set('strictQuery', 'throw');
  mongoose.set('runValidators', true);
  mongoose.set('autoIndex', true);
}

configureMongoose();

/**
 * Opens a dedicated connection (not mongoose's global default, so one process may hold several)
 * and waits until the server answers. Throws DatabaseUnavailableError when it cannot be reached.
 */
export async function connectDatabase(uri: string, opts: ConnectDatabaseOptions = {}): Promise<Connection> {
  configureMongoose();
  const conn = mongoose.createConnection(uri, {
    sanitizeFilter: true,
    autoIndex: opts.autoIndex ?? true,
    autoCreate: true,
    serverSelectionTimeoutMS: opts.serverSelectionTimeoutMS ?? 5_000,
    connectTimeoutMS: opts.connectTimeoutMS ?? 10_000,
    socketTimeoutMS: opts.socketTimeoutMS ?? 0,
    maxPoolSize: opts.maxPoolSize ?? 20,
    appName: opts.appName ?? 'allot',
  });
  try {
    await conn.asPromise();
  } catch (err) {
    await conn.close(true).catch(() => undefined);
    throw new DatabaseUnavailableError(redactUri(uri), err instanceof Error ? err.message : String(err));
  }
  return conn;
}

/**
 * Creates every collection and builds every index declared by the schemas. With `sync: true`
 * it also drops indexes the schemas no longer declare (syncIndexes; run it from one process
 * only, e.g. the seed or a migration). Both work on FerretDB 1.24 and MongoDB.
 */
export async function ensureIndexes(conn: Connection, opts: { sync?: boolean } = {}): Promise<void> {
  for (const model of Object.values(getModels(conn))) {
    await model.init();
    if (opts.sync) await model.syncIndexes();
    else await model.createIndexes();
  }
}

/** One round trip to the server, for health checks. */
export async function pingDatabase(conn: Connection): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const started = performance.now();
  try {
    if (!conn.db) throw new Error('not connected');
    await conn.db.admin().ping();
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: err instanceof Error ? err.message : String(err) };
  }
}
