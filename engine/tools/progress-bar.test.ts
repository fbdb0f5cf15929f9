import { describe, expect, it } from 'vitest';
import { createProgress } from './progress-bar';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { isTTY, chunks, write: (c: string) => chunks.push(c) };
}

describe('createProgress', () => {
  it('redraws one line on a terminal, at most every 100 ms, and always at 100 %', () => {
    const s = sink(true);
    let t = 0;
    const p = createProgress(s, 20_000, { mode: 'auto', clock: () => t });
    p.update(1000);
    t = 50;
    p.update(2000); // throttled
    t = 200;
    p.update(3000);
    p.update(20_000);
    p.finish();
    expect(s.chunks).toHaveLength(4);
    expect(s.chunks[0]).toMatch(/^\rSimulating \[##-{28}\] +5% 1,000\/20,000$/);
    expect(s.chunks[2]).toContain('100% 20,000/20,000');
    expect(s.chunks[3]).toBe('\n');
  });

  it('prints a line per 10 % when not on a terminal', () => {
    const s = sink(false);
    const p = createProgress(s, 10_000, { mode: 'auto' });
    for (let i = 500; i <= 10_000; i += 500) p.update(i);
    expect(s.chunks).toHaveLength(11);
    expect(s.chunks.every((c) => c.endsWith('\n'))).toBe(true);
  });

  it('stays quiet for small inputs unless asked, and when told never', () => {
    const small = sink(true);
    createProgress(small, 500, { mode: 'auto' }).update(500);
    expect(small.chunks).toEqual([]);
    const always = sink(false);
    createProgress(always, 500, { mode: 'always' }).update(500);
    expect(always.chunks).toHaveLength(1);
    const never = sink(true);
    createProgress(never, 1e6, { mode: 'never' }).update(1e6);
    expect(never.chunks).toEqual([]);
  });
});
