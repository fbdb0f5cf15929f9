import { text, type LocalizedText } from '../../core/common/localized';
import type { AppContext } from '../../api/app-context';
import { notify, type NotifyResult } from './inbox/notify.service';
import { emitEvent } from './webhooks/webhook-emit.service';

/** What a flow's notify node asks for (the engine's notify effect / follow-up action). */
export interface FlowNotification {
  channel: string;
  /** rep ids */
  to?: readonly string[];
  /** also the managers of the customer's team */
  toManager?: boolean;
  message: LocalizedText;
  /** a registered webhook's URL; without it every webhook of the channel's kind subscribed to flow.notify */
  webhookUrl?: string;
}

export interface FlowNotificationContext {
  customerId?: string;
  teamId?: string;
  /** from the workflow activity, so a retried activity sends once */
  dedupeKey?: string;
  /** extra facts for webhook receivers (customer name, owner …) */
  data?: Record<string, unknown>;
}

export interface FlowNotificationResult {
  inbox: NotifyResult | null;
  deliveryIds: string[];
}

const KIND_OF_CHANNEL = { webhook: 'generic', wecom: 'wecom', dingtalk: 'dingtalk' } as const;

/**
 * Carries out one notify effect of a flow: `inApp` → the inbox of the named reps (and the team's
 * managers); `webhook` / `wecom` / `dingtalk` → the `flow.notify` event to the webhooks of that kind
 * (delivered, signed and retried by the pump). Unknown channels do nothing and say so.
 */
export async function sendFlowNotification(app: AppContext, n: FlowNotification, ctx: FlowNotificationContext = {}): Promise<FlowNotificationResult> {
  if (n.channel === 'inApp') {
    const inbox = await notify(app, {
      repIds: n.to ?? [],
      ...(n.toManager && ctx.teamId ? { managersOfTeamIds: [ctx.teamId] } : {}),
      kind: 'system',
      title: text('流程通知', 'Flow notification'),
      body: n.message,
      ...(ctx.customerId ? { customerId: ctx.customerId, link: `/customers/${ctx.customerId}` } : {}),
      ...(ctx.dedupeKey ? { dedupeKey: ctx.dedupeKey } : {}),
    });
    return { inbox, deliveryIds: [] };
  }
  const kind = KIND_OF_CHANNEL[n.channel as keyof typeof KIND_OF_CHANNEL];
  if (!kind) return { inbox: null, deliveryIds: [] };
  const deliveryIds = await emitEvent(app, {
    event: 'flow.notify',
    data: { ...(ctx.data ?? {}), ...(ctx.customerId ? { customerId: ctx.customerId } : {}), recipients: [...(n.to ?? [])] },
    message: { title: text('流程通知', 'Flow notification'), body: n.message },
    kinds: [kind],
    ...(n.webhookUrl ? { urls: [n.webhookUrl] } : {}),
    ...(ctx.dedupeKey ? { dedupeKey: `${ctx.dedupeKey}:${n.channel}` } : {}),
  });
  return { inbox: null, deliveryIds };
}
