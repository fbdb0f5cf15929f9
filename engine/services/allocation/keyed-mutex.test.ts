import { describe, expect, it } from 'vitest';
import { KeyedMutex } from './keyed-mutex';

describe('KeyedMutex', () => {
  it('runs sections with the same key one at a time, in arrival order, and different keys side by side', async () => {
    const m = new KeyedMutex();
    const log: string[] = [];
    const section = (key: string, name: string, ms: number) =>
      m.run(key, async () => {
        log.push(`${name}:in`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`${name}:out`);
        return name;
      });
    const results = await Promise.all([section('a', 'a1', 20), section('a', 'a2', 1), section('b', 'b1', 5)]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('a1:out')).toBeLessThan(log.indexOf('a2:in'));
    expect(log.indexOf('b1:in')).toBeLessThan(log.indexOf('a1:out'));
  });

  it('releases the key when a section throws', async () => {
    const m = new KeyedMutex();
    await expect(m.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await m.run('k', async () => 'next')).toBe('next');
  });
});
