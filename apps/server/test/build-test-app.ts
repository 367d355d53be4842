import { inject } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { openDatabase, type Database } from '../src/db/client.js';
import type { Deps } from '../src/platform/deps.js';
import { JobQueue } from '../src/platform/jobs/queue.js';
import { jobDefinitions } from '../src/jobs.js';

export type TestApp = {
  app: FastifyInstance;
  deps: Deps;
  database: Database;
  /** Fixes the test clock at a moment; null lets it run with real time again. */
  setNow: (d: Date | null) => void;
  close: () => Promise<void>;
};

/** A real app on a real, migrated database: PGlite in memory, or the run's PostgreSQL database. */
export async function buildTestApp(
  overrides: Partial<Config> = {},
  opts: { jobs?: boolean } = {},
): Promise<TestApp> {
  const databaseUrl = process.env.TEST_DB === 'postgres' ? inject('databaseUrl') : undefined;
  const database = await openDatabase({ databaseUrl, dataDir: 'memory://' });
  let now: Date | null = null;
  const config = {
    ...loadConfig({}),
    loginRateLimitPerMinute: 10_000,
    verifyResponses: true,
    // The tests' webhook receivers listen on 127.0.0.1.
    webhookAllowPrivate: true,
    ...overrides,
  };
  const deps: Deps = { db: database.db, dbKind: database.kind, config, now: () => now ?? new Date() };
  const queue = opts.jobs ? new JobQueue(deps, database, jobDefinitions) : undefined;
  await queue?.start();
  const app = await buildApp(deps, { queue });
  await app.ready();
  return {
    app,
    deps,
    database,
    setNow: (d) => {
      now = d;
    },
    close: async () => {
      await app.close();
      await queue?.stop();
      await database.close();
    },
  };
}

export type Client = {
  csrfToken: string;
  cookie: string;
  get: (url: string) => Promise<LightMyRequestResponse>;
  post: (url: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  patch: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  put: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  delete: (url: string) => Promise<LightMyRequestResponse>;
};

/** Signs in through HTTP and returns a client that sends the session cookie and CSRF header. */
export async function login(app: FastifyInstance, email: string, password = TEST_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrfToken = res.json().csrfToken as string;
  const headers = { cookie, 'x-csrf-token': csrfToken };
  const send = (
    method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    extra?: Record<string, string>,
  ) =>
    app.inject({
      method,
      url,
      headers: { ...headers, ...extra },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    csrfToken,
    cookie,
    get: (url) => app.inject({ method: 'GET', url, headers: { cookie } }),
    post: (url, body, extra) => send('POST', url, body ?? {}, extra),
    patch: (url, body) => send('PATCH', url, body),
    put: (url, body) => send('PUT', url, body),
    delete: (url) => send('DELETE', url),
  };
}

export const TEST_PASSWORD = 'test-password-1';
