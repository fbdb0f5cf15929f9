import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROUTES } from '../../engine/api/routes';
import { useTestDatabase } from '../harness/db';
import { startTestApi, type TestApi } from '../harness/api';

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let api: TestApi;
beforeAll(async () => {
  db = await useTestDatabase('openapi');
  api = await startTestApi(db.conn);
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

type Doc = { openapi: string; paths: Record<string, Record<string, { operationId: string; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> };

it('the OpenAPI 3.1 document lists every declared route with compilable JSON Schemas', async () => {
  const r = await api.call<Doc>('GET', '/api/openapi.json');
  expect(r.status).toBe(200);
  expect(r.body.openapi).toBe('3.1.0');
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  for (const route of ROUTES) {
    const path = route.path.replace(/:([A-Za-z_]\w*)/g, '{$1}');
    const op = r.body.paths[path]?.[route.method];
    expect(op, `${route.method} ${route.path} missing from openapi.json`).toBeDefined();
    expect(op!.operationId).toBe(route.id);
    for (const [status, resp] of Object.entries(op!.responses)) {
      const schema = resp.content?.['application/json']?.schema;
      if (schema) expect(() => ajv.compile(schema as object), `${route.id} ${status}`).not.toThrow();
    }
  }
  const operations = Object.values(r.body.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
  expect(operations).toBe(ROUTES.length);
});

it('serves the interactive API reference', async () => {
  const page = await fetch(`${api.baseUrl}/api/docs`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('/api/docs/init.js');
  expect(await (await fetch(`${api.baseUrl}/api/docs/init.js`)).text()).toContain('/api/openapi.json');
  const bundle = await fetch(`${api.baseUrl}/api/docs/assets/swagger-ui-bundle.js`);
  expect(bundle.status).toBe(200);
});
