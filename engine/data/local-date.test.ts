import { describe, expect, it } from 'vitest';
import { localDate } from './local-date';

const direct = (ms: number, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);

describe('localDate', () => {
  it('turns the day at local midnight, also for calls in the same UTC minute and across zones', () => {
    const midnightShanghai = Date.UTC(2026, 10, 27, 16, 0, 0); // 2026-11-28 00:00 in Asia/Shanghai
    expect(localDate(midnightShanghai - 1, 'Asia/Shanghai')).toBe('2026-11-27');
    expect(localDate(midnightShanghai, 'Asia/Shanghai')).toBe('2026-11-28');
    expect(localDate(midnightShanghai - 1, 'Asia/Shanghai')).toBe('2026-11-27');
    expect(localDate(midnightShanghai, 'America/New_York')).toBe('2026-11-27');
    expect(localDate(Date.UTC(2026, 10, 27, 18, 30), 'Asia/Kolkata')).toBe('2026-11-28'); // +05:30 turns at 18:30 UTC
    expect(localDate(Date.UTC(2026, 10, 27, 18, 29, 59, 999), 'Asia/Kolkata')).toBe('2026-11-27');
  });
  it('agrees with formatting every time, on random instants and zones, called in any order', () => {
    const zones = ['Asia/Shanghai', 'Asia/Kathmandu', 'America/St_Johns', 'Europe/London', 'Pacific/Chatham', 'UTC'];
    let seed = 7;
    const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const base = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 2_000; i++) {
      const ms = base + Math.floor(rnd() * 400 * 86_400_000);
      const tz = zones[i % zones.length] as string;
      expect(localDate(ms, tz)).toBe(direct(ms, tz));
      expect(localDate(ms + 59_999 - (ms % 60_000), tz)).toBe(direct(ms + 59_999 - (ms % 60_000), tz));
    }
    expect(localDate(Date.UTC(1900, 0, 1), 'Asia/Shanghai')).toBe(direct(Date.UTC(1900, 0, 1), 'Asia/Shanghai'));
  });
});
