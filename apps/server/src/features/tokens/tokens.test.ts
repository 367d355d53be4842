import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';
import { TOKEN_CAPABILITY_NAMES, WEBHOOK_EVENT_NAMES } from '@steward/contracts';
import { TOKEN_CAPABILITIES, WEBHOOK_EVENTS } from '@steward/core';
import { apiTokens, auditLog, users } from '../../db/schema/index.js';
import { forgetAllSessions } from '../../platform/actor-cache.js';
import { sha256 } from '../../platform/ids.js';

let t: TestApp;
let org: TestOrg;
let admin: Client;
let m1: Client;
let m2: Client;
let own: { id: string };
let others: { id: string };

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db, 'Token Org');
  admin = await login(t.app, org.users.admin.email);
  m1 = await login(t.app, org.users.m1.email);
  m2 = await login(t.app, org.users.m2.email);
  const u = org.users;
  own = await insertCustomer(
    t.deps.db,
    org.orgId,
    { id: u.m1.id, teamId: u.m1.teamId },
    { name: 'Token own' },
  );
  others = await insertCustomer(
    t.deps.db,
    org.orgId,
    { id: u.m3.id, teamId: u.m3.teamId },
    { name: 'Token other' },
  );
});
afterAll(() => t.close());

const bearer = (token: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload ? { payload } : {}),
  });

async function mint(client: Client, scopes: string[], extra: object = {}) {
  const res = await client.post('/api/v1/api-tokens', { name: `t ${scopes.join(' ')}`, scopes, ...extra });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; token: string; prefix: string; scopes: string[] };
}

describe('API tokens', () => {
  it('the API contract lists the same capabilities and events as the rules', () => {
    expect([...TOKEN_CAPABILITY_NAMES]).toEqual([...TOKEN_CAPABILITIES]);
    expect([...WEBHOOK_EVENT_NAMES]).toEqual([...WEBHOOK_EVENTS]);
  });

  it('shows the secret once, stores only its SHA-256 and lists it with lastUsedAt', async () => {
    const created = await mint(m1, ['read']);
    expect(created.token).toMatch(/^stw_[A-Za-z0-9_-]{43}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    const [row] = await t.deps.db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(row!.tokenHash).toBe(sha256(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    const list = (await m1.get('/api/v1/api-tokens')).json().data as Record<string, unknown>[];
    const listed = list.find((x) => x.id === created.id)!;
    expect(listed).toBeDefined();
    expect(listed.token).toBeUndefined();
    expect(listed.lastUsedAt).toBeNull();
    expect((await bearer(created.token, 'GET', '/api/v1/me')).statusCode).toBe(200);
    const after = (await m1.get('/api/v1/api-tokens')).json().data as Record<string, unknown>[];
    expect(after.find((x) => x.id === created.id)!.lastUsedAt).not.toBeNull();
    const audits = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.orgId), eq(auditLog.entityId, created.id)));
    expect(audits.map((a) => a.action)).toContain('api_token.create');
    expect(JSON.stringify(audits)).not.toContain(created.token);
  });

  it('lists only the caller’s tokens; an administrator sees all of the organization', async () => {
    const mine = await mint(m2, ['read']);
    const m1List = (await m1.get('/api/v1/api-tokens')).json().data as { id: string }[];
    expect(m1List.some((x) => x.id === mine.id)).toBe(false);
    const adminList = (await admin.get('/api/v1/api-tokens')).json().data as { id: string }[];
    expect(adminList.some((x) => x.id === mine.id)).toBe(true);
    // Someone else's token is not found for a non-admin.
    expect((await m1.delete(`/api/v1/api-tokens/${mine.id}`)).statusCode).toBe(404);
  });

  it('refuses unknown scopes and past expiry', async () => {
    const bad = await m1.post('/api/v1/api-tokens', { name: 'x', scopes: ['nothing:read', 'read'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    const past = await m1.post('/api/v1/api-tokens', {
      name: 'x',
      scopes: ['read'],
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details[0].path).toBe('expiresAt');
  });

  it('a read-only token reads but is refused on writes (403 insufficient_scope), without CSRF', async () => {
    const { token } = await mint(m1, ['read']);
    expect((await bearer(token, 'GET', `/api/v1/customers/${own.id}`)).statusCode).toBe(200);
    const write = await bearer(token, 'PATCH', `/api/v1/customers/${own.id}`, { industry: 'Retail' });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe('insufficient_scope');
    const { token: rw } = await mint(m1, ['write']);
    const ok = await bearer(rw, 'PATCH', `/api/v1/customers/${own.id}`, { industry: 'Retail' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().industry).toBe('Retail');
  });

  it('a manager’s token never sees customers outside the manager’s scope', async () => {
    const { token } = await mint(m1, ['write']);
    expect((await bearer(token, 'GET', `/api/v1/customers/${others.id}`)).statusCode).toBe(404);
    expect(
      (await bearer(token, 'PATCH', `/api/v1/customers/${others.id}`, { industry: 'X' })).statusCode,
    ).toBe(404);
    const list = (await bearer(token, 'GET', '/api/v1/customers?limit=500')).json().data as { id: string }[];
    expect(list.some((c) => c.id === own.id)).toBe(true);
    expect(list.some((c) => c.id === others.id)).toBe(false);
    // A manager's token does not gain admin rights either.
    expect((await bearer(token, 'GET', '/api/v1/audit-log')).statusCode).toBe(403);
  });

  it('capability scopes reach only their capability', async () => {
    const { token } = await mint(m1, ['customers:read', 'tasks:write']);
    expect((await bearer(token, 'GET', `/api/v1/customers/${own.id}`)).statusCode).toBe(200);
    expect((await bearer(token, 'GET', '/api/v1/tasks')).statusCode).toBe(200);
    const noWrite = await bearer(token, 'PATCH', `/api/v1/customers/${own.id}`, { industry: 'Y' });
    expect(noWrite.statusCode).toBe(403);
    expect(noWrite.json().error.message).toContain('customers:write');
    const task = await bearer(token, 'POST', '/api/v1/tasks', {
      type: 'call',
      title: 'by token',
      assigneeId: org.users.m1.id,
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(task.statusCode).toBe(201);
    expect((await bearer(token, 'GET', '/api/v1/orders')).statusCode).toBe(403);
  });

  it('refuses revoked, expired, unknown tokens and tokens of deactivated users (401)', async () => {
    const revoked = await mint(m1, ['read']);
    expect((await bearer(revoked.token, 'GET', '/api/v1/me')).statusCode).toBe(200);
    const del = await m1.delete(`/api/v1/api-tokens/${revoked.id}`);
    expect(del.statusCode).toBe(200);
    expect(del.json().status).toBe('revoked');
    const r1 = await bearer(revoked.token, 'GET', '/api/v1/me');
    expect(r1.statusCode).toBe(401);
    expect(r1.json().error.code).toBe('unauthenticated');

    const soon = new Date(Date.now() + 60_000);
    const expiring = await mint(m1, ['read'], { expiresAt: soon.toISOString() });
    expect((await bearer(expiring.token, 'GET', '/api/v1/me')).statusCode).toBe(200);
    t.setNow(new Date(soon.getTime() + 1000));
    try {
      expect((await bearer(expiring.token, 'GET', '/api/v1/me')).statusCode).toBe(401);
      const listed = (await m1.get('/api/v1/api-tokens')).json().data as { id: string; status: string }[];
      expect(listed.find((x) => x.id === expiring.id)!.status).toBe('expired');
    } finally {
      t.setNow(null);
    }

    expect((await bearer('stw_not-a-real-token', 'GET', '/api/v1/me')).statusCode).toBe(401);

    const m4 = await login(t.app, org.users.m4.email);
    const m4Token = await mint(m4, ['read']);
    expect((await bearer(m4Token.token, 'GET', '/api/v1/me')).statusCode).toBe(200);
    await t.deps.db
      .update(users)
      .set({ status: 'inactive' })
      .where(and(eq(users.orgId, org.orgId), eq(users.id, org.users.m4.id)));
    forgetAllSessions(); // as every write to users does (features/managers)
    expect((await bearer(m4Token.token, 'GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('an administrator may revoke anyone’s token; a token cannot manage tokens', async () => {
    const created = await mint(m2, ['write']);
    expect((await bearer(created.token, 'GET', '/api/v1/api-tokens')).json().error.code).toBe(
      'session_required',
    );
    expect(
      (await bearer(created.token, 'POST', '/api/v1/api-tokens', { name: 'x', scopes: ['write'] }))
        .statusCode,
    ).toBe(403);
    expect((await admin.delete(`/api/v1/api-tokens/${created.id}`)).statusCode).toBe(200);
    expect((await bearer(created.token, 'GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('a bearer request needs no CSRF header while a cookie write without it is refused', async () => {
    const { token } = await mint(m1, ['customers:write']);
    const viaToken = await bearer(token, 'POST', '/api/v1/customers', { name: 'Made by token' });
    expect(viaToken.statusCode).toBe(201);
    const viaCookie = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { cookie: m1.cookie },
      payload: { name: 'Made by cookie' },
    });
    expect(viaCookie.statusCode).toBe(403);
  });
});
