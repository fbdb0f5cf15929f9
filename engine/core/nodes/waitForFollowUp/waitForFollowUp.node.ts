import { Type, type Static } from '@sinclair/typebox';
import { text } from '../../common/localized';
import { defineNode } from '../common/define-node';
import { DurationSchema, durationMs, formatDuration } from '../common/duration.schema';
import { words } from '../common/schema-helpers';
import { keepWaiting, ownTimerFired, readTimerState, startTimer } from '../common/timer';
import { addWorkingTime, WorkingHoursParamSchema } from '../common/working-time';

const WaitForFollowUpParams = Type.Object(
  {
    sla: DurationSchema({ amount: 24, unit: 'hours' }, '跟进时限', 'SLA', '在此时间内记录跟进走“已跟进”，否则走“超时”。', 'A follow-up logged within this time takes "done"; otherwise "timeout".'),
    workingHoursOnly: Type.Boolean({ default: false, ...words({ zh: '仅计工作时间', en: 'Working hours only', helpZh: '只在工作时间内计时；按天计时为工作日。', helpEn: 'Count working time only; days count working days.' }) }),
    workingHours: WorkingHoursParamSchema,
  },
  { additionalProperties: false },
);
type Params = Static<typeof WaitForFollowUpParams>;

const deadlineFrom = (p: Params, at: number): number => (p.workingHoursOnly ? addWorkingTime(at, p.sla, p.workingHours) : at + durationMs(p.sla));

export const waitForFollowUpNode = defineNode({
  type: 'waitForFollowUp',
  version: 1,
  kinds: ['followUp'],
  category: 'timing',
  icon: 'FieldTimeOutlined',
  labels: text('等待跟进', 'Wait for follow-up'),
  help: text(
    '等待负责人记录跟进：在时限内记录走“已跟进”，超过时限走“超时”（可用于提醒、升级、回收）。',
    'Waits for the owner to log a follow-up: "done" when one is logged within the SLA, "timeout" when the SLA passes (then remind, escalate or reclaim).',
  ),
  params: WaitForFollowUpParams,
  outputs: () => [
    { id: 'done', labels: text('已跟进', 'Done') },
    { id: 'timeout', labels: text('超时', 'Timeout') },
  ],
  summary: (p, locale) => {
    const d = formatDuration(p.sla, locale);
    const wh = p.workingHoursOnly ? (locale === 'en' ? ' (working time)' : '（工作时间）') : '';
    return locale === 'en' ? `Follow-up within ${d}${wh}` : `${d}内跟进${wh}`;
  },
  waits: true,
  references: () => [],
  step: (p, ctx) => {
    const state = readTimerState(ctx.nodeState);
    if (ctx.event.kind === 'entered' || !state) return startTimer(ctx, deadlineFrom(p, ctx.event.at));
    if (ctx.event.kind === 'followUpLogged' && ctx.event.at >= state.enteredAt) return { type: 'continue', output: 'done', actions: [] };
    if (ownTimerFired(ctx, state)) return { type: 'continue', output: 'timeout', actions: [] };
    return keepWaiting(state);
  },
});
