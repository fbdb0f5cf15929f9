import mongoose, { isValidObjectId, Types } from 'mongoose';
import { text } from '../../core/common/localized';
import { ApiError } from '../../api/api-error';

/**
 * Opaque cursors for lists sorted newest first by a date field, ties broken by `_id` (both
 * descending). `p` is a free phase marker for lists read in several passes (unread, then read).
 */
export interface TimeCursor {
  /** the date field of the last item, epoch ms */
  t: number;
  /** the `_id` of the last item */
  i: string;
  p?: string;
}

export function encodeCursor(c: TimeCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

const badCursor = () =>
  new ApiError(400, 'INVALID_CURSOR', text('分页游标无效，请从第一页重新读取', 'The page cursor is not valid; start again from the first page'), [
    { path: '/query/cursor', message: text('无效的游标', 'Not a valid cursor') },
  ]);

export function decodeCursor(raw: string): TimeCursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<TimeCursor>;
    if (typeof c.t !== 'number' || !Number.isFinite(c.t) || typeof c.i !== 'string' || !isValidObjectId(c.i)) throw badCursor();
    if (c.p !== undefined && (typeof c.p !== 'string' || c.p.length > 8)) throw badCursor();
    return { t: c.t, i: c.i, ...(c.p !== undefined ? { p: c.p } : {}) };
  } catch {
    throw badCursor();
  }
}

/**
 * The filter part "strictly after the cursor" in (field desc, _id desc) order. Built from a decoded
 * cursor (a number and a checked object id), never from raw caller input.
 */
export function afterCursor(field: string, c: TimeCursor): Record<string, unknown> {
  const at = new Date(c.t);
  const id = new Types.ObjectId(c.i);
  // trusted() per operator object: the global sanitizeFilter walks into $or and checks each value
  return { $or: [{ [field]: mongoose.trusted({ $lt: at }) }, { [field]: at, _id: mongoose.trusted({ $lt: id }) }] };
}

/** Cuts a page of `limit + 1` rows to `limit` and gives the cursor of the next page. */
export function pageOf<T extends { _id: unknown }>(rows: T[], limit: number, dateOf: (row: T) => Date, phase?: string): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  const last = page[page.length - 1] as T;
  return { rows: page, nextCursor: encodeCursor({ t: dateOf(last).getTime(), i: String(last._id), ...(phase ? { p: phase } : {}) }) };
}
