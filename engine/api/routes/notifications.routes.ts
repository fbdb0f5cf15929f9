import { Type } from '@sinclair/typebox';
import { text } from '../../core/common/localized';
import { InboxQuerySchema, NotificationViewSchema } from '../../services/notifications/inbox/notification.schemas';
import { listInbox, markAllRead, markRead, unreadCount } from '../../services/notifications/inbox/inbox.service';
import { IdParams } from '../http/common.schemas';
import { defineRoute } from '../http/define-route';

const anyUser = { roles: ['admin', 'manager', 'rep'] } as const;

export const listNotificationsRoute = defineRoute({
  id: 'notifications.list',
  method: 'get',
  path: '/api/notifications',
  tag: 'notifications',
  summary: text('我的站内信（最新在前，或未读在前）', 'My in-app messages (newest first, or unread first)'),
  auth: anyUser,
  query: InboxQuerySchema,
  responses: {
    200: Type.Object({ items: Type.Array(NotificationViewSchema), nextCursor: Type.Union([Type.String(), Type.Null()]), unreadCount: Type.Integer() }),
  },
  async handler({ app, principal, query }) {
    return { body: await listInbox(app, principal.id, query) };
  },
});

export const unreadCountRoute = defineRoute({
  id: 'notifications.unreadCount',
  method: 'get',
  path: '/api/notifications/unread-count',
  tag: 'notifications',
  summary: text('我的未读消息数', 'How many of my messages are unread'),
  auth: anyUser,
  responses: { 200: Type.Object({ count: Type.Integer() }) },
  async handler({ app, principal }) {
    return { body: { count: await unreadCount(app, principal.id) } };
  },
});

export const readAllRoute = defineRoute({
  id: 'notifications.readAll',
  method: 'post',
  path: '/api/notifications/read-all',
  tag: 'notifications',
  summary: text('全部标为已读', 'Mark all my messages read'),
  auth: anyUser,
  responses: { 200: Type.Object({ updated: Type.Integer() }) },
  async handler({ app, principal, audit }) {
    const updated = await markAllRead(app, principal.id);
    audit({ action: 'notifications.readAll', target: { kind: 'user', id: principal.id }, after: { updated } });
    return { body: { updated } };
  },
});

export const readOneRoute = defineRoute({
  id: 'notifications.read',
  method: 'post',
  path: '/api/notifications/:id/read',
  tag: 'notifications',
  summary: text('标为已读（只能是自己的消息）', 'Mark one of my messages read'),
  auth: anyUser,
  params: IdParams,
  responses: { 200: NotificationViewSchema },
  async handler({ app, principal, params, audit }) {
    const { before, after } = await markRead(app, principal.id, params.id);
    audit({ action: 'notifications.read', target: { kind: 'notification', id: params.id }, before: { readAt: before.readAt }, after: { readAt: after.readAt } });
    return { body: after };
  },
});

// the fixed paths come before /:id so they are never read as an id
export const notificationRoutes = [listNotificationsRoute, unreadCountRoute, readAllRoute, readOneRoute];
