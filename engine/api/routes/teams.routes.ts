import { Type } from '@sinclair/typebox';
import { text } from '../../core/common/localized';
import { ErrorBodySchema, IdParams } from '../http/common.schemas';
import { defineRoute } from '../http/define-route';
import { TeamCreateBody, TeamUpdateBody, TeamView } from '../../services/teams/team.schemas';
import { createTeam, getTeam, listTeams, updateTeam } from '../../services/teams/team.service';

const ADMIN = { roles: ['admin'], tokenScope: 'admin' } as const;

export const listTeamsRoute = defineRoute({
  id: 'teams.list',
  method: 'get',
  path: '/api/teams',
  tag: 'teams',
  summary: text('团队列表（管理员全部；主管所管团队；销售自己的团队）', 'List teams (admins all; managers the teams they manage; reps their own)'),
  auth: { roles: ['admin', 'manager', 'rep'] },
  responses: { 200: Type.Object({ items: Type.Array(TeamView) }) },
  async handler({ app, principal }) {
    return { body: { items: await listTeams(app, principal) } };
  },
});

export const getTeamRoute = defineRoute({
  id: 'teams.get',
  method: 'get',
  path: '/api/teams/:id',
  tag: 'teams',
  summary: text('团队详情', 'A team'),
  auth: { roles: ['admin', 'manager', 'rep'] },
  params: IdParams,
  responses: { 200: TeamView, 404: ErrorBodySchema },
  async handler({ app, principal, params }) {
    return { body: await getTeam(app, principal, params.id) };
  },
});

export const createTeamRoute = defineRoute({
  id: 'teams.create',
  method: 'post',
  path: '/api/teams',
  tag: 'teams',
  summary: text('新建团队（可指定主管）', 'Create a team (optionally with its manager)'),
  auth: ADMIN,
  body: TeamCreateBody,
  responses: { 201: TeamView, 400: ErrorBodySchema, 409: ErrorBodySchema },
  async handler({ app, body, audit }) {
    const team = await createTeam(app, body);
    audit({ action: 'teams.create', target: { kind: 'team', id: team.id }, after: team });
    return { status: 201, body: team };
  },
});

export const updateTeamRoute = defineRoute({
  id: 'teams.update',
  method: 'patch',
  path: '/api/teams/:id',
  tag: 'teams',
  summary: text('修改团队（名称、说明、主管）', 'Update a team (name, description, manager)'),
  auth: ADMIN,
  params: IdParams,
  body: TeamUpdateBody,
  responses: { 200: TeamView, 400: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema },
  async handler({ app, params, body, audit }) {
    const { before, after } = await updateTeam(app, params.id, body);
    audit({ action: 'teams.update', target: { kind: 'team', id: params.id }, before, after });
    return { body: after };
  },
});

export const teamRoutes = [listTeamsRoute, getTeamRoute, createTeamRoute, updateTeamRoute];
