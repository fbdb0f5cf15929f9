import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, retryDelay } from './retry-schedule';

describe('retryDelay', () => {
  it('backs off exponentially-ish and stops after five tries', () => {
    expect([1, 2, 3, 4].map(retryDelay)).toEqual([1_000, 5_000, 30_000, 120_000]);
    expect(MAX_ATTEMPTS).toBe(5);
    expect(retryDelay(5)).toBeUndefined();
    expect(retryDelay(0)).toBeUndefined();
  });
});
