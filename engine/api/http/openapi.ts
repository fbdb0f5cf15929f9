import type { TSchema } from '@sinclair/typebox';
import type { AnyRoute } from './define-route';
import { ErrorBodySchema } from './common.schemas';

const plain = (s: unknown) => JSON.parse(JSON.stringify(s)) as Record<string, unknown>;
const toOpenApiPath = (p: string) => p.replace(/:([A-Za-z_]\w*)/g, '{$1}');

function parametersOf(schema: TSchema | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const s = plain(schema) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, prop]) => ({
    name,
    in: where,
    required: where === 'path' || (s.required ?? []).includes(name),
    schema: prop,
    ...(typeof prop.description === 'string' ? { description: prop.description } : {}),
  }));
}

/** The OpenAPI 3.1 document, generated from the same route declarations that validate requests. */
export function buildOpenApi(routes: readonly AnyRoute[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const responses: Record<string, unknown> = {};
    for (const [status, schema] of Object.entries(r.responses)) {
      if ('contentType' in schema && typeof schema.contentType === 'string') {
        responses[status] = { description: schema.description, content: { [schema.contentType]: {} } };
      } else {
        responses[status] = { description: `HTTP ${status}`, content: { 'application/json': { schema: plain(schema) } } };
      }
    }
    responses.default = { description: 'Error', content: { 'application/json': { schema: plain(ErrorBodySchema) } } };
    const op: Record<string, unknown> = {
      operationId: r.id,
      tags: [r.tag],
      summary: r.summary.en,
      description: r.summary['zh-CN'],
      parameters: [...parametersOf(r.params, 'path'), ...parametersOf(r.query, 'query')],
      responses,
      security: r.auth === 'public' ? [] : [{ bearer: [] }, { cookie: [] }],
      'x-roles': r.auth === 'public' ? ['public'] : r.auth.roles,
      ...(r.auth !== 'public' && r.auth.tokenScope ? { 'x-token-scope': r.auth.tokenScope } : {}),
    };
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: plain(r.body) } } };
    else if (r.bodyType === 'raw') op.requestBody = { required: true, content: { 'text/csv': {}, 'application/json': {} } };
    (paths[toOpenApiPath(r.path)] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Allot API',
      version,
      description: 'Customer resource allocation (客户资源精准分配): intake, assignment, pools, follow-ups and flows.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A session token from POST /api/auth/login, or an API token (allot_…)' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'allot_session' },
      },
    },
  };
}
