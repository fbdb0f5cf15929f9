import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Connection } from 'mongoose';

/**
 * Stateless session tokens: base64url(JSON {u, v, e}) + "." + HMAC-SHA256. Any API process with the
 * shared secret verifies them, so API processes stay stateless. `v` is the user's session version:
 * bumping it (logout everywhere, password change, disable) invalidates every older token.
 */
export interface SessionClaims {
  /** user id */
  u: string;
  /** session version */
  v: number;
  /** expiry, epoch ms */
  e: number;
}

const b64 = (buf: Buffer) => buf.toString('base64url');

export function signSession(claims: SessionClaims, secret: string): string {
  const payload = b64(Buffer.from(JSON.stringify(claims)));
  const mac = b64(createHmac('sha256', secret).update(payload).digest());
  return `${payload}.${mac}`;
}

export function verifySession(token: string, secret: string, now: number): SessionClaims | undefined {
  if (token.length > 512) return undefined;
  const [payload, mac] = token.split('.');
  if (!payload || !mac) return undefined;
  const want = createHmac('sha256', secret).update(payload).digest();
  const got = Buffer.from(mac, 'base64url');
  if (got.length !== want.length || !timingSafeEqual(got, want)) return undefined;
  try {
    const c = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SessionClaims;
    if (typeof c.u !== 'string' || typeof c.v !== 'number' || typeof c.e !== 'number' || c.e <= now) return undefined;
    return c;
  } catch {
    return undefined;
  }
}

/** The session secret: ALLOT_SESSION_SECRET, or one generated once and kept in the database so all processes share it. */
export async function loadSessionSecret(conn: Connection, fromEnv = process.env.ALLOT_SESSION_SECRET): Promise<string> {
  if (fromEnv) return fromEnv;
  const db = conn.db;
  if (!db) throw new Error('database not connected');
  const settings = db.collection<{ _id: string; value: string }>('settings');
  await settings.updateOne({ _id: 'sessionSecret' }, { $setOnInsert: { value: randomBytes(32).toString('hex') } }, { upsert: true });
  const doc = await settings.findOne({ _id: 'sessionSecret' });
  if (!doc) throw new Error('could not read the session secret');
  return doc.value;
}
