import { describe, expect, it } from 'vitest';
import { findUnsafeKey, safeKeys } from './safe-keys.validator';

describe('safe keys for free-form values', () => {
  it('accepts plain nested values, dates and ids', () => {
    expect(findUnsafeKey({ nodes: [{ id: 'n1', params: { 'zh-CN': 'x', deep: [{ a: new Date(0) }] } }] })).toBeUndefined();
    expect(findUnsafeKey({ id: { _bsontype: 'ObjectId' } })).toBeUndefined();
    expect(safeKeys.validator(null)).toBe(true);
  });

  it('names the first key with a dot, a leading $ or NUL, with its path', () => {
    expect(findUnsafeKey({ nodes: [{ params: { 'a.b': 1 } }] })).toBe('/nodes/0/params/a.b');
    expect(findUnsafeKey({ filter: { $where: 'x' } })).toBe('/filter/$where');
    expect(findUnsafeKey({ 'a\0b': 1 })).toBe('/a\0b');
    expect(safeKeys.validator({ x: { $ne: null } })).toBe(false);
    expect(safeKeys.message({ path: 'document', value: { x: { $ne: null } } })).toContain('/x/$ne');
  });

  it('refuses nesting deeper than 64 levels', () => {
    let deep: object = {};
    for (let i = 0; i < 70; i++) deep = { d: deep };
    expect(findUnsafeKey(deep)).toMatch(/nested deeper than 64/);
  });
});
