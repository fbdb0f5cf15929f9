import { Type } from '@sinclair/typebox';
import { text } from '../../core/common/localized';
import { CreatedTokenSchema, CreateTokenBody, TokenViewSchema } from '../../services/tokens/api-token.schemas';
import { createApiToken, listApiTokens, revokeApiToken } from '../../services/tokens/api-token.service';
import { IdParams } from '../http/common.schemas';
import { defineRoute } from '../http/define-route';

// API tokens can never manage tokens (no tokenScope): a leaked token cannot mint more
const adminOnly = { roles: ['admin'] } as const;

export const createTokenRoute = defineRoute({
  id: 'tokens.create',
  method: 'post',
  path: '/api/tokens',
  tag: 'tokens',
  summary: text('创建 API 令牌（令牌只显示这一次）', 'Create an API token (the token is shown only this once)'),
  auth: adminOnly,
  body: CreateTokenBody,
  responses: { 201: CreatedTokenSchema },
  async handler({ app, principal, body, audit }) {
    const { token, view } = await createApiToken(app, body, principal.id);
    audit({ action: 'tokens.create', target: { kind: 'apiToken', id: view.id }, after: view });
    return { status: 201, body: { ...view, token }, headers: { 'cache-control': 'no-store' } };
  },
});

export const listTokensRoute = defineRoute({
  id: 'tokens.list',
  method: 'get',
  path: '/api/tokens',
  tag: 'tokens',
  summary: text('API 令牌列表（不含令牌本身）', 'API tokens (never the secrets)'),
  auth: adminOnly,
  responses: { 200: Type.Object({ items: Type.Array(TokenViewSchema) }) },
  async handler({ app }) {
    return { body: { items: await listApiTokens(app) } };
  },
});

export const revokeTokenRoute = defineRoute({
  id: 'tokens.revoke',
  method: 'delete',
  path: '/api/tokens/:id',
  tag: 'tokens',
  summary: text('吊销 API 令牌（立即失效）', 'Revoke an API token (stops working at once)'),
  auth: adminOnly,
  params: IdParams,
  responses: { 200: TokenViewSchema },
  async handler({ app, params, audit }) {
    const { before, after } = await revokeApiToken(app, params.id);
    audit({ action: 'tokens.revoke', target: { kind: 'apiToken', id: params.id }, before, after });
    return { body: after };
  },
});

export const tokenRoutes = [createTokenRoute, listTokensRoute, revokeTokenRoute];
