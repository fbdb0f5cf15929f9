import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { text } from '../../core/common/localized';
import { ApiError } from '../../api/api-error';
import type { AppContext } from '../../api/app-context';
import { API_TOKEN_PREFIX, hashToken } from '../../api/auth/authenticate';
import type { ApiTokenRaw } from '../../data/collections/api-token.model';
import type { CreateTokenInput, TokenView } from './api-token.schemas';

const PREFIX_CHARS = API_TOKEN_PREFIX.length + 6;
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function toTokenView(t: ApiTokenRaw & { _id: unknown; createdAt?: Date }, now: number): TokenView {
  const status = t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt.getTime() <= now ? 'expired' : 'active';
  return {
    id: String(t._id),
    name: t.name,
    prefix: t.prefix ?? API_TOKEN_PREFIX,
    scopes: [...t.scopes],
    status,
    createdBy: t.createdBy ? String(t.createdBy) : null,
    createdAt: (t.createdAt ?? new Date(0)).toISOString(),
    expiresAt: iso(t.expiresAt),
    lastUsedAt: iso(t.lastUsedAt),
    revokedAt: iso(t.revokedAt),
  };
}

/** A new token `allot_<32 random bytes, base64url>`; only its SHA-256 is stored, the token is returned once. */
export async function createApiToken(app: AppContext, input: CreateTokenInput, createdBy?: string): Promise<{ token: string; view: TokenView }> {
  const now = app.now();
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : undefined;
  if (expiresAt && expiresAt.getTime() <= now) {
    throw new ApiError(400, 'VALIDATION_FAILED', text('过期时间必须在将来', 'expiresAt must be in the future'), [
      { path: '/body/expiresAt', message: text('必须晚于现在', 'Must be later than now') },
    ]);
  }
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const doc = await app.models.ApiToken.create({
    name: input.name,
    tokenHash: hashToken(token),
    prefix: token.slice(0, PREFIX_CHARS),
    scopes: input.scopes,
    ...(expiresAt ? { expiresAt } : {}),
    ...(createdBy && mongoose.isValidObjectId(createdBy) ? { createdBy } : {}),
    createdAt: new Date(now),
  });
  return { token, view: toTokenView(doc.toObject(), now) };
}

export async function listApiTokens(app: AppContext): Promise<TokenView[]> {
  const rows = await app.models.ApiToken.find({}).sort({ createdAt: -1, _id: -1 }).limit(1000).lean();
  const now = app.now();
  return rows.map((t) => toTokenView(t, now));
}

/** Revokes a token at once (idempotent: the first revocation time stays). */
export async function revokeApiToken(app: AppContext, id: string): Promise<{ before: TokenView; after: TokenView }> {
  const now = app.now();
  const before = await app.models.ApiToken.findById(id).lean();
  if (!before) throw ApiError.notFound(text('API 令牌不存在', 'API token not found'));
  if (!before.revokedAt) await app.models.ApiToken.updateOne({ _id: before._id, revokedAt: null }, { $set: { revokedAt: new Date(now) } });
  const after = await app.models.ApiToken.findById(id).lean();
  if (!after) throw ApiError.notFound(text('API 令牌不存在', 'API token not found'));
  return { before: toTokenView(before, now), after: toTokenView(after, now) };
}
