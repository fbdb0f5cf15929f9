import { Type } from '@sinclair/typebox';
import { text } from '../../core/common/localized';
import { reconcileRepCounters } from '../../services/allocation/reconcile-counters';
import { reconcileClaimCounters } from '../../services/pools/reconcile-claim-counters';
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

const Count = Type.Integer({ minimum: 0 });

export const reconcileClaimCountersRoute = defineRoute({
  id: 'maintenance.reconcileClaimCounters',
  method: 'post',
  path: '/api/maintenance/reconcile-claim-counters',
  tag: 'maintenance',
  summary: text(
    '按真实数据重算公海领取的计数（每位销售今日从各公海领取数、在手客户数），并修正偏差',
    'Recompute the counters pool claims are checked against (each rep’s claims today per pool, customers held) from the data and correct any drift',
  ),
  auth: { roles: ['admin'] },
  responses: {
    200: Type.Object({
      claimsToday: Type.Array(Type.Object({ poolId: Type.String(), repId: Type.String(), name: Type.String(), date: Type.String(), was: Count, now: Count })),
      held: Type.Array(Type.Object({ repId: Type.String(), name: Type.String(), was: Count, now: Count })),
      /** drift seen while claims were under way, left alone (run again) */
      busy: Count,
    }),
  },
  async handler({ app, audit }) {
    const report = await reconcileClaimCounters(app);
    for (const f of report.claimsToday) {
      audit({ action: 'pools.reconcileClaimCounters', target: { kind: 'rep', id: f.repId }, before: { poolId: f.poolId, date: f.date, claimsToday: f.was }, after: { poolId: f.poolId, date: f.date, claimsToday: f.now } });
    }
    for (const f of report.held) audit({ action: 'pools.reconcileClaimCounters', target: { kind: 'rep', id: f.repId }, before: { openCount: f.was }, after: { openCount: f.now } });
    if (!report.claimsToday.length && !report.held.length) audit({ action: 'pools.reconcileClaimCounters', target: { kind: 'rep' }, before: null, after: { fixed: 0, busy: report.busy } });
    return { body: report };
  },
});

export const maintenanceRoutes = [reconcileCountersRoute, reconcileClaimCountersRoute];
