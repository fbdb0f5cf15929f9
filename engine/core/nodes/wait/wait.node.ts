import { Type, type Static } from '@sinclair/typebox';
import { text } from '../../common/localized';
import { defineNode } from '../common/define-node';
import { DurationSchema, durationMs, formatDuration } from '../common/duration.schema';
import { words } from '../common/schema-helpers';
import { keepWaiting, ownTimerFired, readTimerState, startTimer } from '../common/timer';
import { addWorkingTime, WorkingHoursParamSchema } from '../common/working-time';

const WaitParams = Type.Object(
  {
    duration: DurationSchema({ amount: 1, unit: 'days' }, '等待时长', 'Duration'),
    workingHoursOnly: Type.Boolean({ default: false, ...words({ zh: '仅计工作时间', en: 'Working hours only', helpZh: '只在工作时间内计时；按天计时为工作日。', helpEn: 'Count working time only; days count working days.' }) }),
    workingHours: WorkingHoursParamSchema,
  },
  { additionalProperties: false },
);
type Params = Static<typeof WaitParams>;

export const waitNode = defineNode({
  type: 'wait',
  version: 1,
  kinds: ['followUp'],
  category: 'timing',
  icon: 'HourglassOutlined',
  labels: text('等待', 'Wait'),
  help: text('等待一段时间后继续（可只计工作时间）。', 'Waits for a duration, then goes on (optionally counting working hours only).'),
  params: WaitParams,
  outputs: () => [{ id: 'next', labels: text('下一步', 'Next') }],
  summary: (p: Params, locale) => {
    const d = formatDuration(p.duration, locale);
    const wh = p.workingHoursOnly ? (locale === 'en' ? ' (working time)' : '（工作时间）') : '';
    return locale === 'en' ? `Wait ${d}${wh}` : `等待 ${d}${wh}`;
  },
  waits: true,
  references: () => [],
  step: (p, ctx) => {
    const state = readTimerState(ctx.nodeState);
    if (ctx.event.kind === 'entered' || !state) {
      const at = ctx.event.at;
      return startTimer(ctx, p.workingHoursOnly ? addWorkingTime(at, p.duration, p.workingHours) : at + durationMs(p.duration));
    }
    if (ownTimerFired(ctx, state)) return { type: 'continue', output: 'next', actions: [] };
    return keepWaiting(state);
  },
});
