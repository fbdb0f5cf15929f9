import { Router } from 'express';
import type { Connection } from 'mongoose';

export interface HealthProbe {
  /** resolves to true when the dependency answers */
  check(): Promise<boolean>;
  describe(): Record<string, unknown>;
}

async function timed(probe: () => Promise<boolean>): Promise<{ status: 'up' | 'down'; latencyMs: number; error?: string }> {
  const t0 = performance.now();
  try {
    const ok = await Promise.race([probe(), new Promise<boolean>((r) => setTimeout(() => r(false), 3000))]);
    return { status: ok ? 'up' : 'down', latencyMs: Math.round(performance.now() - t0) };
  } catch (err) {
    return { status: 'down', latencyMs: Math.round(performance.now() - t0), error: (err as Error).message };
  }
}

/** GET /healthz: the database and Temporal connections; 200 when both are up, 503 otherwise. */
export function healthRoutes(deps: { conn: Connection; temporal: HealthProbe; version: string }): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const [database, temporal] = await Promise.all([
      timed(async () => {
        const db = deps.conn.db;
        if (!db) return false;
        await db.admin().ping();
        return true;
      }),
      timed(() => deps.temporal.check()),
    ]);
    const ok = database.status === 'up' && temporal.status === 'up';
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'degraded',
      version: deps.version,
      database: { ...database, name: deps.conn.name },
      temporal: { ...temporal, ...deps.temporal.describe() },
    });
  });
  return router;
}
