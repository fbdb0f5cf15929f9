import type { Static } from '@sinclair/typebox';
import mongoose, { Types } from 'mongoose';
import { text } from '../../../core/common/localized';
import { ApiError } from '../../../api/api-error';
import type { AppContext } from '../../../api/app-context';
import { afterCursor, decodeCursor, encodeCursor, pageOf } from '../../audit/time-cursor';
import type { InboxQuerySchema } from './notification.schemas';
import { toNotificationView, type NotificationView } from './notification.view';

type InboxQuery = Static<typeof InboxQuerySchema>;

const notFound = () => ApiError.notFound(text('消息不存在', 'Message not found'));

/**
 * One page of a user's inbox. `newest`: all messages newest first. `unreadFirst`: unread messages
 * newest first, then read ones newest first (the cursor remembers which pass it is in).
 */
export async function listInbox(app: AppContext, userId: string, q: InboxQuery): Promise<{ items: NotificationView[]; nextCursor: string | null; unreadCount: number }> {
  const owner = { userId: new Types.ObjectId(userId) };
  const cursor = q.cursor ? decodeCursor(q.cursor) : undefined;
  const unreadCount = await app.models.Notification.countDocuments({ ...owner, readAt: null });
  const passes: Array<{ phase: string; filter: Record<string, unknown> }> =
    q.unread ? [{ phase: 'u', filter: { ...owner, readAt: null } }]
    : q.order === 'unreadFirst' ? [{ phase: 'u', filter: { ...owner, readAt: null } }, { phase: 'r', filter: { ...owner, readAt: mongoose.trusted({ $ne: null }) } }]
    : [{ phase: 'a', filter: owner }];
  let start = cursor ? passes.findIndex((p) => p.phase === (cursor.p ?? 'a')) : 0;
  if (start < 0) start = 0;
  const items: NotificationView[] = [];
  for (let i = start; i < passes.length; i++) {
    const pass = passes[i] as (typeof passes)[number];
    const want = q.limit - items.length;
    // a cursor with t < 0 points at the start of its pass
    const resume = cursor && i === start && cursor.p === pass.phase && cursor.t >= 0;
    const filter = resume ? { $and: [pass.filter, afterCursor('createdAt', cursor)] } : pass.filter;
    const rows = await app.models.Notification.find(filter).sort({ createdAt: -1, _id: -1 }).limit(want + 1).lean();
    const page = pageOf(rows, want, (r) => r.createdAt ?? new Date(0), pass.phase);
    items.push(...page.rows.map(toNotificationView));
    if (page.nextCursor) return { items, nextCursor: page.nextCursor, unreadCount };
    if (items.length >= q.limit) {
      // this pass is exhausted exactly at the page end: the next page starts the following pass
      const nextPass = passes[i + 1];
      const last = rows[rows.length - 1];
      if (!nextPass || !last) return { items, nextCursor: null, unreadCount };
      return { items, nextCursor: encodeCursor({ t: -1, i: String(last._id), p: nextPass.phase }), unreadCount };
    }
  }
  return { items, nextCursor: null, unreadCount };
}

export async function unreadCount(app: AppContext, userId: string): Promise<number> {
  return app.models.Notification.countDocuments({ userId: new Types.ObjectId(userId), readAt: null });
}

/** Marks one of the user's own messages read (idempotent: the first read time stays). */
export async function markRead(app: AppContext, userId: string, id: string): Promise<{ before: NotificationView; after: NotificationView }> {
  const own = { _id: new Types.ObjectId(id), userId: new Types.ObjectId(userId) };
  const before = await app.models.Notification.findOne(own).lean();
  if (!before) throw notFound();
  if (before.readAt) return { before: toNotificationView(before), after: toNotificationView(before) };
  const after = await app.models.Notification.findOneAndUpdate({ ...own, readAt: null }, { $set: { readAt: new Date(app.now()) } }, { new: true }).lean();
  const now = after ?? (await app.models.Notification.findOne(own).lean());
  if (!now) throw notFound();
  return { before: toNotificationView(before), after: toNotificationView(now) };
}

/** Marks every unread message of the user read; returns how many changed. */
export async function markAllRead(app: AppContext, userId: string): Promise<number> {
  const r = await app.models.Notification.updateMany({ userId: new Types.ObjectId(userId), readAt: null }, { $set: { readAt: new Date(app.now()) } });
  return r.modifiedCount;
}
