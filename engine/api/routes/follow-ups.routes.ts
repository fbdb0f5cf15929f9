import { text } from '../../core/common/localized';
import { ErrorBodySchema, IdParams, Page } from '../http/common.schemas';
import { defineRoute } from '../http/define-route';
import { FollowUpCreateBody, FollowUpListQuery, FollowUpView } from '../../services/follow-ups/follow-up.schemas';
import { listFollowUps, logFollowUp } from '../../services/follow-ups/follow-up.service';

export const createFollowUpRoute = defineRoute({
  id: 'followUps.create',
  method: 'post',
  path: '/api/customers/:id/follow-ups',
  tag: 'follow-ups',
  summary: text('记录一次跟进（仅负责人或协同销售）', 'Log a follow-up (owner or collaborator only)'),
  auth: { roles: ['admin', 'manager', 'rep'] },
  params: IdParams,
  body: FollowUpCreateBody,
  responses: { 201: FollowUpView, 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema },
  async handler({ app, principal, params, body, audit }) {
    const { view, movedLastFollowUp } = await logFollowUp(app, principal, params.id, body);
    audit({ action: 'followUps.create', target: { kind: 'followUp', id: view.id }, after: { ...view, movedLastFollowUp } });
    return { status: 201, body: view };
  },
});

export const listFollowUpsRoute = defineRoute({
  id: 'followUps.list',
  method: 'get',
  path: '/api/customers/:id/follow-ups',
  tag: 'follow-ups',
  summary: text('客户的跟进记录（新的在前，游标分页）', 'A customer’s follow-ups (newest first, cursor-paginated)'),
  auth: { roles: ['admin', 'manager', 'rep'], tokenScope: 'customers:read' },
  params: IdParams,
  query: FollowUpListQuery,
  responses: { 200: Page(FollowUpView), 400: ErrorBodySchema, 404: ErrorBodySchema },
  async handler({ app, principal, params, query }) {
    return { body: await listFollowUps(app, principal, params.id, query) };
  },
});

export const followUpRoutes = [createFollowUpRoute, listFollowUpsRoute];
