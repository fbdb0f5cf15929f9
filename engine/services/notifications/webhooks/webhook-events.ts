import { Type } from '@sinclair/typebox';
import { text, type LocalizedText } from '../../../core/common/localized';

/** Every event a webhook may subscribe to, with the words robots and the console show. */
export const WEBHOOK_EVENTS = {
  'customer.created': text('新客户进入', 'New customer'),
  'customer.assigned': text('客户已分配', 'Customer assigned'),
  'customer.reassigned': text('客户已改派', 'Customer reassigned'),
  'customer.reclaimed': text('客户已回收到公海', 'Customer reclaimed to the pool'),
  'customer.escalated': text('跟进已升级给主管', 'Follow-up escalated to the manager'),
  'customer.won': text('客户已成交', 'Deal won'),
  'customer.lost': text('客户已流失', 'Deal lost'),
  'followUp.logged': text('已记录跟进', 'Follow-up logged'),
  'followUp.overdue': text('跟进已超时', 'Follow-up overdue'),
  'pool.claimed': text('公海客户被领取', 'Pool customer claimed'),
  'pool.released': text('客户已放回公海', 'Customer released to the pool'),
  'rep.statusChanged': text('销售状态变更', 'Rep status changed'),
  'job.finished': text('导入任务完成', 'Import job finished'),
  'flow.published': text('流程已发布', 'Flow published'),
  'flow.notify': text('流程通知', 'Flow notification'),
  'webhook.ping': text('测试消息', 'Test message'),
} as const satisfies Record<string, LocalizedText>;

export type WebhookEvent = keyof typeof WEBHOOK_EVENTS;
export const WEBHOOK_EVENT_NAMES = Object.keys(WEBHOOK_EVENTS) as WebhookEvent[];

export const WebhookEventSchema = Type.Union(
  WEBHOOK_EVENT_NAMES.map((e) => Type.Literal(e)),
  { description: 'event name' },
);

export const isWebhookEvent = (e: string): e is WebhookEvent => Object.hasOwn(WEBHOOK_EVENTS, e);
