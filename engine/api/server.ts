import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import { connectDatabase } from '../data/connect';
import { startImportResumer } from '../services/imports/import-resume.service';
import { startDeliveryPump } from '../services/notifications/webhooks/delivery-pump';
import { TemporalGateway } from '../temporal/temporal-connection';
import { createApp } from './app';
import { readAppConfig } from './app-config';
import { makeAppContext } from './app-context';
import { loadSessionSecret } from './auth/session-token';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VERSION = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string }).version;

/** Process entry of an API server; stateless, so several may run behind a load balancer. */
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  const mongoUri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27018/allot';
  const temporalAddress = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';

  const conn = await connectDatabase(mongoUri);
  const temporal = new TemporalGateway(temporalAddress);
  const config = readAppConfig(process.env, VERSION, await loadSessionSecret(conn));
  const ctx = makeAppContext(conn, temporal, config);
  const app = createApp({ ctx, designerDir: process.env.DESIGNER_DIR ?? `${ROOT}designer/dist` });

  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(port, host, () => resolve(s));
    s.once('error', reject);
  });
  console.log(`API listening on http://${host}:${port}`);
  // sends queued webhook deliveries (and their retries) off the request path; safe in every API process
  const stopWebhookPump = startDeliveryPump(ctx);
  // takes over imports whose process died (their lease ran out) and finishes them; safe in every API process
  const stopImportResumer = startImportResumer(ctx);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`API stopping (${signal})`);
    stopWebhookPump();
    stopImportResumer();
    server.close();
    server.closeAllConnections();
    await Promise.allSettled([conn.close(), temporal.close()]);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: NodeJS.ErrnoException) => {
  if (err.code === 'EADDRINUSE') console.error(`API: port ${process.env.PORT ?? 3000} is already in use (set PORT to another port).`);
  else console.error('API failed to start:', err.message);
  process.exit(1);
});
