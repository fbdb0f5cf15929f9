import { text } from '../../core/common/localized';
import { ApiError } from '../api-error';
import { ErrorBodySchema, IdParams, Page } from '../http/common.schemas';
import { defineRoute } from '../http/define-route';
import { repLoadView } from '../../services/reps/rep-load.service';
import { recomputeRepStats } from '../../services/reps/rep-stats.service';
import { changeRepStatus } from '../../services/reps/rep-status.service';
import { createRep, getRep, listReps, updateRep } from '../../services/reps/rep.service';
import {
  RecomputeBody,
  RecomputeResult,
  RepCreateBody,
  RepListQuery,
  RepLoadQuery,
  RepLoadView,
  RepStatusBody,
  RepStatusResult,
  RepUpdateBody,
  RepView,
} from '../../services/reps/rep.schemas';

const ANY_ROLE = { roles: ['admin', 'manager', 'rep'] } as const;
const MANAGERS = { roles: ['admin', 'manager'], tokenScope: 'admin' } as const;

export const listRepsRoute = defineRoute({
  id: 'reps.list',
  method: 'get',
  path: '/api/reps',
  tag: 'reps',
  summary: text('销售列表（管理员全部；主管本团队；销售仅自己）', 'List reps (admins all; managers their teams; a rep only themselves)'),
  auth: ANY_ROLE,
  query: RepListQuery,
  responses: { 200: Page(RepView), 400: ErrorBodySchema },
  async handler({ app, principal, query }) {
    return { body: await listReps(app, principal, query) };
  },
});

export const repLoadRoute = defineRoute({
  id: 'reps.load',
  method: 'get',
  path: '/api/reps/load',
  tag: 'reps',
  summary: text(
    '负载视图：在跟客户数对比容量、今日分配数对比每日上限（按销售所在时区），以及能力画像',
    'Load view: open customers vs capacity, today’s assignments vs daily cap (in each rep’s time zone), and the capability profile',
  ),
  auth: ANY_ROLE,
  query: RepLoadQuery,
  responses: { 200: RepLoadView, 400: ErrorBodySchema },
  async handler({ app, principal, query }) {
    return { body: await repLoadView(app, principal, query) };
  },
});

export const getRepRoute = defineRoute({
  id: 'reps.get',
  method: 'get',
  path: '/api/reps/:id',
  tag: 'reps',
  summary: text('销售详情与能力画像', 'A rep with the capability profile'),
  auth: ANY_ROLE,
  params: IdParams,
  responses: { 200: RepView, 404: ErrorBodySchema },
  async handler({ app, principal, params }) {
    return { body: await getRep(app, principal, params.id) };
  },
});

export const createRepRoute = defineRoute({
  id: 'reps.create',
  method: 'post',
  path: '/api/reps',
  tag: 'reps',
  summary: text('新建销售（主管只能建在自己的团队）', 'Create a rep (managers only in their own teams)'),
  auth: MANAGERS,
  body: RepCreateBody,
  responses: { 201: RepView, 400: ErrorBodySchema, 403: ErrorBodySchema },
  async handler({ app, principal, body, audit }) {
    const rep = await createRep(app, principal, body);
    audit({ action: 'reps.create', target: { kind: 'rep', id: rep.id }, after: rep });
    return { status: 201, body: rep };
  },
});

export const updateRepRoute = defineRoute({
  id: 'reps.update',
  method: 'patch',
  path: '/api/reps/:id',
  tag: 'reps',
  summary: text('修改销售的画像设置（技能、地区、语言、产品线、级别、权重、容量、上限、工作时间）', 'Update a rep’s profile (skills, regions, languages, product lines, level, weight, capacity, caps, working hours)'),
  auth: MANAGERS,
  params: IdParams,
  body: RepUpdateBody,
  responses: { 200: RepView, 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema },
  async handler({ app, principal, params, body, audit }) {
    const { before, after } = await updateRep(app, principal, params.id, body);
    audit({ action: 'reps.update', target: { kind: 'rep', id: params.id }, before, after });
    return { body: after };
  },
});

export const repStatusRoute = defineRoute({
  id: 'reps.setStatus',
  method: 'post',
  path: '/api/reps/:id/status',
  tag: 'reps',
  summary: text(
    '修改销售状态（在职 / 请假 / 离职）；请假或离职时请求重新分配其客户',
    'Change a rep’s status (active / on leave / departed); a leave or a departure requests the redistribution of their customers',
  ),
  auth: MANAGERS,
  params: IdParams,
  body: RepStatusBody,
  responses: { 200: RepStatusResult, 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema },
  async handler({ app, principal, params, body, audit }) {
    const out = await changeRepStatus(app, principal, params.id, body);
    audit({
      action: 'reps.setStatus',
      target: { kind: 'rep', id: params.id },
      before: { status: out.before.status, leaveFrom: out.before.leaveFrom, leaveTo: out.before.leaveTo },
      after: { status: out.rep.status, leaveFrom: out.rep.leaveFrom, leaveTo: out.rep.leaveTo, reason: body.reason, redistributionJobId: out.redistributionJobId },
    });
    return { body: { rep: out.rep, redistributionJobId: out.redistributionJobId, scheduled: out.scheduled } };
  },
});

export const recomputeStatsRoute = defineRoute({
  id: 'reps.recomputeStats',
  method: 'post',
  path: '/api/reps/stats/recompute',
  tag: 'reps',
  summary: text('重新计算能力画像的历史指标（一个销售或全部在职/请假销售）', 'Recompute the history half of the capability profile (one rep, or every rep who has not left)'),
  auth: { roles: ['admin'], tokenScope: 'admin' },
  body: RecomputeBody,
  responses: { 200: RecomputeResult, 400: ErrorBodySchema, 404: ErrorBodySchema },
  async handler({ app, body, audit }) {
    if (body.repId && !(await app.models.Rep.exists({ _id: body.repId }))) {
      throw new ApiError(404, 'NOT_FOUND', text('销售不存在', 'No such rep'));
    }
    const out = await recomputeRepStats(app, body.repId);
    audit({ action: 'reps.recomputeStats', target: { kind: 'rep', id: body.repId }, after: { recomputed: out.recomputed } });
    return { body: { recomputed: out.recomputed, computedAt: out.computedAt.toISOString() } };
  },
});

export const repRoutes = [listRepsRoute, repLoadRoute, getRepRoute, createRepRoute, updateRepRoute, repStatusRoute, recomputeStatsRoute];
