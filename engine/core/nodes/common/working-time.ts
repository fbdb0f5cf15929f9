import { Type, type Static } from '@sinclair/typebox';
import { localTime, parseClock } from '../../strategies/working-hours';
import { durationMs, type Duration } from './duration.schema';
import { words } from './schema-helpers';

export const WorkingHoursParamSchema = Type.Object(
  {
    timezone: Type.String({ minLength: 1, maxLength: 60, default: 'Asia/Shanghai', ...words({ zh: '时区', en: 'Time zone' }) }),
    days: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), {
      minItems: 1, maxItems: 7, uniqueItems: true, default: [1, 2, 3, 4, 5],
      ...words({ zh: '工作日', en: 'Working days', helpZh: '1 = 周一 … 7 = 周日', helpEn: '1 = Monday … 7 = Sunday' }),
    }),
    start: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', default: '09:00', ...words({ zh: '上班时间', en: 'Start' }) }),
    end: Type.String({ pattern: '^([01]\\d|2[0-4]):[0-5]\\d$', default: '18:00', ...words({ zh: '下班时间', en: 'End' }) }),
  },
  { additionalProperties: false, default: {}, ...words({ zh: '工作时间', en: 'Working hours' }) },
);
export type WorkingHoursParam = Static<typeof WorkingHoursParamSchema>;

const MINUTE = 60_000;
const MAX_STEPS = 20_000;

/** Minutes of work per working day, or undefined when the window is malformed. */
function windowOf(wh: WorkingHoursParam): { start: number; end: number } | undefined {
  const start = parseClock(wh.start);
  const end = parseClock(wh.end);
  return start === null || end === null || end <= start ? undefined : { start, end };
}

/**
 * `from` plus a duration counted in working time only (in `wh.timezone`): minutes and hours count working
 * minutes; days count working days (each worth one working window). Falls back to plain time when the working
 * hours are unusable (unknown time zone, empty window) or the span is absurdly long.
 */
export function addWorkingTime(from: number, d: Duration, wh: WorkingHoursParam): number {
  const plain = from + durationMs(d);
  const win = windowOf(wh);
  if (!win) return plain;
  const days = new Set(wh.days);
  let remaining = d.unit === 'days' ? d.amount * (win.end - win.start) * MINUTE : durationMs(d);
  let t = from;
  for (let i = 0; i < MAX_STEPS; i++) {
    const lt = localTime(t, wh.timezone);
    if (!lt) return plain;
    const frac = ((t % MINUTE) + MINUTE) % MINUTE;
    if (days.has(lt.weekday) && lt.minutes < win.end) {
      if (lt.minutes < win.start) {
        t = t - frac + (win.start - lt.minutes) * MINUTE;
        continue;
      }
      const avail = (win.end - lt.minutes) * MINUTE - frac;
      if (remaining <= avail) return t + remaining;
      remaining -= avail;
      t += avail;
      continue;
    }
    t = t - frac + (1440 - lt.minutes) * MINUTE;
  }
  return plain;
}
