import path from 'node:path';

/** Runtime configuration, read once from the environment. Everything else takes it as an argument. */
export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  demoData: boolean;
  demoPassword: string;
  demoCustomers: number;
  signupEnabled: boolean;
  /** Cookies get the Secure flag when the server sits behind HTTPS. */
  secureCookies: boolean;
  sessionTtlHours: number;
  loginRateLimitPerMinute: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  bodyLimitBytes: number;
  webDist: string | undefined;
  logLevel: string;
  /**
   * Which proxies' X-Forwarded-* headers to believe (client address, HTTPS): false (the default,
   * no proxy: the headers are ignored, so nobody dodges the sign-in rate limit by inventing an
   * address), true (any), or the proxies' addresses/CIDRs separated by commas.
   */
  trustProxy: boolean | string;
  /** Let webhooks go to private and local addresses (off: only public ones; see webhooks/destination.ts). */
  webhookAllowPrivate: boolean;
  /** Check every response against its Zod contract before sending it (tests and development). */
  verifyResponses: boolean;
  /** Days a background export's file is kept for download; `export-cleanup` deletes it after. */
  exportRetentionDays: number;
};

const bool = (v: string | undefined, dflt: boolean): boolean =>
  v === undefined || v === '' ? dflt : !['false', '0', 'no', 'off'].includes(v.toLowerCase());

const int = (v: string | undefined, dflt: number): number => {
  const n = v === undefined || v === '' ? NaN : Number(v);
  return Number.isFinite(n) ? n : dflt;
};

function trustProxyOf(v: string | undefined): boolean | string {
  const s = v?.trim() ?? '';
  if (s === '' || ['false', '0', 'no', 'off'].includes(s.toLowerCase())) return false;
  if (['true', 'yes', 'on'].includes(s.toLowerCase())) return true;
  return s;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: int(env.PORT, 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    demoData: bool(env.DEMO_DATA, true),
    demoPassword: env.DEMO_PASSWORD ?? 'steward-demo',
    demoCustomers: int(env.DEMO_CUSTOMERS, 2000),
    signupEnabled: bool(env.SIGNUP_ENABLED, true),
    secureCookies: bool(env.SECURE_COOKIES, false),
    sessionTtlHours: int(env.SESSION_TTL_HOURS, 12),
    loginRateLimitPerMinute: int(env.LOGIN_RATE_LIMIT_PER_MINUTE, 20),
    lockoutThreshold: int(env.LOCKOUT_THRESHOLD, 5),
    lockoutMinutes: int(env.LOCKOUT_MINUTES, 15),
    bodyLimitBytes: int(env.BODY_LIMIT_BYTES, 1024 * 1024),
    webDist: env.WEB_DIST,
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: trustProxyOf(env.TRUST_PROXY),
    webhookAllowPrivate: bool(env.WEBHOOK_ALLOW_PRIVATE, false),
    verifyResponses: bool(env.VERIFY_RESPONSES, env.NODE_ENV === 'test' || env.NODE_ENV === 'development'),
    exportRetentionDays: Math.max(1, int(env.EXPORT_RETENTION_DAYS, 7)),
  };
}
