import { describe, expect, it } from 'vitest';
import { addWorkingTime } from './working-time';

const wh = { timezone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };
// Shanghai is UTC+8 all year
const sh = (y: number, m: number, d: number, h: number, min = 0) => Date.UTC(y, m - 1, d, h - 8, min);

describe('addWorkingTime', () => {
  it('counts only working minutes, across the evening and the weekend', () => {
    // Fri 17:00 + 2 h → Mon 10:00
    expect(addWorkingTime(sh(2025, 3, 7, 17), { amount: 2, unit: 'hours' }, wh)).toBe(sh(2025, 3, 10, 10));
    // Sat 12:00 + 30 min → Mon 09:30
    expect(addWorkingTime(sh(2025, 3, 8, 12), { amount: 30, unit: 'minutes' }, wh)).toBe(sh(2025, 3, 10, 9, 30));
    // Wed 07:00 + 1 h → Wed 10:00
    expect(addWorkingTime(sh(2025, 3, 5, 7), { amount: 1, unit: 'hours' }, wh)).toBe(sh(2025, 3, 5, 10));
  });

  it('counts days as working days', () => {
    // Fri 17:00 + 1 working day (9 h) → Mon 17:00
    expect(addWorkingTime(sh(2025, 3, 7, 17), { amount: 1, unit: 'days' }, wh)).toBe(sh(2025, 3, 10, 17));
  });

  it('falls back to plain time for unusable working hours', () => {
    const from = sh(2025, 3, 7, 17);
    expect(addWorkingTime(from, { amount: 2, unit: 'hours' }, { ...wh, timezone: 'Mars/Olympus' })).toBe(from + 7_200_000);
    expect(addWorkingTime(from, { amount: 2, unit: 'hours' }, { ...wh, start: '18:00', end: '09:00' })).toBe(from + 7_200_000);
  });
});
