import type { Connection } from 'mongoose';
import { activeFlowSchema } from './collections/active-flow.model';
import { allocationStateSchema } from './collections/allocation-state.model';
import { apiTokenSchema } from './collections/api-token.model';
import { assignmentEventSchema } from './collections/assignment-event.model';
import { auditLogSchema } from './collections/audit-log.model';
import { claimCounterSchema } from './collections/claim-counter.model';
import { contactKeySchema } from './collections/contact-key.model';
import { customerSchema } from './collections/customer.model';
import { flowVersionSchema } from './collections/flow-version.model';
import { flowSchema } from './collections/flow.model';
import { followUpSchema } from './collections/follow-up.model';
import { idempotencyKeySchema } from './collections/idempotency-key.model';
import { jobRowSchema } from './collections/job-row.model';
import { jobSchema } from './collections/job.model';
import { jobSourceSchema } from './collections/job-source.model';
import { lifecycleSignalSchema } from './collections/lifecycle-signal.model';
import { notificationSchema } from './collections/notification.model';
import { poolSchema } from './collections/pool.model';
import { repSchema } from './collections/rep.model';
import { teamSchema } from './collections/team.model';
import { userSchema } from './collections/user.model';
import { webhookClaimSchema } from './collections/webhook-claim.model';
import { webhookDeliverySchema } from './collections/webhook-delivery.model';
import { webhookSchema } from './collections/webhook.model';

function bind(conn: Connection) {
  return {
    Customer: conn.model('Customer', customerSchema),
    Rep: conn.model('Rep', repSchema),
    Team: conn.model('Team', teamSchema),
    Pool: conn.model('Pool', poolSchema),
    User: conn.model('User', userSchema),
    Flow: conn.model('Flow', flowSchema),
    FlowVersion: conn.model('FlowVersion', flowVersionSchema),
    ActiveFlow: conn.model('ActiveFlow', activeFlowSchema),
    FollowUp: conn.model('FollowUp', followUpSchema),
    AssignmentEvent: conn.model('AssignmentEvent', assignmentEventSchema),
    AuditLog: conn.model('AuditLog', auditLogSchema),
    Notification: conn.model('Notification', notificationSchema),
    IdempotencyKey: conn.model('IdempotencyKey', idempotencyKeySchema),
    ContactKey: conn.model('ContactKey', contactKeySchema),
    AllocationState: conn.model('AllocationState', allocationStateSchema),
    ClaimCounter: conn.model('ClaimCounter', claimCounterSchema),
    Job: conn.model('Job', jobSchema),
    JobRow: conn.model('JobRow', jobRowSchema),
    JobSource: conn.model('JobSource', jobSourceSchema),
    Webhook: conn.model('Webhook', webhookSchema),
    WebhookDelivery: conn.model('WebhookDelivery', webhookDeliverySchema),
    WebhookClaim: conn.model('WebhookClaim', webhookClaimSchema),
    ApiToken: conn.model('ApiToken', apiTokenSchema),
    LifecycleSignal: conn.model('LifecycleSignal', lifecycleSignalSchema),
  };
}

/** Every Allot model, bound to one connection. */
export type Models = ReturnType<typeof bind>;
export type ModelName = keyof Models;

const bound = new WeakMap<Connection, Models>();

/** The models bound to `conn` (created once per connection, then reused). */
export function getModels(conn: Connection): Models {
  let models = bound.get(conn);
  if (!models) {
    models = bind(conn);
    bound.set(conn, models);
  }
  return models;
}

export type { CustomerDoc } from './collections/customer.model';
export type { RepDoc } from './collections/rep.model';
export type { TeamDoc } from './collections/team.model';
export type { PoolDoc } from './collections/pool.model';
export type { UserDoc } from './collections/user.model';
export type { FlowDoc } from './collections/flow.model';
export type { FlowVersionDoc } from './collections/flow-version.model';
export type { ActiveFlowDoc } from './collections/active-flow.model';
export type { FollowUpDoc } from './collections/follow-up.model';
export type { AssignmentEventDoc } from './collections/assignment-event.model';
export type { AuditLogDoc } from './collections/audit-log.model';
export type { NotificationDoc } from './collections/notification.model';
export type { IdempotencyKeyDoc } from './collections/idempotency-key.model';
export type { AllocationStateDoc } from './collections/allocation-state.model';
export type { ClaimCounterDoc } from './collections/claim-counter.model';
export type { JobDoc } from './collections/job.model';
export type { JobRowDoc } from './collections/job-row.model';
export type { WebhookDoc } from './collections/webhook.model';
export type { WebhookDeliveryDoc } from './collections/webhook-delivery.model';
export type { ApiTokenDoc } from './collections/api-token.model';
export type { LifecycleSignalDoc } from './collections/lifecycle-signal.model';
