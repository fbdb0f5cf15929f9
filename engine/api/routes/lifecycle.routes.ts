import { text } from '../../core/common/localized';
import { ErrorBodySchema, IdParams } from '../http/common.schemas';
import { defineRoute } from '../http/define-route';
import { LifecycleView } from '../../services/lifecycle/lifecycle-status.schemas';
import { customerLifecycleStatus } from '../../services/lifecycle/lifecycle-status.service';

export const customerLifecycleRoute = defineRoute({
  id: 'customers.lifecycle',
  method: 'get',
  path: '/api/customers/:id/lifecycle',
  tag: 'customers',
  summary: text('客户的跟进生命周期：当前步骤、到期时间、最近步骤', 'A customer’s follow-up lifecycle: current step, due times, recent steps'),
  auth: { roles: ['admin', 'manager', 'rep'], tokenScope: 'customers:read' },
  params: IdParams,
  responses: { 200: LifecycleView, 404: ErrorBodySchema, 503: ErrorBodySchema },
  async handler({ app, principal, params }) {
    return { body: await customerLifecycleStatus(app, principal, params.id) };
  },
});

export const lifecycleRoutes = [customerLifecycleRoute];
