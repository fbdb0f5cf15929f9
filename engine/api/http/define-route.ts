import type { Static, TSchema } from '@sinclair/typebox';
import type { Request, Response } from 'express';
import type { Locale, LocalizedText } from '../../core/common/localized';
import type { AppConfig, AppContext } from '../app-context';
import type { Principal, Role, TokenScope } from '../auth/principal';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface AuditEntry {
  action: string;
  target: { kind: string; id?: string };
  before?: unknown;
  after?: unknown;
}

type Infer<S> = S extends TSchema ? Static<S> : undefined;

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  principal: Principal;
  app: AppContext;
  locale: Locale;
  requestId: string;
  req: Request;
  res: Response;
  /** records what this request changed; written to the append-only audit log when it succeeds */
  audit(entry: AuditEntry): void;
  /**
   * writes the entry now, for a handler that can overlap it with its own last write (intake writes it
   * beside the assignment event); the request then counts as audited
   */
  auditNow(entry: AuditEntry): Promise<void>;
}

export interface RouteResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type RouteAuth =
  | 'public'
  | {
      /** user roles allowed */
      roles: readonly Role[];
      /** an API token may call the route when it carries this scope */
      tokenScope?: TokenScope;
    };

export interface RouteSpec<PS extends TSchema | undefined, QS extends TSchema | undefined, BS extends TSchema | undefined> {
  /** stable id, used as the OpenAPI operationId and the audit action */
  id: string;
  method: HttpMethod;
  /** Express path, e.g. /api/customers/:id */
  path: string;
  tag: string;
  summary: LocalizedText;
  auth: RouteAuth;
  params?: PS;
  query?: QS;
  body?: BS;
  /** response schemas by status, for the OpenAPI document and the contract test */
  responses: Record<number, TSchema | { description: string; contentType: string }>;
  /** a rate limit for this route: requests per window per caller (or read from the settings) */
  rateLimit?: { windowMs: number; limit: number } | ((config: AppConfig) => { windowMs: number; limit: number });
  /** body parser for this route (default JSON) */
  bodyType?: 'json' | 'raw';
  /** handler; return a result, or undefined after writing to ctx.res directly (streams) */
  handler(ctx: RouteContext<Infer<PS>, Infer<QS>, Infer<BS>>): Promise<RouteResult | undefined>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any, any, any>;

/** Declares a route once: its schemas give validation, the static types of the handler and the OpenAPI entry. */
export function defineRoute<PS extends TSchema | undefined = undefined, QS extends TSchema | undefined = undefined, BS extends TSchema | undefined = undefined>(
  spec: RouteSpec<PS, QS, BS>,
): RouteSpec<PS, QS, BS> {
  return spec;
}
