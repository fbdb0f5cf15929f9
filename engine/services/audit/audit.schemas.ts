import { Type, type Static } from '@sinclair/typebox';
import { ACTOR_KINDS } from '../../data/collections/common-fields';

const Action = '^[a-z][A-Za-z]*(\\.[a-z][A-Za-z]*)*$';

/** Filters shared by the audit list and its CSV export. */
const filters = {
  actorId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'user id or API token id' })),
  actorKind: Type.Optional(Type.Union(ACTOR_KINDS.map((k) => Type.Literal(k)))),
  action: Type.Optional(Type.String({ pattern: Action, maxLength: 100, description: 'exact action, e.g. pools.claim' })),
  actionPrefix: Type.Optional(Type.String({ pattern: '^[a-z][A-Za-z]*(\\.[a-z][A-Za-z]*)*\\.?$', maxLength: 100, description: 'actions starting with this, e.g. webhooks.' })),
  targetKind: Type.Optional(Type.String({ pattern: '^[a-z][A-Za-z]{0,39}$', description: 'e.g. customer, webhook, apiToken' })),
  targetId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  requestId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'at or after this time' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'before this time' })),
};

export const AuditQuerySchema = Type.Object(
  {
    ...filters,
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'opaque cursor from the previous page' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuerySchema>;

export const AuditCsvQuerySchema = Type.Object(
  { ...filters, limit: Type.Integer({ minimum: 1, maximum: 100_000, default: 100_000, description: 'most rows exported' }) },
  { additionalProperties: false },
);
export type AuditCsvQuery = Static<typeof AuditCsvQuerySchema>;

export const AuditEntrySchema = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.Object({ kind: Type.String(), id: Type.Union([Type.String(), Type.Null()]), name: Type.Union([Type.String(), Type.Null()]) }),
  action: Type.String(),
  target: Type.Object({ kind: Type.String(), id: Type.Union([Type.String(), Type.Null()]) }),
  before: Type.Unknown(),
  after: Type.Unknown(),
  requestId: Type.Union([Type.String(), Type.Null()]),
});
export type AuditEntry = Static<typeof AuditEntrySchema>;
