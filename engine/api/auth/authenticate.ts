import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { isValidObjectId } from 'mongoose';
import type { AppContext } from '../app-context';
import { ANONYMOUS, type Principal, type TokenScope } from './principal';
import { verifySession } from './session-token';
import { freshCache } from '../../data/fresh-cache';

/**
 * How long (real time) who a session or API token belongs to may be served from memory. A logout,
 * a disabled user, a role or team change or a revoked token made through this API process takes
 * effect at once; made through another API process, within this time.
 */
const AUTH_CACHE_MS = Number(process.env.ALLOT_AUTH_CACHE_MS ?? 2_000);

export const SESSION_COOKIE = 'allot_session';
export const API_TOKEN_PREFIX = 'allot_';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header || header.length > 8192) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

/** Who is calling: a bearer API token, a bearer session token, or the session cookie; anonymous otherwise. */
export async function authenticate(req: Request, app: AppContext): Promise<Principal> {
  const auth = req.get('authorization');
  const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
  if (bearer?.startsWith(API_TOKEN_PREFIX)) return apiTokenPrincipal(bearer, app);
  const session = bearer ?? readCookie(req, SESSION_COOKIE);
  if (!session) return ANONYMOUS;
  const claims = verifySession(session, app.config.sessionSecret, app.now());
  if (!claims || !isValidObjectId(claims.u)) return ANONYMOUS;
  // the signature and expiry are checked on every request (above); who the user is now is read at most once a TTL
  return (await principals(app).getOrLoad(`s:${claims.u}:${claims.v}`, () => sessionPrincipal(app, claims))).value;
}

/** Users, their teams and API tokens as the caches last read them; writes through this process drop them at once. */
const principals = (app: AppContext) => freshCache<Principal>(app.conn, 'principals', ['users', 'reps', 'apiTokens'], AUTH_CACHE_MS);

async function sessionPrincipal(app: AppContext, claims: { u: string; v: number }): Promise<Principal> {
  const user = await app.models.User.findById(claims.u).lean();
  if (!user || user.disabled || (user.sessionVersion ?? 0) !== claims.v) return ANONYMOUS;
  let teamIds: string[] = (user.managedTeamIds ?? []).map(String);
  if (user.role === 'rep' && user.repId) {
    const rep = await app.models.Rep.findById(user.repId, { teamId: 1 }).lean();
    teamIds = rep?.teamId ? [String(rep.teamId)] : [];
  }
  // shared by the requests the cache serves it to: frozen, so none can change it for the others
  return Object.freeze({
    kind: 'user',
    id: String(user._id),
    name: user.name ?? user.email,
    role: user.role,
    repId: user.repId ? String(user.repId) : undefined,
    teamIds: Object.freeze(teamIds) as string[],
    scopes: Object.freeze([]) as unknown as Principal['scopes'],
  });
}

interface TokenEntry {
  doc: { _id: unknown; name: string; scopes: readonly string[]; revokedAt?: Date | null; expiresAt?: Date | null; lastUsedAt?: Date | null } | null;
}
const tokens = (app: AppContext) => freshCache<TokenEntry>(app.conn, 'apiTokens', ['apiTokens'], AUTH_CACHE_MS);

async function apiTokenPrincipal(token: string, app: AppContext): Promise<Principal> {
  if (token.length > 200) return ANONYMOUS;
  const hash = hashToken(token);
  const { doc } = (await tokens(app).getOrLoad(hash, async () => ({ doc: await app.models.ApiToken.findOne({ tokenHash: hash }).lean() }))).value;
  const now = app.now();
  if (!doc || doc.revokedAt || (doc.expiresAt && doc.expiresAt.getTime() <= now)) return ANONYMOUS;
  // "last used" to the minute: an integration posting many requests a second writes it once a minute, not per request
  if (!doc.lastUsedAt || now - doc.lastUsedAt.getTime() >= 60_000) {
    doc.lastUsedAt = new Date(now);
    void app.models.ApiToken.updateOne({ _id: doc._id }, { $set: { lastUsedAt: new Date(now) } }).catch(() => undefined);
  }
  return { kind: 'apiToken', id: String(doc._id), name: doc.name, role: 'integration', teamIds: [], scopes: [...doc.scopes] as TokenScope[] };
}
