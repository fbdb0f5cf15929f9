import express, { Router, type RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { pickLocale, text } from '../../core/common/localized';
import { ApiError } from '../api-error';
import type { AppContext } from '../app-context';
import { authenticate } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import type { AnyRoute, AuditEntry, RouteAuth } from './define-route';
import { validateOrThrow } from './request-validator';
import { insertGroupedOrThrow } from '../../data/group-insert';

const MUTATING = new Set(['post', 'put', 'patch', 'delete']);

/** 401 when nobody is logged in, 403 when the caller's role or token scope does not reach the route. */
export function authorize(auth: RouteAuth, p: Principal): void {
  if (auth === 'public') return;
  if (p.kind === 'anonymous') throw new ApiError(401, 'UNAUTHENTICATED', text('请先登录', 'Please log in first'));
  if (p.kind === 'apiToken') {
    if (auth.tokenScope && (p.scopes.includes(auth.tokenScope) || p.scopes.includes('admin'))) return;
    throw new ApiError(403, 'TOKEN_SCOPE', text('此 API 令牌没有调用该接口的权限', 'This API token’s scopes do not allow this route'));
  }
  if (!(auth.roles as readonly string[]).includes(p.role)) {
    throw new ApiError(403, 'FORBIDDEN', text('你的角色无权进行此操作', 'Your role may not do this'));
  }
}

function limiter(route: AnyRoute, app: AppContext): RequestHandler | undefined {
  if (!route.rateLimit) return undefined;
  const rule = typeof route.rateLimit === 'function' ? route.rateLimit(app.config) : route.rateLimit;
  return rateLimit({
    windowMs: rule.windowMs,
    limit: rule.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // per caller: the bearer/cookie credential when present, else the address
    keyGenerator: (req) => `${route.id}:${req.get('authorization') ?? req.headers.cookie?.slice(0, 200) ?? ipKeyGenerator(req.ip ?? '')}`,
    handler: (_req, _res, next) =>
      next(new ApiError(429, 'RATE_LIMITED', text('请求过于频繁，请稍后再试', 'Too many requests; please slow down and retry later'))),
  });
}

/** Mounts declared routes: authenticate → authorize → validate → handle → audit → JSON. */
export function mountRoutes(routes: readonly AnyRoute[], app: AppContext): Router {
  const router = Router();
  for (const route of routes) {
    const chain: RequestHandler[] = [];
    const rl = limiter(route, app);
    if (rl) chain.push(rl);
    if (route.bodyType === 'raw') chain.push(express.raw({ type: () => true, limit: '60mb' }));
    chain.push(async (req, res, next) => {
      try {
        const principal = await authenticate(req, app);
        authorize(route.auth, principal);
        const params = route.params ? validateOrThrow(route.params, { ...req.params }, 'params') : undefined;
        const query = route.query ? validateOrThrow(route.query, { ...req.query }, 'query') : undefined;
        let body: unknown;
        if (route.body) body = validateOrThrow(route.body, req.body ?? {}, 'body');
        else if (route.bodyType === 'raw') body = req.body;
        const audits: AuditEntry[] = [];
        const mutating = MUTATING.has(route.method) && principal.kind !== 'anonymous';
        let audited = false;
        const writeAudit = async (entries: AuditEntry[]) => {
          const at = new Date(app.now());
          // with other requests' entries of the same moment, as one insert command (group-insert.ts)
          await insertGroupedOrThrow(
            app.models.AuditLog,
            entries.map((e) => ({
              actor: { kind: principal.kind, id: principal.id, name: principal.name },
              action: e.action,
              target: e.target,
              before: e.before ?? null,
              after: e.after ?? null,
              requestId: String(res.locals.requestId),
              at,
            })),
          );
        };
        const result = await route.handler({
          params,
          query,
          body,
          principal,
          app,
          locale: pickLocale(req.get('accept-language')),
          requestId: String(res.locals.requestId),
          req,
          res,
          audit: (e) => void audits.push(e),
          auditNow: async (e) => {
            audited = true;
            if (mutating) await writeAudit([e]);
          },
        });
        if (mutating && (audits.length || !audited)) {
          await writeAudit(audits.length ? audits : [{ action: route.id, target: { kind: route.tag, id: (params as { id?: string } | undefined)?.id } }]);
        }
        if (result && !res.headersSent) {
          if (result.headers) res.set(result.headers);
          res.status(result.status ?? 200).json(result.body ?? null);
        }
      } catch (err) {
        next(err);
      }
    });
    router[route.method](route.path, ...chain);
  }
  return router;
}
