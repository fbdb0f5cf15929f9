import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { rowCustomerId } from './import-row-id';

describe('rowCustomerId', () => {
  const job = new Types.ObjectId();

  it('is the same id for the same job and row, and a valid ObjectId', () => {
    const id = rowCustomerId(job, 42);
    expect(rowCustomerId(new Types.ObjectId(job.toHexString()), 42)).toBe(id);
    expect(Types.ObjectId.isValid(id)).toBe(true);
    expect(new Types.ObjectId(id).getTimestamp().getTime()).toBe(job.getTimestamp().getTime());
  });

  it('differs per row and per job, and ascends with the row', () => {
    const ids = [1, 2, 3, 1000, 100_001].map((r) => rowCustomerId(job, r));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(rowCustomerId(new Types.ObjectId(), 2)).not.toBe(ids[1]);
  });

  it('refuses a row number it cannot hold', () => {
    expect(() => rowCustomerId(job, 0)).toThrow(RangeError);
    expect(() => rowCustomerId(job, 0x1000000)).toThrow(RangeError);
  });
});
