import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enMessages } from './en.messages';
import { zhMessages } from './zh-CN.messages';

type Tree = { [k: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}
function lookup(tree: Tree, key: string): string | Tree | undefined {
  return key.split('.').reduce<string | Tree | undefined>((node, part) => (node && typeof node === 'object' ? node[part] : undefined), tree);
}
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('i18n key coverage', () => {
  const zh = keys(zhMessages as Tree);
  const en = keys(enMessages as Tree);

  it('has every key in both languages, each with a non-empty text', () => {
    expect(en.sort()).toEqual(zh.sort());
    for (const k of zh) {
      expect(String(lookup(zhMessages as Tree, k)).trim(), `zh-CN ${k}`).not.toBe('');
      expect(String(lookup(enMessages as Tree, k)).trim(), `en ${k}`).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const k of zh) expect(placeholders(String(lookup(enMessages as Tree, k))), k).toEqual(placeholders(String(lookup(zhMessages as Tree, k))));
  });

  it('defines every literal key the designer asks for', () => {
    const src = join(__dirname, '..');
    const used = new Set<string>();
    for (const file of sourceFiles(src)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)) used.add(m[1] as string);
      for (const m of readFileSync(file, 'utf8').matchAll(/\btip\(\s*'([a-zA-Z][\w.]*)'/g)) used.add(m[1] as string);
    }
    expect(used.size).toBeGreaterThan(150);
    const missing = [...used].filter((k) => typeof lookup(zhMessages as Tree, k) !== 'string');
    expect(missing).toEqual([]);
  });

  it('covers the keys built at run time from known values', () => {
    const families: Record<string, readonly (string | number)[]> = {
      'palette.category': ['start', 'logic', 'data', 'assignment', 'pool', 'notify', 'timing', 'end'],
      status: ['new', 'assigned', 'inPool', 'won', 'lost'],
      roles: ['admin', 'manager', 'rep'],
      kinds: ['allocation', 'followUp'],
      'sim.outcome': ['assigned', 'pool', 'duplicate', 'unassigned'],
      'sim.fair': ['spread', 'gini', 'mean', 'min', 'max'],
      facts: ['customer', 'derived', 'attribute', 'rep', 'load'],
      'form.pick': ['team', 'rep', 'pool'],
      duration: ['minutes', 'hours', 'days'],
      weekday: [1, 2, 3, 4, 5, 6, 7],
      repStatus: ['active', 'onLeave', 'departed'],
      'templates.kind': ['team', 'pool', 'rep'],
    };
    for (const [family, values] of Object.entries(families)) {
      for (const v of values) expect(typeof lookup(zhMessages as Tree, `${family}.${v}`), `${family}.${v}`).toBe('string');
    }
  });
});
