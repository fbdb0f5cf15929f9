import { describe, expect, it } from 'vitest';
import { describeCatalog } from '../../../../engine/core/nodes';
import { knownIcon } from './node-icon';
import { paletteGroups } from './node-palette';

const catalog = describeCatalog('zh-CN');

describe('palette', () => {
  it('offers only the node types that fit the flow kind, grouped in category order', () => {
    const alloc = paletteGroups(catalog, 'allocation', '');
    const types = alloc.flatMap((g) => g.entries.map((e) => e.type));
    expect(types).toContain('assign');
    expect(types).not.toContain('waitForFollowUp');
    expect(alloc[0]?.category).toBe('start');
    const follow = paletteGroups(catalog, 'followUp', '').flatMap((g) => g.entries.map((e) => e.type));
    expect(follow).toContain('waitForFollowUp');
    expect(follow).not.toContain('score');
  });

  it('searches in both languages and by type', () => {
    const hit = (q: string) => paletteGroups(catalog, 'allocation', q).flatMap((g) => g.entries.map((e) => e.type));
    expect(hit('分配')).toContain('assign');
    expect(hit('assign')).toContain('assign');
    expect(hit('POOL')).toContain('toPool');
    expect(hit('zzzz')).toEqual([]);
  });

  it('has an icon for every node type', () => {
    for (const e of catalog) expect(knownIcon(e.icon), e.type).toBe(true);
  });
});
