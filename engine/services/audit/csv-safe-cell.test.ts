import { describe, expect, it } from 'vitest';
import { safeCell } from './csv-safe-cell';

describe('safeCell', () => {
  it.each(['=cmd|\' /C calc\'!A0', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])('quotes a cell starting a formula: %j', (v) => {
    expect(safeCell(v)).toBe(`'${v}`);
  });

  it('leaves ordinary text, numbers and JSON alone', () => {
    expect(safeCell('张三 = 客户')).toBe('张三 = 客户');
    expect(safeCell(42)).toBe('42');
    expect(safeCell({ a: '=1' })).toBe('{"a":"=1"}');
    expect(safeCell(null)).toBe('');
    expect(safeCell(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
  });

  it('quotes negative numbers given as text, as spreadsheets would compute them', () => {
    expect(safeCell('-5')).toBe("'-5");
  });
});
