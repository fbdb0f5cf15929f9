import { Type } from '@sinclair/typebox';
import { text } from '../../core/common/localized';
import { reconcileRepCounters } from '../../services/allocation/reconcile-counters';
import { defineRoute } from '../http/define-route';

const Pair = Type.Object({ was: Type.Integer(), now: Type.Integer() });

export const reconcileCountersRoute = defineRoute({
  id: 'maintenance.reconcileCounters',
  method: 'post',
  path: '/api/maintenance/reconcile-counters',
  tag: 'maintenance',
  summary: text('按真实数据重算每位销售的在手数与今日分配数，并修正偏差', 'Recompute every rep’s open and today counts from the data and correct any drift'),
  auth: { roles: ['admin'] },
  responses: { 200: Type.Object({ fixed: Type.Array(Type.Object({ repId: Type.String(), name: Type.String(), openCount: Pair, todayCount: Pair })) }) },
  async handler({ app, audit }) {
    const fixed = await reconcileRepCounters(app);
    for (const f of fixed) audit({ action: 'reps.reconcileCounters', target: { kind: 'rep', id: f.repId }, before: { openCount: f.openCount.was, todayCount: f.todayCount.was }, after: { openCount: f.openCount.now, todayCount: f.todayCount.now } });
    if (!fixed.length) audit({ action: 'reps.reconcileCounters', target: { kind: 'rep' }, before: null, after: { fixed: 0 } });
    return { body: { fixed } };
  },
});

export const maintenanceRoutes = [reconcileCountersRoute];
