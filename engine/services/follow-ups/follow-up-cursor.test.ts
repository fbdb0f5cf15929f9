import { describe, expect, it } from 'vitest';
import { decodeAtCursor, encodeAtCursor } from './follow-up-cursor';

describe('follow-up cursor', () => {
  it('round-trips the instant and the id', () => {
    const c = { at: 1_767_225_600_000, id: '0123456789abcdef01234567' };
    expect(decodeAtCursor(encodeAtCursor(c))).toEqual(c);
  });
  it('refuses anything it did not give out', () => {
    expect(decodeAtCursor('{"$ne":null}')).toBeNull();
    expect(decodeAtCursor(Buffer.from('12:nothex', 'utf8').toString('base64url'))).toBeNull();
    expect(decodeAtCursor('')).toBeNull();
  });
});
