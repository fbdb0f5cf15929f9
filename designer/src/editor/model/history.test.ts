import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, createHistory, record, redo, undo } from './history';

describe('undo stack', () => {
  it('undoes and redoes edits in order', () => {
    let h = createHistory('a');
    h = record(h, 'b');
    h = record(h, 'c');
    expect(h.present).toBe('c');
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(canUndo(h)).toBe(false);
    h = undo(h);
    expect(h.present).toBe('a');
    h = redo(h);
    h = redo(h);
    expect(h.present).toBe('c');
    expect(canRedo(h)).toBe(false);
  });

  it('drops the redo branch on a new edit', () => {
    let h = record(record(createHistory(1), 2), 3);
    h = undo(h);
    h = record(h, 4);
    expect(h.present).toBe(4);
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe(2);
  });

  it('ignores no-op edits', () => {
    const base = createHistory({ v: 1 });
    expect(record(base, base.present)).toBe(base);
    expect(canUndo(base)).toBe(false);
  });

  it('is bounded', () => {
    let h = createHistory(0);
    for (let i = 1; i <= 30; i++) h = record(h, i, 10);
    expect(h.past).toHaveLength(10);
    expect(h.past[0]).toBe(20);
  });
});
