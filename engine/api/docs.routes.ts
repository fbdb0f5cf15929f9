import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { Router } from 'express';
import type { AnyRoute } from './http/define-route';
import { buildOpenApi } from './http/openapi';

const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Allot API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="api"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;
const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#api', deepLinking: true, tryItOutEnabled: true, withCredentials: true, persistAuthorization: true });`;

/** /api/openapi.json (generated from the route declarations) and the interactive reference at /api/docs. */
export function docsRoutes(routes: readonly AnyRoute[], version: string): Router {
  const doc = buildOpenApi(routes, version);
  const router = Router();
  router.get('/api/openapi.json', (_req, res) => void res.json(doc));
  router.use('/api/docs/assets', express.static(swaggerDir, { index: false, maxAge: '1d' }));
  router.get('/api/docs/init.js', (_req, res) => void res.type('application/javascript').send(INIT));
  router.get('/api/docs', (_req, res) => void res.type('html').send(PAGE));
  return router;
}
