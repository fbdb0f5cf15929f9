import { describe, expect, it } from 'vitest';
import { changeGeneration, markChanged, updatedFields } from './change-generation';
import { FreshCache } from './fresh-cache';

describe('updatedFields', () => {
  it('lists the fields under each operator and of a replacement', () => {
    expect(updatedFields({ $inc: { openCount: 1, todayCount: 1 }, $set: { updatedAt: 1 } })).toEqual(['openCount', 'todayCount', 'updatedAt']);
    expect(updatedFields({ name: 'x', capacity: 3 })).toEqual(['name', 'capacity']);
    expect(updatedFields({ $unset: { workingHours: 1 } })).toEqual(['workingHours']);
  });
  it('gives null for what it cannot read (so the caller treats it as a change)', () => {
    expect(updatedFields(null)).toBeNull();
    expect(updatedFields([{ $set: { a: 1 } }])).toBeNull();
  });
});

describe('change generations', () => {
  it('count per connection and collection', () => {
    const a = {};
    const b = {};
    markChanged(a, 'reps');
    markChanged(a, 'reps');
    markChanged(a, 'users');
    expect(changeGeneration(a, 'reps')).toBe(2);
    expect(changeGeneration(a, 'users')).toBe(1);
    expect(changeGeneration(b, 'reps')).toBe(0);
  });
});

describe('FreshCache', () => {
  it('serves an entry until its collection changes through this process', () => {
    const conn = {};
    const cache = new FreshCache<string>(conn, ['users'], 60_000);
    const gen = cache.generation();
    cache.set('k', 'v', gen, performance.now());
    expect(cache.get('k')).toBe('v');
    markChanged(conn, 'apiTokens'); // not one it depends on
    expect(cache.get('k')).toBe('v');
    markChanged(conn, 'users');
    expect(cache.get('k')).toBeUndefined();
  });
  it('does not keep a value read while its collection changed', () => {
    const conn = {};
    const cache = new FreshCache<string>(conn, ['users'], 60_000);
    const before = cache.generation();
    markChanged(conn, 'users'); // a write lands while the read is in flight
    cache.set('k', 'stale', before, performance.now());
    expect(cache.get('k')).toBeUndefined();
  });
  it('expires entries after the time limit and keeps nothing with a limit of 0', () => {
    const conn = {};
    const cache = new FreshCache<string>(conn, ['users'], 50);
    cache.set('old', 'v', cache.generation(), performance.now() - 51);
    expect(cache.get('old')).toBeUndefined();
    const off = new FreshCache<string>(conn, ['users'], 0);
    off.set('k', 'v', off.generation(), performance.now());
    expect(off.get('k')).toBeUndefined();
  });
  it('loads once and serves the value; a replaced value keeps the entry live until its collection changes', async () => {
    const conn = {};
    const cache = new FreshCache<number[]>(conn, ['reps'], 60_000);
    let loads = 0;
    const load = async () => [++loads];
    expect(await cache.getOrLoad('k', load)).toEqual({ value: [1], cached: false });
    expect(await cache.getOrLoad('k', load)).toEqual({ value: [1], cached: true });
    cache.replace('k', (v) => [...v, 2]);
    expect(await cache.getOrLoad('k', load)).toEqual({ value: [1, 2], cached: true });
    markChanged(conn, 'reps');
    expect(await cache.getOrLoad('k', load)).toEqual({ value: [2], cached: false });
    cache.delete('k');
    expect((await cache.getOrLoad('k', load)).cached).toBe(false);
  });
});
