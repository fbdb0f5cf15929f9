import { describe, expect, it } from 'vitest';
import { checkWorkingHours, isInsideWindow, localTime, parseClock } from './working-hours';

const at = (iso: string) => Date.parse(iso);
const office = (timezone: string, over: Partial<{ days: number[]; start: string; end: string }> = {}) => ({
  timezone,
  days: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '18:00',
  ...over,
});

describe('localTime', () => {
  it('reads weekday and time in the rep’s own time zone', () => {
    const now = at('2024-03-04T02:00:00Z');
    expect(localTime(now, 'Asia/Shanghai')).toEqual({ weekday: 1, minutes: 10 * 60 });
    expect(localTime(now, 'America/New_York')).toEqual({ weekday: 7, minutes: 21 * 60 });
    expect(localTime(at('2024-03-04T16:00:00Z'), 'Asia/Shanghai')).toEqual({ weekday: 2, minutes: 0 });
  });

  it('follows daylight saving time', () => {
    // New York: EST (UTC-5) before 2024-03-10, EDT (UTC-4) after
    expect(localTime(at('2024-03-08T14:30:00Z'), 'America/New_York')).toEqual({ weekday: 5, minutes: 9 * 60 + 30 });
    expect(localTime(at('2024-03-11T14:30:00Z'), 'America/New_York')).toEqual({ weekday: 1, minutes: 10 * 60 + 30 });
  });

  it('returns null for an unknown time zone', () => {
    expect(localTime(0, 'Mars/Olympus_Mons')).toBeNull();
  });
});

describe('checkWorkingHours', () => {
  it('the same instant is inside for Shanghai and outside (Sunday night) for New York', () => {
    const now = at('2024-03-04T02:00:00Z');
    expect(checkWorkingHours(office('Asia/Shanghai'), now).kind).toBe('inside');
    expect(checkWorkingHours(office('America/New_York'), now).kind).toBe('outside');
  });

  it('a Monday afternoon in New York is late night in Shanghai', () => {
    const now = at('2024-03-04T19:00:00Z'); // NY Mon 14:00, Shanghai Tue 03:00
    expect(checkWorkingHours(office('America/New_York'), now).kind).toBe('inside');
    expect(checkWorkingHours(office('Asia/Shanghai'), now).kind).toBe('outside');
  });

  it('respects the listed days', () => {
    const saturdayNoonShanghai = at('2024-03-09T04:00:00Z');
    expect(checkWorkingHours(office('Asia/Shanghai'), saturdayNoonShanghai).kind).toBe('outside');
    expect(checkWorkingHours(office('Asia/Shanghai', { days: [6] }), saturdayNoonShanghai).kind).toBe('inside');
  });

  it('treats the window as [start, end)', () => {
    const tz = 'Asia/Shanghai';
    expect(checkWorkingHours(office(tz), at('2024-03-04T01:00:00Z')).kind).toBe('inside'); // 09:00
    expect(checkWorkingHours(office(tz), at('2024-03-04T00:59:00Z')).kind).toBe('outside'); // 08:59
    expect(checkWorkingHours(office(tz), at('2024-03-04T10:00:00Z')).kind).toBe('outside'); // 18:00
    expect(checkWorkingHours(office(tz, { end: '24:00' }), at('2024-03-04T15:59:00Z')).kind).toBe('inside'); // 23:59
  });

  it('an overnight window belongs to the day it starts on', () => {
    const night = { days: [5], start: '22:00', end: '06:00' }; // Friday night shift
    expect(isInsideWindow({ timezone: 'UTC', ...night }, { weekday: 5, minutes: 23 * 60 })).toBe(true);
    expect(isInsideWindow({ timezone: 'UTC', ...night }, { weekday: 6, minutes: 5 * 60 })).toBe(true);
    expect(isInsideWindow({ timezone: 'UTC', ...night }, { weekday: 6, minutes: 23 * 60 })).toBe(false);
    expect(isInsideWindow({ timezone: 'UTC', ...night }, { weekday: 5, minutes: 5 * 60 })).toBe(false);
    expect(isInsideWindow({ timezone: 'UTC', days: [7], start: '22:00', end: '06:00' }, { weekday: 1, minutes: 60 })).toBe(true);
  });

  it('reports invalid settings instead of throwing', () => {
    expect(checkWorkingHours(office('Nowhere/Land'), 0).kind).toBe('invalid');
    expect(checkWorkingHours(office('UTC', { start: '9am' }), 0).kind).toBe('invalid');
    expect(parseClock('24:30')).toBeNull();
    expect(parseClock('07:05')).toBe(425);
  });

  it('answers per minute: seconds within a minute agree, the next minute moves on', () => {
    const base = at('2024-03-04T09:59:00Z'); // Shanghai 17:59
    expect(localTime(base + 59_999, 'Asia/Shanghai')).toEqual({ weekday: 1, minutes: 17 * 60 + 59 });
    expect(localTime(base, 'Asia/Shanghai')).toEqual({ weekday: 1, minutes: 17 * 60 + 59 });
    expect(localTime(base + 60_000, 'Asia/Shanghai')).toEqual({ weekday: 1, minutes: 18 * 60 });
    expect(checkWorkingHours(office('Asia/Shanghai'), base + 60_000).kind).toBe('outside');
    expect(localTime(base - 1, 'Asia/Shanghai')).toEqual({ weekday: 1, minutes: 17 * 60 + 58 });
  });
});
