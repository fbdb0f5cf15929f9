import { Type } from '@sinclair/typebox';
import { text } from '../../common/localized';
import { defineNode } from '../common/define-node';
import { checkMessage, messageFieldRefs, renderMessage } from '../common/message-template';
import { LocalizedParam } from '../common/schema-helpers';

const RemindParams = Type.Object(
  {
    message: LocalizedParam(text('请尽快跟进客户 {{customer.name}}', 'Please follow up with {{customer.name}} soon'), {
      zh: '提醒内容', en: 'Message', helpZh: '可用 {{customer.name}} 等占位符。', helpEn: 'Placeholders such as {{customer.name}} are filled in.',
    }),
  },
  { additionalProperties: false },
);

export const remindNode = defineNode({
  type: 'remind',
  version: 1,
  kinds: ['followUp'],
  category: 'notify',
  icon: 'BellOutlined',
  labels: text('提醒负责人', 'Remind'),
  help: text('给负责人发送跟进提醒，然后继续。', 'Sends the owner a follow-up reminder, then goes on.'),
  params: RemindParams,
  outputs: () => [{ id: 'next', labels: text('下一步', 'Next') }],
  summary: (p, locale) => {
    const m = p.message[locale];
    return m.length > 48 ? `${m.slice(0, 47)}…` : m;
  },
  waits: false,
  references: (p) => messageFieldRefs(p.message, '/message'),
  check: (p) => checkMessage(p.message, '/message'),
  step: (p, ctx) => ({
    type: 'continue',
    output: 'next',
    actions: [{ kind: 'remind', nodeId: ctx.nodeId, message: renderMessage(p.message, { customer: ctx.customer, now: ctx.now }) }],
  }),
});
