import { Schema, type InferRawDocTypeFromSchema, type InferSchemaType } from 'mongoose';
import { markChangesPlugin } from '../change-generation';
import { collectionOptions } from '../schema-options';

/** What an integration token may do; `intake` alone can only push customers in. */
export const API_TOKEN_SCOPES = ['intake', 'customers:read', 'customers:write', 'flows:read', 'flows:write', 'admin'] as const;

export const apiTokenSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, minlength: 1, maxlength: 100 },
    /** SHA-256 of the token; the token itself is shown once and never stored */
    tokenHash: { type: String, required: true, match: /^[0-9a-f]{64}$/ },
    /** first characters of the token, to recognise it in lists */
    prefix: { type: String, maxlength: 16 },
    scopes: {
      type: [{ type: String, enum: API_TOKEN_SCOPES }],
      validate: { validator: (v: string[]) => v.length >= 1, message: 'a token needs at least one scope / 令牌至少需要一个权限' },
    },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
    expiresAt: { type: Date },
    lastUsedAt: { type: Date },
    revokedAt: { type: Date },
  },
  collectionOptions('apiTokens'),
);

apiTokenSchema.index({ tokenHash: 1 }, { unique: true });
// writes drop this process's short-lived caches of it at once (change-generation.ts)
apiTokenSchema.plugin(markChangesPlugin('apiTokens', new Set(['lastUsedAt', 'updatedAt'])));

export type ApiTokenDoc = InferSchemaType<typeof apiTokenSchema>;
/** stored shape (plain arrays, as `.lean()` and `toObject()` give it) */
export type ApiTokenRaw = InferRawDocTypeFromSchema<typeof apiTokenSchema>;
