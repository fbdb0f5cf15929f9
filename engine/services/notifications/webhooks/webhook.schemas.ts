import { Type, type Static } from '@sinclair/typebox';
import { LOCALES } from '../../../core/common/localized';
import { WEBHOOK_KINDS } from '../../../data/collections/webhook.model';
import { WebhookEventSchema } from './webhook-events';

const Kind = Type.Union(WEBHOOK_KINDS.map((k) => Type.Literal(k)), { description: 'generic (signed JSON), wecom (企业微信群机器人) or dingtalk (钉钉机器人)' });
const Locale = Type.Union(LOCALES.map((l) => Type.Literal(l)), { description: 'language of robot messages' });
const Url = Type.String({ minLength: 8, maxLength: 2000, pattern: '^https?://[^\\s]+$', description: 'http(s) URL; for robots the full robot URL with its key or access_token' });
const Secret = Type.String({
  minLength: 16,
  maxLength: 200,
  pattern: '^\\S+$',
  description: 'generic: HMAC key (generated when absent); dingtalk: the robot’s SEC… signing secret; wecom: not used',
});
const Events = Type.Array(WebhookEventSchema, { minItems: 1, maxItems: 50, uniqueItems: true });

export const CreateWebhookBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    url: Url,
    kind: Type.Optional(Kind),
    events: Events,
    secret: Type.Optional(Secret),
    enabled: Type.Optional(Type.Boolean()),
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false },
);
export type CreateWebhookInput = Static<typeof CreateWebhookBody>;

export const UpdateWebhookBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    url: Type.Optional(Url),
    events: Type.Optional(Events),
    secret: Type.Optional(Secret),
    enabled: Type.Optional(Type.Boolean()),
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateWebhookInput = Static<typeof UpdateWebhookBody>;

const IsoDate = Type.String({ format: 'date-time' });
const NullableDate = Type.Union([IsoDate, Type.Null()]);

export const WebhookViewSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  /** the URL with query values masked (robot keys and tokens are secrets) */
  url: Type.String(),
  kind: Kind,
  events: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  locale: Locale,
  hasSecret: Type.Boolean(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});
export type WebhookView = Static<typeof WebhookViewSchema>;

export const DeliveryAttemptSchema = Type.Object({
  attempt: Type.Integer(),
  at: IsoDate,
  statusCode: Type.Union([Type.Integer(), Type.Null()]),
  responseExcerpt: Type.Union([Type.String(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  durationMs: Type.Union([Type.Number(), Type.Null()]),
  nextAttemptAt: NullableDate,
});

export const DeliveryViewSchema = Type.Object({
  id: Type.String(),
  webhookId: Type.String(),
  deliveryKey: Type.String(),
  event: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')]),
  attempts: Type.Integer(),
  lastStatusCode: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  lastResponseExcerpt: Type.Union([Type.String(), Type.Null()]),
  lastDurationMs: Type.Union([Type.Number(), Type.Null()]),
  nextAttemptAt: NullableDate,
  deliveredAt: NullableDate,
  createdAt: IsoDate,
  payload: Type.Unknown(),
  log: Type.Array(DeliveryAttemptSchema),
});
export type DeliveryView = Static<typeof DeliveryViewSchema>;
