import { Type, type Static } from '@sinclair/typebox';
import type { AppContext } from '../app-context';
import bcrypt from 'bcryptjs';
import { text } from '../../core/common/localized';
import { ApiError } from '../api-error';
import { SESSION_COOKIE } from '../auth/authenticate';
import { signSession } from '../auth/session-token';
import { defineRoute } from '../http/define-route';

const MeSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.Union([Type.Literal('admin'), Type.Literal('manager'), Type.Literal('rep')]),
  repId: Type.Union([Type.String(), Type.Null()]),
  teamIds: Type.Array(Type.String()),
  locale: Type.String(),
});

// compared when the email is unknown, so a wrong email takes as long as a wrong password
const DUMMY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.5i6bE1pKqUuO0kXs5Xh2d6lC6G4e';

export const loginRoute = defineRoute({
  id: 'auth.login',
  method: 'post',
  path: '/api/auth/login',
  tag: 'auth',
  summary: text('用邮箱和密码登录，返回会话令牌并设置会话 Cookie', 'Log in with email and password; returns a session token and sets the session cookie'),
  auth: 'public',
  rateLimit: (config) => config.loginRateLimit,
  body: Type.Object(
    { email: Type.String({ format: 'email', maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
    { additionalProperties: false },
  ),
  responses: { 200: Type.Object({ token: Type.String(), expiresAt: Type.String(), user: MeSchema }) },
  async handler({ body, app, res }) {
    const user = await app.models.User.findOne({ email: body.email.toLowerCase() }).select('+passwordHash');
    const ok = await bcrypt.compare(body.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || user.disabled) {
      throw new ApiError(401, 'LOGIN_FAILED', text('邮箱或密码不正确', 'Wrong email or password'));
    }
    const now = app.now();
    const expires = now + app.config.sessionTtlMs;
    const token = signSession({ u: String(user._id), v: user.sessionVersion ?? 0, e: expires }, app.config.sessionSecret);
    await app.models.User.updateOne({ _id: user._id }, { $set: { lastLoginAt: new Date(now) } });
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: app.config.secureCookies,
      path: '/',
      expires: new Date(expires),
    });
    return { body: { token, expiresAt: new Date(expires).toISOString(), user: await meOf(app, String(user._id)) } };
  },
});

async function meOf(app: AppContext, userId: string): Promise<Static<typeof MeSchema>> {
  const u = await app.models.User.findById(userId).lean();
  if (!u) throw new ApiError(401, 'UNAUTHENTICATED', text('请先登录', 'Please log in first'));
  let teamIds = (u.managedTeamIds ?? []).map(String);
  if (u.role === 'rep' && u.repId) {
    const rep = await app.models.Rep.findById(u.repId, { teamId: 1 }).lean();
    teamIds = rep?.teamId ? [String(rep.teamId)] : [];
  }
  return { id: String(u._id), email: u.email, name: u.name ?? u.email, role: u.role, repId: u.repId ? String(u.repId) : null, teamIds, locale: u.locale };
}

export const meRoute = defineRoute({
  id: 'auth.me',
  method: 'get',
  path: '/api/auth/me',
  tag: 'auth',
  summary: text('当前登录用户', 'The logged-in user'),
  auth: { roles: ['admin', 'manager', 'rep'] },
  responses: { 200: MeSchema },
  async handler({ principal, app }) {
    return { body: await meOf(app, principal.id) };
  },
});

export const logoutRoute = defineRoute({
  id: 'auth.logout',
  method: 'post',
  path: '/api/auth/logout',
  tag: 'auth',
  summary: text('退出登录（结束该用户在所有设备上的会话）', 'Log out (ends this user’s sessions on every device)'),
  auth: { roles: ['admin', 'manager', 'rep'] },
  responses: { 200: Type.Object({ ok: Type.Boolean() }) },
  async handler({ principal, app, res, audit }) {
    await app.models.User.updateOne({ _id: principal.id }, { $inc: { sessionVersion: 1 } });
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    audit({ action: 'auth.logout', target: { kind: 'user', id: principal.id } });
    return { body: { ok: true } };
  },
});

export const authRoutes = [loginRoute, meRoute, logoutRoute];
