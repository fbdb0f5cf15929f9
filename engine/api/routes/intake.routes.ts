import { Type } from '@sinclair/typebox';
import { text } from '../../core/common/localized';
import { LocalizedTextSchema } from '../../core/common/localized';
import { CustomerIntakeSchema } from '../../services/customers/customer-input.schema';
import { withIdempotency } from '../../services/allocation/idempotency';
import { intakeCustomer, type IntakeOutcome } from '../../services/allocation/intake.service';
import { defineRoute } from '../http/define-route';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const IntakeOutcomeSchema = Type.Object({
  customerId: Type.String(),
  outcome: Type.Union(['assigned', 'pool', 'duplicate', 'unassigned', 'noActiveFlow'].map((o) => Type.Literal(o))),
  ownerId: Nullable(Type.String()),
  teamId: Nullable(Type.String()),
  poolId: Nullable(Type.String()),
  duplicateOf: Nullable(Type.String()),
  score: Nullable(Type.Number()),
  grade: Nullable(Type.String()),
  why: LocalizedTextSchema,
  replayed: Type.Boolean(),
});

/**
 * POST /api/customers — intake: validate → dedupe → run the active allocation flow → commit
 * atomically → assignment event → lifecycle requested. `Idempotency-Key` makes retries safe.
 */
export const intakeRoute = defineRoute({
  id: 'customers.create',
  method: 'post',
  path: '/api/customers',
  tag: 'customers',
  summary: text(
    '新客户进件：查重、按启用的分配流程分配、原子提交并记录分配原因；支持 Idempotency-Key',
    'Customer intake: dedupe, run the active allocation flow, commit atomically and record why; honours Idempotency-Key',
  ),
  auth: { roles: ['admin', 'manager', 'rep'], tokenScope: 'intake' },
  rateLimit: (config) => config.intakeRateLimit,
  body: CustomerIntakeSchema,
  responses: { 201: IntakeOutcomeSchema, 200: IntakeOutcomeSchema },
  async handler({ body, principal, app, req, requestId, auditNow }) {
    const r = await withIdempotency<IntakeOutcome>(app, req.get('idempotency-key') ?? undefined, 'customers.create', body, async () => {
      // the audit entry is written beside the assignment event (one round trip less); a replay writes none
      const alongside = (o: IntakeOutcome) => auditNow({ action: 'customers.create', target: { kind: 'customer', id: o.customerId }, before: null, after: { ...o } });
      const outcome = await intakeCustomer(app, principal, body, { requestId, alongside });
      return { status: outcome.outcome === 'duplicate' ? 200 : 201, body: outcome, customerId: outcome.customerId };
    });
    return { status: r.status, body: { ...r.body, replayed: r.replayed }, ...(r.replayed ? { headers: { 'idempotent-replayed': 'true' } } : {}) };
  },
});

export const intakeRoutes = [intakeRoute];
