import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ROUTES } from '../../engine/api/routes';
import { buildOpenApi } from '../../engine/api/http/openapi';
import type { RecordedResponse } from './openapi-recorder';

/**
 * Checks recorded HTTP responses against the OpenAPI document generated from ROUTES (the one served at
 * /api/openapi.json). A status the route does not declare is a violation, except 4xx answers, which the document
 * covers with its `default` error response; JSON bodies must match the declared schema, with no field it does not
 * name; non-JSON answers (CSV) must carry the declared content type.
 */

type MediaMap = Record<string, { schema?: object }>;
type Operation = { operationId: string; responses: Record<string, { content?: MediaMap }> };
type Doc = { paths: Record<string, Record<string, Operation>> };

export interface Violation {
  routeId: string;
  method: string;
  url: string;
  status: number;
  problem: string;
  errors?: string[];
  body?: string;
}

export interface CheckResult {
  /** the ROUTES id the request reached, when it matched one */
  routeId?: string;
  violation?: Violation;
}

const doc = buildOpenApi(ROUTES, 'contract-test') as unknown as Doc;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Express order: the first declared route whose method and path match (path params `:id` are one segment). */
const matchers = ROUTES.map((r) => ({
  route: r,
  method: r.method.toUpperCase(),
  path: new RegExp(`^${escape(r.path).replace(/:[A-Za-z_]\w*/g, '[^/]+')}/?$`, 'i'),
  operation: doc.paths[r.path.replace(/:([A-Za-z_]\w*)/g, '{$1}')]![r.method]!,
}));

/**
 * Response schemas leave their objects open (a client must tolerate new fields), but the document should still name
 * every field the server sends: for the check, each object that declares properties is closed
 * (`additionalProperties: false`) unless it says otherwise or is a map (patternProperties).
 */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
const SCHEMA_LISTS = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);
const SCHEMAS = new Set(['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties']);

export function closeObjects(schema: unknown): unknown {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema as Record<string, unknown>)) {
    if (SCHEMA_MAPS.has(k) && v && typeof v === 'object') out[k] = Object.fromEntries(Object.entries(v).map(([name, sub]) => [name, closeObjects(sub)]));
    else if (SCHEMA_LISTS.has(k) && Array.isArray(v)) out[k] = v.map(closeObjects);
    else if (SCHEMAS.has(k)) out[k] = closeObjects(v);
    else out[k] = v;
  }
  const props = out.properties as Record<string, unknown> | undefined;
  if (props && Object.keys(props).length && !('additionalProperties' in out) && !('patternProperties' in out)) out.additionalProperties = false;
  return out;
}

const validators = new Map<string, ValidateFunction>();
function validatorFor(key: string, schema: object): ValidateFunction {
  let v = validators.get(key);
  if (!v) validators.set(key, (v = ajv.compile(closeObjects(schema) as object)));
  return v;
}

export function matchRoute(method: string, url: string): (typeof matchers)[number] | undefined {
  const path = url.split('?')[0]!.split('#')[0]!;
  return matchers.find((m) => m.method === method && m.path.test(path));
}

const describeError = (e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`;

export function checkResponse(rec: RecordedResponse): CheckResult {
  const m = matchRoute(rec.method, rec.url);
  if (!m) return {};
  const routeId = m.route.id;
  const fail = (problem: string, errors?: string[]): CheckResult => ({
    routeId,
    violation: { routeId, method: rec.method, url: rec.url, status: rec.status, problem, errors, body: rec.body?.slice(0, 300) },
  });
  const declared = m.operation.responses[String(rec.status)];
  const response = declared ?? (rec.status >= 400 && rec.status < 500 ? m.operation.responses.default : undefined);
  if (!response) return fail(`status ${rec.status} is not documented for ${routeId} (documented: ${Object.keys(m.operation.responses).join(', ')})`);
  const content = response.content ?? {};
  const mediaType = (rec.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const json = content['application/json'];
  if (!json) {
    const types = Object.keys(content);
    if (types.length && !types.includes(mediaType)) return fail(`content type "${rec.contentType ?? ''}" is not the documented ${types.join(' or ')}`);
    return { routeId };
  }
  if (mediaType !== 'application/json') return fail(`content type "${rec.contentType ?? ''}" is not the documented application/json`);
  if (rec.truncated || rec.body === undefined) return { routeId }; // too large to keep: status and type checked only
  let body: unknown;
  try {
    body = rec.body === '' ? undefined : JSON.parse(rec.body);
  } catch {
    return fail('body is not valid JSON');
  }
  if (!json.schema) return { routeId };
  const validate = validatorFor(`${routeId} ${declared ? rec.status : 'default'}`, json.schema);
  if (validate(body)) return { routeId };
  return fail(
    `body does not match the documented ${declared ? rec.status : 'default error'} schema`,
    (validate.errors ?? []).slice(0, 10).map(describeError),
  );
}

export function formatViolation(v: Violation): string {
  return [
    `${v.routeId} — ${v.method} ${v.url} → ${v.status}: ${v.problem}`,
    ...(v.errors ?? []).map((e) => `    ${e}`),
    ...(v.body !== undefined ? [`    body: ${v.body}`] : []),
  ].join('\n');
}

export const ALL_ROUTE_IDS: readonly string[] = ROUTES.map((r) => r.id);
