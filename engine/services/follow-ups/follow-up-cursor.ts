/** Cursor of a newest-first list ordered by (at desc, _id desc): the last item's instant and id, base64url. */
export interface AtCursor {
  at: number;
  id: string;
}

export function encodeAtCursor(c: AtCursor): string {
  return Buffer.from(`${c.at}:${c.id}`, 'utf8').toString('base64url');
}

/** The cursor, or null when it is not one this API gave out. */
export function decodeAtCursor(cursor: string): AtCursor | null {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(cursor)) return null;
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^(-?\d{1,16}):([0-9a-f]{24})$/.exec(raw);
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  const at = Number(m[1]);
  return Number.isSafeInteger(at) ? { at, id: m[2] } : null;
}
