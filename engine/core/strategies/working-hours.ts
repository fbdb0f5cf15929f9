import type { Rep } from '../model/rep.schema';

type WorkingHours = NonNullable<Rep['workingHours']>;

/** Local wall-clock time in a time zone: ISO weekday 1 (Mon) … 7 (Sun) and minutes since midnight. */
export interface LocalTime {
  weekday: number;
  minutes: number;
}

const WEEKDAYS: Readonly<Record<string, number>> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** One formatter per time zone (building one is the slow part); `null` marks an unknown time zone. */
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    } catch {
      f = null;
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The last answer per time zone, keyed by the minute: the local weekday and time only change from one minute to the
 * next, and formatting is the slow part, so a stream of decisions formats once per time zone per minute.
 */
const lastByZone = new Map<string, { minute: number; local: LocalTime | null }>();

/** The local weekday and time at `now` (epoch ms) in `timeZone`; `null` when the time zone is unknown. */
export function localTime(now: number, timeZone: string): LocalTime | null {
  const minute = Math.floor(now / 60_000);
  const last = lastByZone.get(timeZone);
  if (last && last.minute === minute) return last.local;
  const local = formatLocalTime(minute * 60_000, timeZone);
  lastByZone.set(timeZone, { minute, local });
  return local;
}

function formatLocalTime(now: number, timeZone: string): LocalTime | null {
  const f = formatterFor(timeZone);
  if (!f) return null;
  let weekday = 0;
  let hour = -1;
  let minute = -1;
  for (const part of f.formatToParts(now)) {
    if (part.type === 'weekday') weekday = WEEKDAYS[part.value] ?? 0;
    else if (part.type === 'hour') hour = Number(part.value) % 24;
    else if (part.type === 'minute') minute = Number(part.value);
  }
  if (weekday === 0 || hour < 0 || minute < 0) return null;
  return { weekday, minutes: hour * 60 + minute };
}

const digit = (s: string, i: number): number => {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
};

/** "09:30" → 570; "24:00" → 1440; `null` when malformed. (No regex: it runs for every rep of every decision.) */
export function parseClock(hhmm: string): number | null {
  if (hhmm.length !== 5 || hhmm.charCodeAt(2) !== 58) return null;
  const h = digit(hhmm, 0) * 10 + digit(hhmm, 1);
  const min = digit(hhmm, 3) * 10 + digit(hhmm, 4);
  if (!(h <= 24 && min <= 59) || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

export type WorkingHoursCheck =
  | { kind: 'inside'; local: LocalTime }
  | { kind: 'outside'; local: LocalTime }
  | { kind: 'invalid' };

/**
 * Whether a local time falls inside working hours. The window is [start, end) on each listed day; a window that
 * ends before it starts (22:00–06:00) runs overnight and belongs to the day it starts on; start = end is empty.
 */
export function isInsideWindow(hours: WorkingHours, local: LocalTime): boolean | null {
  const start = parseClock(hours.start);
  const end = parseClock(hours.end);
  if (start === null || end === null) return null;
  const day = (d: number) => hours.days.includes(d);
  if (start < end) return day(local.weekday) && local.minutes >= start && local.minutes < end;
  if (start > end) {
    const previous = local.weekday === 1 ? 7 : local.weekday - 1;
    return (day(local.weekday) && local.minutes >= start) || (day(previous) && local.minutes < end);
  }
  return false;
}

/** Checks a rep's working hours at `now`. */
export function checkWorkingHours(hours: WorkingHours, now: number): WorkingHoursCheck {
  const local = localTime(now, hours.timezone);
  if (!local) return { kind: 'invalid' };
  const inside = isInsideWindow(hours, local);
  if (inside === null) return { kind: 'invalid' };
  return { kind: inside ? 'inside' : 'outside', local };
}

export const formatClock = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
