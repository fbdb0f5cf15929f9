import { Type, type Static } from '@sinclair/typebox';
import { text, type LocalizedText } from '../../common/localized';
import type { AllocationContext, ParamIssue } from '../node-definition';
import { defineNode } from '../common/define-node';
import { checkMessage, messageFieldRefs, renderMessage } from '../common/message-template';
import { schemaRefs } from '../common/references';
import { IdString, LocalizedParam, Option, words } from '../common/schema-helpers';

const CHANNEL_WORDS: Readonly<Record<string, LocalizedText>> = {
  inApp: text('站内信', 'In-app'),
  webhook: text('Webhook', 'Webhook'),
  wecom: text('企业微信', 'WeCom'),
  dingtalk: text('钉钉', 'DingTalk'),
};

const NotifyParams = Type.Object(
  {
    channels: Type.Array(
      Type.Union([Option('inApp', '站内信', 'In-app'), Option('webhook', 'Webhook（签名）', 'Webhook (signed)'), Option('wecom', '企业微信', 'WeCom'), Option('dingtalk', '钉钉', 'DingTalk')]),
      { minItems: 1, maxItems: 4, uniqueItems: true, default: ['inApp'], ...words({ zh: '渠道', en: 'Channels' }) },
    ),
    recipients: Type.Array(
      Type.Union([Option('owner', '负责人', 'Owner'), Option('manager', '团队主管', 'Team manager'), Option('reps', '指定销售', 'Named reps')]),
      { minItems: 1, maxItems: 3, uniqueItems: true, default: ['owner'], ...words({ zh: '接收人', en: 'Recipients' }) },
    ),
    repIds: Type.Array(IdString('rep'), { maxItems: 50, uniqueItems: true, default: [], ...words({ zh: '指定销售', en: 'Named reps' }) }),
    webhookUrl: Type.Optional(
      Type.String({ maxLength: 500, pattern: '^https?://[^\\s]+$', ...words({ zh: 'Webhook 地址', en: 'Webhook URL', helpZh: 'Webhook、企业微信、钉钉渠道的地址；留空使用系统默认。', helpEn: 'Endpoint for the webhook, WeCom and DingTalk channels; empty uses the system default.' }) }),
    ),
    message: LocalizedParam(text('客户 {{customer.name}} 需要你关注', 'Customer {{customer.name}} needs your attention'), {
      zh: '消息', en: 'Message', helpZh: '可用 {{customer.name}}、{{customer.grade}}、{{owner.name}} 等占位符。', helpEn: 'Placeholders such as {{customer.name}}, {{customer.grade}}, {{owner.name}} are filled in.',
    }),
  },
  { additionalProperties: false },
);
type Params = Static<typeof NotifyParams>;

/** Rep ids to notify in an allocation run: owner, the owner's team manager, named reps; each once. */
function recipientsOf(p: Params, ctx: AllocationContext): string[] {
  const to: string[] = [];
  const add = (id: string | undefined) => { if (id && !to.includes(id)) to.push(id); };
  for (const r of p.recipients) {
    if (r === 'owner') add(ctx.customer.ownerId);
    else if (r === 'manager') add(ctx.env.teams.find((t) => t.id === ctx.customer.teamId)?.managerRepId);
    else p.repIds.forEach(add);
  }
  return to;
}

function check(p: Params): ParamIssue[] {
  const issues = checkMessage(p.message, '/message');
  if (p.recipients.includes('reps') && p.repIds.length === 0) {
    issues.push({ code: 'FLOW_NOTIFY_NO_REPS', pointer: '/repIds', message: text('接收人包含“指定销售”，请至少选择一名销售。', 'Recipients include named reps: pick at least one rep.') });
  }
  return issues;
}

export const notifyNode = defineNode({
  type: 'notify',
  version: 1,
  kinds: ['allocation', 'followUp'],
  category: 'notify',
  icon: 'NotificationOutlined',
  labels: text('发送通知', 'Notify'),
  help: text(
    '通过站内信、签名 Webhook、企业微信或钉钉通知负责人、团队主管或指定销售；消息可使用 {{customer.name}} 等占位符。',
    'Notifies the owner, the team manager or named reps by in-app message, signed webhook, WeCom or DingTalk; the message may use placeholders such as {{customer.name}}.',
  ),
  params: NotifyParams,
  outputs: () => [{ id: 'next', labels: text('下一步', 'Next') }],
  summary: (p, locale) => {
    const ch = p.channels.map((c) => CHANNEL_WORDS[c]?.[locale] ?? c).join(locale === 'en' ? ', ' : '、');
    const msg = p.message[locale];
    return `${ch}: ${msg.length > 40 ? `${msg.slice(0, 39)}…` : msg}`;
  },
  waits: false,
  references: (p) => [...schemaRefs(NotifyParams, { repIds: p.repIds }), ...messageFieldRefs(p.message, '/message')],
  check,
  evaluate: (p, ctx) => {
    const owner = ctx.customer.ownerId ? ctx.env.reps.find((c) => c.rep.id === ctx.customer.ownerId)?.rep : undefined;
    const message = renderMessage(p.message, { customer: ctx.customer, now: ctx.env.now, ...(owner ? { owner: { id: owner.id, name: owner.name } } : {}) });
    const to = recipientsOf(p, ctx);
    const url = p.webhookUrl !== undefined ? { webhookUrl: p.webhookUrl } : {};
    return {
      output: 'next',
      effects: p.channels.map((channel) => ({ kind: 'notify' as const, channel, to, message, ...url })),
      trace: { summary: text(`通知 ${to.join('、') || '（无接收人）'}：${message['zh-CN']}`, `Notified ${to.join(', ') || '(no recipient)'}: ${message.en}`) },
    };
  },
  step: (p, ctx) => {
    const message = renderMessage(p.message, { customer: ctx.customer, now: ctx.now });
    const to: string[] = [];
    if (p.recipients.includes('owner') && ctx.customer.ownerId) to.push(ctx.customer.ownerId);
    if (p.recipients.includes('reps')) for (const id of p.repIds) if (!to.includes(id)) to.push(id);
    const toManager = p.recipients.includes('manager');
    return {
      type: 'continue',
      output: 'next',
      actions: p.channels.map((channel) => ({ kind: 'notify' as const, nodeId: ctx.nodeId, channel, message, to, toManager, ...(p.webhookUrl !== undefined ? { webhookUrl: p.webhookUrl } : {}) })),
    };
  },
});
