import { Type, type TSchema } from '@sinclair/typebox';

/** Shapes shared by many routes. */
export const ObjectIdString = Type.String({ pattern: '^[0-9a-fA-F]{24}$', description: 'object id (24 hex characters)' });
export const IdParams = Type.Object({ id: ObjectIdString }, { additionalProperties: false });

export const ErrorBodySchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Array(Type.Object({ path: Type.String(), message: Type.String(), code: Type.Optional(Type.String()), nodeId: Type.Optional(Type.String()) })),
    requestId: Type.Optional(Type.String()),
  }),
});

export const CursorQuery = {
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'opaque cursor from the previous page' })),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
