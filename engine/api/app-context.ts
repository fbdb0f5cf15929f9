import type { Connection } from 'mongoose';
import { getModels, type Models } from '../data/models';
import type { HealthProbe } from './health.routes';

/** What routes and services reach: the database, Temporal, the clock and settings. Built once per process. */
export interface AppContext {
  conn: Connection;
  models: Models;
  temporal: HealthProbe & { address: string };
  /** the clock (injected so tests can move it) */
  now(): number;
  config: AppConfig;
}

export interface AppConfig {
  version: string;
  /** HMAC key for session tokens; shared by every API process (from the env or the database) */
  sessionSecret: string;
  sessionTtlMs: number;
  /** mark the session cookie Secure (behind HTTPS) */
  secureCookies: boolean;
  jsonLimit: string;
  loginRateLimit: { windowMs: number; limit: number };
  intakeRateLimit: { windowMs: number; limit: number };
  /** let webhooks reach loopback and private addresses (ALLOT_WEBHOOK_ALLOW_PRIVATE=true; off by default against SSRF) */
  webhookAllowPrivate?: boolean;
}

export function makeAppContext(conn: Connection, temporal: AppContext['temporal'], config: AppConfig, now: () => number = Date.now): AppContext {
  return { conn, models: getModels(conn), temporal, now, config };
}
