import type { AppConfig } from './app-context';

const num = (v: string | undefined, fallback: number) => (v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : fallback);

/** API settings from the environment (documented in the README). */
export function readAppConfig(env: NodeJS.ProcessEnv, version: string, sessionSecret: string): AppConfig {
  return {
    version,
    sessionSecret,
    sessionTtlMs: num(env.ALLOT_SESSION_TTL_HOURS, 12) * 3_600_000,
    secureCookies: env.ALLOT_SECURE_COOKIES === 'true',
    jsonLimit: env.ALLOT_JSON_LIMIT ?? '1mb',
    loginRateLimit: { windowMs: 60_000, limit: num(env.ALLOT_LOGIN_RATE_PER_MIN, 10) },
    intakeRateLimit: { windowMs: 60_000, limit: num(env.ALLOT_INTAKE_RATE_PER_MIN, 6000) },
    webhookAllowPrivate: env.ALLOT_WEBHOOK_ALLOW_PRIVATE === 'true',
  };
}
