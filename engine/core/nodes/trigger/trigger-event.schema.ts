import { Type, type Static } from '@sinclair/typebox';
import { text, type LocalizedText } from '../../common/localized';
import { Option, words } from '../common/schema-helpers';

/** What starts a flow. `customerAssigned` starts follow-up flows (the lifecycle of an ownership). */
export const TRIGGER_EVENTS = [
  'customerCreated', 'customerImported', 'customerReclaimed', 'customerUpdated', 'customerAssigned', 'repDeparted', 'schedule',
] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

export const TRIGGER_EVENT_WORDS: Readonly<Record<TriggerEvent, LocalizedText>> = {
  customerCreated: text('新建客户', 'Customer created'),
  customerImported: text('导入客户', 'Customer imported'),
  customerReclaimed: text('客户被回收', 'Customer reclaimed'),
  customerUpdated: text('客户信息更新', 'Customer updated'),
  customerAssigned: text('客户已分配', 'Customer assigned'),
  repDeparted: text('销售离职或休假', 'Rep departed'),
  schedule: text('定时', 'Schedule'),
};

const triggerEventOptions = () => TRIGGER_EVENTS.map((e) => Option(e, TRIGGER_EVENT_WORDS[e]['zh-CN'], TRIGGER_EVENT_WORDS[e].en));

/** The trigger node's `on` (defaults to customerCreated for a freshly dropped node). */
export const TriggerEventSchema = Type.Union(triggerEventOptions(), { default: 'customerCreated', ...words({ zh: '触发事件', en: 'Trigger event' }) });

/** The flow document's `trigger`: the same events, required (no default). */
export const FlowTriggerSchema = Type.Union(triggerEventOptions(), words({ zh: '触发事件', en: 'Trigger event' }));
export type TriggerEventValue = Static<typeof TriggerEventSchema>;
