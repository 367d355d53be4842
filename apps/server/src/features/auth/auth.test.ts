import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, TEST_PASSWORD, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, type TestOrg } from '../../../test/factories.js';

let t: TestApp;
let org: TestOrg;

beforeAll(async () => {
  t = await buildTestApp({ lockoutThreshold: 3, lockoutMinutes: 15 });
  org = await createTestOrg(t.deps.db);
});
afterAll(() => t.close());

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload, headers });

describe('sign-up and sign-in', () => {
  it('signs up a new organization whose first user is its admin, signed in', async () => {
    const email = `owner.${Date.now()}@signup.example`;
    const res = await post('/api/v1/auth/signup', {
      organizationName: 'Acme 贸易',
      name: 'Owner',
      email,
      password: 'long-enough-pw',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().user).toMatchObject({ email, role: 'admin' });
    const cookie = res.cookies.find((c) => c.name === 'steward_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: `steward_session=${cookie.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.organizationId).toBe(res.json().user.organizationId);
    expect(me.json().organization).toMatchObject({
      name: 'Acme 贸易',
      timeZone: 'Asia/Shanghai',
      currency: 'CNY',
    });

    const again = await post('/api/v1/auth/signup', {
      organizationName: 'X',
      name: 'Y',
      email,
      password: 'long-enough-pw',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('email_taken');
  });

  it('rejects a bad sign-up with one detail per field', async () => {
    const res = await post('/api/v1/auth/signup', {
      organizationName: '',
      name: 'Y',
      email: 'not-an-email',
      password: 'short',
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'email',
      'organizationName',
      'password',
    ]);
  });

  it('answers 403 when sign-up is turned off', async () => {
    const off = await buildTestApp({ signupEnabled: false });
    const res = await off.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: {
        organizationName: 'A',
        name: 'B',
        email: `x${Date.now()}@e.example`,
        password: 'long-enough-pw',
      },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    await off.close();
  });

  it('logs in with argon2id and returns the user, a CSRF token and an HttpOnly cookie', async () => {
    const res = await post('/api/v1/auth/login', {
      email: org.users.m1.email.toUpperCase(),
      password: TEST_PASSWORD,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({
      id: org.users.m1.id,
      role: 'manager',
      organizationId: org.orgId,
      teamIds: [org.team.a],
    });
    expect(res.json().csrfToken).toMatch(/.{20,}/);
  });

  it('marks the cookie Secure behind HTTPS (a trusted proxy)', async () => {
    const proxied = await buildTestApp({ trustProxy: true });
    const proxiedOrg = await createTestOrg(proxied.deps.db, 'Proxy Org');
    const res = await proxied.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: proxiedOrg.users.m2.email, password: TEST_PASSWORD },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(res.cookies.find((c) => c.name === 'steward_session')!.secure).toBe(true);
    await proxied.close();
    // Without a proxy to trust, a client's X-Forwarded-Proto means nothing.
    const claimed = await post(
      '/api/v1/auth/login',
      { email: org.users.m2.email, password: TEST_PASSWORD },
      {
        'x-forwarded-proto': 'https',
      },
    );
    expect(claimed.cookies.find((c) => c.name === 'steward_session')!.secure).toBeUndefined();
    const plain = await post('/api/v1/auth/login', { email: org.users.m2.email, password: TEST_PASSWORD });
    expect(plain.cookies.find((c) => c.name === 'steward_session')!.secure).toBeUndefined();
  });

  it('stores argon2id hashes, never the password', async () => {
    const { rows } = (await t.database.db.execute(
      `select password_hash from users where id = '${org.users.m2.id}'`,
    )) as unknown as {
      rows: { password_hash: string }[];
    };
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('answers 401 for a wrong password and for an unknown e-mail, without telling which', async () => {
    const wrong = await post('/api/v1/auth/login', { email: org.users.m2.email, password: 'nope' });
    const unknown = await post('/api/v1/auth/login', { email: 'nobody@nowhere.example', password: 'nope' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error).toEqual(unknown.json().error);
    expect(wrong.json().error.code).toBe('unauthenticated');
  });

  it('locks the account after repeated failures, even for the right password, and unlocks after the lockout', async () => {
    const email = org.users.m3.email;
    for (let i = 0; i < 3; i++)
      expect((await post('/api/v1/auth/login', { email, password: 'bad' })).statusCode).toBe(401);
    const locked = await post('/api/v1/auth/login', { email, password: TEST_PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('rate_limited');
    t.setNow(new Date(Date.now() + 16 * 60_000));
    const after = await post('/api/v1/auth/login', { email, password: TEST_PASSWORD });
    t.setNow(null);
    expect(after.statusCode).toBe(200);
  });

  it('rate-limits login attempts per client address', async () => {
    const limited = await buildTestApp({ loginRateLimitPerMinute: 3 });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await limited.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'a@b.example', password: 'x' },
      });
      codes.push(res.statusCode);
      if (res.statusCode === 429) expect(res.json().error.code).toBe('rate_limited');
    }
    expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
    expect(codes.slice(3)).toEqual([429, 429]);
    await limited.close();
  });

  it('cannot be dodged by inventing a client address in X-Forwarded-For', async () => {
    const limited = await buildTestApp({ loginRateLimitPerMinute: 2 });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await limited.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'a@b.example', password: 'x' },
        headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
      });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([401, 401, 429, 429]);
    await limited.close();
  });

  it('refuses cookie writes without the CSRF token, and accepts them with it', async () => {
    const c = await login(t.app, org.users.m1.email);
    const body = { name: `CSRF Co ${Date.now()}` };
    const without = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { cookie: c.cookie },
      payload: body,
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('forbidden');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { cookie: c.cookie, 'x-csrf-token': 'forged' },
      payload: body,
    });
    expect(wrong.statusCode).toBe(403);
    const csrf = await c.get('/api/v1/auth/csrf');
    expect(csrf.json().csrfToken).toBe(c.csrfToken);
    const ok = await c.post('/api/v1/customers', body);
    expect(ok.statusCode).toBe(201);
  });

  it('logs out: the session stops working', async () => {
    const c = await login(t.app, org.users.m2.email);
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(204);
    const after = await c.get('/api/v1/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
  });

  it('answers 401 without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/customers' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
  });
});
