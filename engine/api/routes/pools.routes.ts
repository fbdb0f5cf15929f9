import { Type } from '@sinclair/typebox';
import { text } from '../../core/common/localized';
import { ErrorBodySchema, IdParams, Page } from '../http/common.schemas';
import { defineRoute } from '../http/define-route';
import { listPoolCustomers } from '../../services/pools/pool-customers.service';
import { claimFromPool } from '../../services/pools/pool-claim.service';
import { releaseToPool } from '../../services/pools/pool-release.service';
import { createPool, getPool, listPools, updatePool } from '../../services/pools/pool.service';
import {
  ClaimBody,
  ClaimResult,
  PoolCreateBody,
  PoolCustomerParams,
  PoolCustomersQuery,
  PoolCustomerView,
  PoolUpdateBody,
  PoolView,
  ReleaseBody,
  ReleaseResult,
} from '../../services/pools/pool.schemas';

const ANY_ROLE = { roles: ['admin', 'manager', 'rep'] } as const;

export const listPoolsRoute = defineRoute({
  id: 'pools.list',
  method: 'get',
  path: '/api/pools',
  tag: 'pools',
  summary: text('你可见的公海及其规则', 'The pools visible to you, with their rules'),
  auth: ANY_ROLE,
  responses: { 200: Type.Object({ items: Type.Array(PoolView) }) },
  async handler({ app, principal }) {
    return { body: { items: await listPools(app, principal) } };
  },
});

export const getPoolRoute = defineRoute({
  id: 'pools.get',
  method: 'get',
  path: '/api/pools/:id',
  tag: 'pools',
  summary: text('公海详情与规则', 'A pool and its rules'),
  auth: ANY_ROLE,
  params: IdParams,
  responses: { 200: PoolView, 404: ErrorBodySchema },
  async handler({ app, principal, params }) {
    return { body: await getPool(app, principal, params.id) };
  },
});

export const createPoolRoute = defineRoute({
  id: 'pools.create',
  method: 'post',
  path: '/api/pools',
  tag: 'pools',
  summary: text('新建公海及其规则', 'Create a pool with its rules'),
  auth: { roles: ['admin'], tokenScope: 'admin' },
  body: PoolCreateBody,
  responses: { 201: PoolView, 400: ErrorBodySchema, 409: ErrorBodySchema },
  async handler({ app, body, audit }) {
    const pool = await createPool(app, body);
    audit({ action: 'pools.create', target: { kind: 'pool', id: pool.id }, after: pool });
    return { status: 201, body: pool };
  },
});

export const updatePoolRoute = defineRoute({
  id: 'pools.update',
  method: 'patch',
  path: '/api/pools/:id',
  tag: 'pools',
  summary: text('修改公海及其规则（规则按字段合并）', 'Update a pool and its rules (rules are merged field by field)'),
  auth: { roles: ['admin'], tokenScope: 'admin' },
  params: IdParams,
  body: PoolUpdateBody,
  responses: { 200: PoolView, 400: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema },
  async handler({ app, params, body, audit }) {
    const { before, after } = await updatePool(app, params.id, body);
    audit({ action: 'pools.update', target: { kind: 'pool', id: params.id }, before, after });
    return { body: after };
  },
});

export const poolCustomersRoute = defineRoute({
  id: 'pools.customers',
  method: 'get',
  path: '/api/pools/:id/customers',
  tag: 'pools',
  summary: text('公海中的客户（领取前电话和邮箱打码）', 'Customers in a pool (phone and email masked until claimed)'),
  auth: ANY_ROLE,
  params: IdParams,
  query: PoolCustomersQuery,
  responses: { 200: Page(PoolCustomerView), 400: ErrorBodySchema, 404: ErrorBodySchema },
  async handler({ app, principal, params, query }) {
    return { body: await listPoolCustomers(app, principal, params.id, query) };
  },
});

export const claimRoute = defineRoute({
  id: 'pools.claim',
  method: 'post',
  path: '/api/pools/:id/customers/:customerId/claim',
  tag: 'pools',
  summary: text(
    '领取公海客户：原子地检查每条规则（可见性、每日领取数、持有上限、前负责人冷却期、仍在公海），拒绝时说明是哪条规则',
    'Claim a pool customer: every rule checked atomically (visibility, claims today, maximum held, previous-owner cooldown, still in the pool); a refusal names the rule',
  ),
  auth: ANY_ROLE,
  params: PoolCustomerParams,
  body: ClaimBody,
  responses: { 200: ClaimResult, 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema },
  async handler({ app, principal, params, body, requestId, audit }) {
    const out = await claimFromPool(app, principal, { poolId: params.id, customerId: params.customerId, body, requestId });
    audit({ action: 'pools.claim', target: { kind: 'customer', id: params.customerId }, before: out.before, after: out.after });
    return { body: out.result };
  },
});

export const releaseRoute = defineRoute({
  id: 'customers.release',
  method: 'post',
  path: '/api/customers/:id/release',
  tag: 'pools',
  summary: text('退回公海（负责人、其主管或管理员），记录原因与前负责人冷却期', 'Release a customer back to its pool (owner, their manager or an admin), with the reason and the previous-owner cooldown'),
  auth: ANY_ROLE,
  params: IdParams,
  body: ReleaseBody,
  responses: { 200: ReleaseResult, 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema },
  async handler({ app, principal, params, body, requestId, audit }) {
    const out = await releaseToPool(app, principal, params.id, body, requestId);
    audit({ action: 'customers.release', target: { kind: 'customer', id: params.id }, before: out.before, after: out.after });
    return { body: out.result };
  },
});

export const poolRoutes = [listPoolsRoute, getPoolRoute, createPoolRoute, updatePoolRoute, poolCustomersRoute, claimRoute, releaseRoute];
