import type { Static } from '@sinclair/typebox';
import type { NotificationRaw } from '../../../data/collections/notification.model';
import type { NotificationViewSchema } from './notification.schemas';

export type NotificationView = Static<typeof NotificationViewSchema>;

export function toNotificationView(n: NotificationRaw & { _id: unknown; createdAt?: Date }): NotificationView {
  return {
    id: String(n._id),
    kind: n.kind,
    title: { 'zh-CN': n.title['zh-CN'], en: n.title.en },
    body: { 'zh-CN': n.body['zh-CN'], en: n.body.en },
    customerId: n.customerId ? String(n.customerId) : null,
    link: n.link ?? null,
    read: Boolean(n.readAt),
    readAt: n.readAt ? n.readAt.toISOString() : null,
    createdAt: (n.createdAt ?? new Date(0)).toISOString(),
  };
}
