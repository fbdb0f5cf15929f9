import { Type } from '@sinclair/typebox';
import { text, type LocalizedText } from '../../common/localized';
import { defineNode } from '../common/define-node';
import { fixedStep } from '../common/fixed-step';
import type { AllocationStepResult } from '../node-definition';
import { DurationSchema, formatDuration } from '../common/duration.schema';
import { words } from '../common/schema-helpers';
import { TRIGGER_EVENT_WORDS, TriggerEventSchema, type TriggerEventValue } from './trigger-event.schema';

const TriggerParams = Type.Object(
  {
    on: TriggerEventSchema,
    every: Type.Optional(
      DurationSchema({ amount: 1, unit: 'days' }, '执行间隔', 'Run every', '仅用于“定时”触发。', 'Only for the schedule trigger.'),
    ),
  },
  { additionalProperties: false, ...words({ zh: '触发', en: 'Trigger' }) },
);

const next = [{ id: 'next', labels: text('下一步', 'Next') }];

const triggeredBy = (on: TriggerEventValue): LocalizedText =>
  text(`由“${TRIGGER_EVENT_WORDS[on]['zh-CN']}”触发`, `Triggered by "${TRIGGER_EVENT_WORDS[on].en}"`);

export const triggerNode = defineNode({
  type: 'trigger',
  version: 1,
  kinds: ['allocation', 'followUp'],
  category: 'start',
  icon: 'ThunderboltOutlined',
  labels: text('触发', 'Trigger'),
  help: text(
    '流程的起点：选择何时运行（新建、导入、回收、更新、分配客户，销售离职，或定时）。每个流程恰好一个触发节点。',
    'Where the flow starts: choose when it runs (customer created, imported, reclaimed, updated or assigned, rep departed, or on a schedule). Every flow has exactly one trigger.',
  ),
  params: TriggerParams,
  outputs: () => next,
  summary: (p, locale) => {
    const event = TRIGGER_EVENT_WORDS[p.on][locale];
    if (p.on !== 'schedule' || !p.every) return event;
    return locale === 'en' ? `${event}: every ${formatDuration(p.every, locale)}` : `${event}：每 ${formatDuration(p.every, locale)}`;
  },
  waits: false,
  references: () => [],
  check: (p) =>
    p.on === 'schedule' && !p.every
      ? [{ code: 'FLOW_SCHEDULE_WITHOUT_INTERVAL', pointer: '/every', message: text('定时触发需要设置执行间隔。', 'A schedule trigger needs an interval: set "Run every".') }]
      : [],
  // the step result is the same for every run of a flow version: built once
  prepare: (p) => fixedStep('next', triggeredBy(p.on)),
  evaluate: (p, ctx) => (ctx.prepared as AllocationStepResult | undefined) ?? fixedStep('next', triggeredBy(p.on)),
  step: () => ({ type: 'continue', output: 'next', actions: [] }),
});
