import { Type } from '@sinclair/typebox';
import { LocalizedTextSchema } from '../../../core/common/localized';
import { NOTIFICATION_KINDS } from '../../../data/collections/notification.model';

export const NotificationKindSchema = Type.Union(NOTIFICATION_KINDS.map((k) => Type.Literal(k)));

export const NotificationViewSchema = Type.Object({
  id: Type.String(),
  kind: NotificationKindSchema,
  title: LocalizedTextSchema,
  body: LocalizedTextSchema,
  customerId: Type.Union([Type.String(), Type.Null()]),
  link: Type.Union([Type.String(), Type.Null()]),
  read: Type.Boolean(),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});

export const InboxQuerySchema = Type.Object(
  {
    order: Type.Union([Type.Literal('newest'), Type.Literal('unreadFirst')], { default: 'newest', description: 'newest first, or unread (newest first) before read' }),
    unread: Type.Optional(Type.Boolean({ description: 'only unread messages' })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'opaque cursor from the previous page' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);
