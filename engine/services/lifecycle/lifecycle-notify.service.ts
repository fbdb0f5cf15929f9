import { text, type LocalizedText } from '../../core/common/localized';
import type { AppContext } from '../../api/app-context';
import { sendFlowNotification } from '../notifications/flow-notify.service';
import { notify } from '../notifications/inbox/notify.service';
import { emitEvent } from '../notifications/webhooks/webhook-emit.service';
import type { EscalateInput, NotifyInput, RemindInput, SentResult, WarnRecycleInput } from '../../temporal/activities/lifecycle-io';
import { recycleWarningText } from '../recycling/recycle-words';

/**
 * The lifecycle's messages: reminders, escalations, flow notifications and recycle warnings. Every
 * one carries the activity's ledger key as its dedupe key, so a retried activity sends nothing twice
 * (the notification's unique dedupeKey and the webhook delivery key decide).
 */
const link = (customerId: string) => `/customers/${customerId}`;

/** Messages render `{{owner.name}}` as the owner id inside the workflow (it has no names): put the name in. */
async function withOwnerName(app: AppContext, message: LocalizedText, ownerId: string): Promise<LocalizedText> {
  if (!message['zh-CN'].includes(ownerId) && !message.en.includes(ownerId)) return message;
  const rep = await app.models.Rep.findById(ownerId, { name: 1, nameEn: 1 }).lean();
  if (!rep) return message;
  return text(message['zh-CN'].split(ownerId).join(rep.name), message.en.split(ownerId).join(rep.nameEn ?? rep.name));
}

async function customerName(app: AppContext, customerId: string): Promise<string> {
  const c = await app.models.Customer.findById(customerId, { name: 1 }).lean();
  return c?.name ?? customerId;
}

export async function remindOwner(app: AppContext, input: RemindInput, key: string): Promise<SentResult> {
  const body = await withOwnerName(app, input.message, input.ownerId);
  const sent = await notify(app, {
    repIds: [input.ownerId],
    kind: 'reminder',
    title: text('跟进提醒', 'Follow-up reminder'),
    body,
    customerId: input.customerId,
    link: link(input.customerId),
    dedupeKey: key,
  });
  await emitEvent(app, {
    event: 'followUp.overdue',
    data: { customerId: input.customerId, ownerId: input.ownerId, nodeId: input.nodeId },
    message: { title: text('跟进提醒', 'Follow-up reminder'), body },
    dedupeKey: key,
  });
  return { created: sent.created };
}

export async function escalateToManager(app: AppContext, input: EscalateInput, key: string): Promise<SentResult> {
  const team = input.teamId ? await app.models.Team.findById(input.teamId, { managerRepId: 1 }).lean() : null;
  const managerRepId = team?.managerRepId ? String(team.managerRepId) : undefined;
  let collaboratorAdded = false;
  if (input.addManagerAsCollaborator && managerRepId && managerRepId !== input.ownerId) {
    const r = await app.models.Customer.updateOne({ _id: input.customerId }, { $addToSet: { collaboratorIds: managerRepId } });
    collaboratorAdded = r.modifiedCount === 1;
  }
  const body = await withOwnerName(app, input.message, input.ownerId);
  const sent = await notify(app, {
    ...(managerRepId ? { repIds: [managerRepId] } : {}),
    ...(input.teamId ? { managersOfTeamIds: [input.teamId] } : {}),
    kind: 'escalation',
    title: text('跟进升级', 'Follow-up escalated'),
    body,
    customerId: input.customerId,
    link: link(input.customerId),
    dedupeKey: key,
  });
  await emitEvent(app, {
    event: 'customer.escalated',
    data: { customerId: input.customerId, ownerId: input.ownerId, managerRepId: managerRepId ?? null, collaboratorAdded },
    message: { title: text('跟进升级', 'Follow-up escalated'), body },
    dedupeKey: key,
  });
  return { created: sent.created, collaboratorAdded };
}

export async function notifyForFlow(app: AppContext, input: NotifyInput, key: string): Promise<SentResult> {
  const a = input.action;
  const message = await withOwnerName(app, a.message, input.ownerId);
  const r = await sendFlowNotification(
    app,
    { channel: a.channel, ...(a.to ? { to: a.to } : {}), ...(a.toManager ? { toManager: true } : {}), message, ...(a.webhookUrl ? { webhookUrl: a.webhookUrl } : {}) },
    { customerId: input.customerId, ...(input.teamId ? { teamId: input.teamId } : {}), dedupeKey: key, data: { nodeId: a.nodeId, ownerId: input.ownerId } },
  );
  return { created: (r.inbox?.created ?? 0) + r.deliveryIds.length };
}

export async function warnOfRecycle(app: AppContext, input: WarnRecycleInput, key: string): Promise<SentResult> {
  const body = recycleWarningText(await customerName(app, input.customerId), input.reason, input.days, input.recycleAt);
  const sent = await notify(app, {
    repIds: [input.ownerId],
    kind: 'reclaimWarning',
    title: text('即将回收到公海', 'About to go back to the pool'),
    body,
    customerId: input.customerId,
    link: link(input.customerId),
    dedupeKey: key,
  });
  return { created: sent.created };
}
