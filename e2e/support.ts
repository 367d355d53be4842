import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEMO_PASSWORD = 'steward-demo';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export type RunningServer = { url: string; stop: () => Promise<void> };

/** Starts the real server (as `npm start` does, minus the build) on a fresh PGlite data directory with demo data. */
/** Waits of the browser tests: twice Playwright's default. */
const PAGE_TIMEOUT_MS = 60_000;

export async function startServer(): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'steward-e2e-'));
  const port = await freePort();
  const child: ChildProcess = spawn(path.join(root, 'node_modules/.bin/tsx'), ['apps/server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO_CUSTOMERS: '300',
      LOG_LEVEL: 'warn',
      // Every test signs in through the API several times; the limit is tested in the integration suite.
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      // The webhook receiver of the browser tests listens on 127.0.0.1.
      WEBHOOK_ALLOW_PRIVATE: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Signs in through the API (not the page) and returns the session cookie value and CSRF token. */
export async function apiLogin(url: string, email: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return { cookie, csrfToken: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/**
 * Signs in through the page. It then opens `next` (default the customer list, where most tests
 * start); `null` stays where signing in lands, the role's home.
 */
export async function signIn(page: Page, url: string, email: string, next: string | null = '/customers') {
  await page.goto(next === null ? `${url}/login` : `${url}/login?next=${encodeURIComponent(next)}`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

export type BrowserSession = {
  url: () => string;
  newPage: (language?: 'zh-CN' | 'en-US') => Promise<Page>;
  apiGet: <T>(email: string, path: string) => Promise<T>;
};

/**
 * For a browser test file: starts the server and Chromium before its tests and stops both after,
 * and gives pages and signed-in API reads against that server.
 */
export function useServerAndBrowser(hooks: {
  beforeAll: (fn: () => Promise<void>) => void;
  afterAll: (fn: () => Promise<void>) => void;
}): BrowserSession {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  hooks.beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  hooks.afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    url: () => server!.url,
    newPage: async (language = 'en-US') => {
      const context = await browser!.newContext({ locale: language, viewport: { width: 1366, height: 900 } });
      // CI machines are shared and slow at times: a wait that takes 30 s once in a while is the
      // machine, not the product (a wrong page still fails, just later).
      context.setDefaultTimeout(PAGE_TIMEOUT_MS);
      context.setDefaultNavigationTimeout(PAGE_TIMEOUT_MS);
      return context.newPage();
    },
    apiGet: async <T>(email: string, path: string) => {
      const { cookie } = await apiLogin(server!.url, email);
      const res = await fetch(`${server!.url}/api/v1${path}`, { headers: { cookie } });
      if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
      return (await res.json()) as T;
    },
  };
}

/**
 * Fills a modal form and clicks its submit button until the form sends its POST to `path`, then
 * returns the answer's status. On loaded CI machines a modal has twice ignored the first click
 * (the exports and the complaints browser tests; the cause was not reproduced): each attempt fills
 * the fields again and clicks, and waits up to 5 s for the request. Once a request has gone it
 * never clicks again, so nothing is submitted twice.
 */
export async function submitModal(
  page: Page,
  opts: { submitTestId: string; path: string; fill: () => Promise<void> },
): Promise<number> {
  let sent: Request | null = null;
  const onRequest = (r: Request) => {
    if (!sent && r.method() === 'POST' && new URL(r.url()).pathname === opts.path) sent = r;
  };
  page.on('request', onRequest);
  try {
    for (let attempt = 0; attempt < 6 && !sent; attempt++) {
      await opts.fill();
      await page.getByTestId(opts.submitTestId).click();
      for (let waited = 0; waited < 5_000 && !sent; waited += 100) await page.waitForTimeout(100);
    }
    const request = sent as Request | null;
    if (!request) throw new Error(`the form never sent POST ${opts.path}`);
    const response = await request.response();
    return response?.status() ?? 0;
  } finally {
    page.off('request', onRequest);
  }
}
