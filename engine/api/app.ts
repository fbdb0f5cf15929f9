import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { AppContext } from './app-context';
import { docsRoutes } from './docs.routes';
import { errorHandler, notFoundHandler } from './error.middleware';
import { healthRoutes } from './health.routes';
import { mountRoutes } from './http/mount-routes';
import { ROUTES } from './routes';

export interface AppDeps {
  ctx: AppContext;
  /** built designer (designer/dist); served at / when present */
  designerDir?: string;
}

/** The Express app: security headers, request ids, JSON bodies, routes, the designer, JSON errors. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'img-src': ["'self'", 'data:', 'blob:'], 'style-src': ["'self'", "'unsafe-inline'"] },
      },
    }),
  );
  app.use((req, res, next) => {
    const incoming = req.get('x-request-id');
    res.locals.requestId = incoming && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.set('x-request-id', res.locals.requestId);
    next();
  });
  // routes that read their body raw (imports, up to 60 MB of JSON or CSV) get it unparsed
  const json = express.json({ limit: deps.ctx.config.jsonLimit, strict: true });
  const rawBody = ROUTES.filter((r) => r.bodyType === 'raw').map((r) => ({
    method: r.method.toUpperCase(),
    path: new RegExp(`^${r.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z_]\w*/g, '[^/]+')}/?$`),
  }));
  app.use((req, res, next) => (rawBody.some((r) => r.method === req.method && r.path.test(req.path)) ? next() : json(req, res, next)));

  app.use(healthRoutes({ conn: deps.ctx.conn, temporal: deps.ctx.temporal, version: deps.ctx.config.version }));
  app.use(docsRoutes(ROUTES, deps.ctx.config.version));
  app.use(mountRoutes(ROUTES, deps.ctx));
  app.use('/api', notFoundHandler);

  const dir = deps.designerDir;
  if (dir && existsSync(join(dir, 'index.html'))) {
    app.use(express.static(dir, { index: false, maxAge: '1h' }));
    // Client-side routes of the single-page designer.
    app.get(/^\/(?!api\/|healthz).*/, (_req, res) => res.sendFile(join(dir, 'index.html')));
  }
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
