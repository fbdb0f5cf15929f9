import { Type, type Static } from '@sinclair/typebox';
import { API_TOKEN_SCOPES } from '../../data/collections/api-token.model';

export const TokenScopeSchema = Type.Union(API_TOKEN_SCOPES.map((s) => Type.Literal(s)));

export const CreateTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scopes: Type.Array(TokenScopeSchema, { minItems: 1, maxItems: API_TOKEN_SCOPES.length, uniqueItems: true }),
    expiresAt: Type.Optional(Type.String({ format: 'date-time', description: 'when the token stops working; never when absent' })),
  },
  { additionalProperties: false },
);
export type CreateTokenInput = Static<typeof CreateTokenBody>;

const NullableDate = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

export const TokenViewSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  /** the first characters of the token, to recognise it */
  prefix: Type.String(),
  scopes: Type.Array(TokenScopeSchema),
  status: Type.Union([Type.Literal('active'), Type.Literal('revoked'), Type.Literal('expired')]),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: NullableDate,
  lastUsedAt: NullableDate,
  revokedAt: NullableDate,
});
export type TokenView = Static<typeof TokenViewSchema>;

export const CreatedTokenSchema = Type.Composite([TokenViewSchema, Type.Object({ token: Type.String({ description: 'shown once; store it now' }) })]);
