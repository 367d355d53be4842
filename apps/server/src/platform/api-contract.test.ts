import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Client, type TestApp } from '../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../test/factories.js';
import { helmetHeaders } from './security-headers.js';

let t: TestApp;
let org: TestOrg;
let lead: Client;
const marker = `Pg${Date.now()}`;

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  lead = await login(t.app, org.users.leadA.email);
  const owners = [org.users.m1, org.users.m2, org.users.m3];
  for (let i = 0; i < 23; i++) {
    const o = owners[i % 3]!;
    await insertCustomer(
      t.deps.db,
      org.orgId,
      { id: o.id, teamId: o.teamId },
      {
        name: `${marker} ${String(i).padStart(2, '0')}`,
        tier: (['A', 'B', 'C', 'D'] as const)[i % 4],
        stage: i % 2 ? 'active' : 'prospect',
        tags: i % 5 === 0 ? ['VIP'] : [],
        region: i < 10 ? '上海' : '北京',
        createdAt: new Date(Date.UTC(2026, 0, 1 + (i % 7))), // ties on purpose: the id breaks them
      },
    );
  }
});
afterAll(() => t.close());

describe('platform endpoints', () => {
  it('GET /api/health names the database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({
      status: 'ok',
      database: process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite',
    });
  });

  it('serves an OpenAPI 3 document of the endpoints, and the docs page', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/v1/auth/login',
      '/api/v1/customers',
      '/api/v1/customers/{id}',
      '/api/v1/customers/{id}/timeline',
    ])
      expect(Object.keys(doc.paths)).toContain(p);
    expect(doc.paths['/api/v1/customers'].post.requestBody).toBeDefined();
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBeDefined();
    // Every header Helmet sets, on answers and errors alike (unknown route, signed out).
    for (const url of ['/api/health', '/api/v1/customers', '/api/v1/no-such-thing']) {
      const answered = await t.app.inject({ method: 'GET', url });
      for (const [name, value] of Object.entries(helmetHeaders())) expect(answered.headers[name]).toBe(value);
    }
  });
});

describe('lists: keyset pagination, filters, sorting', () => {
  const all = async (query: string, limit: number) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await lead.get(
        `/api/v1/customers?q=${marker}&limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.data.length).toBeLessThanOrEqual(limit);
      seen.push(...body.data.map((c: { name: string }) => c.name.slice(marker.length + 1)));
      cursor = body.nextCursor;
    } while (cursor);
    return seen;
  };

  it('pages through every row exactly once, in order, for each sort', async () => {
    const expected = Array.from({ length: 23 }, (_, i) => String(i).padStart(2, '0'));
    expect(await all('&sort=name', 5)).toEqual(expected);
    expect(await all('&sort=-name', 4)).toEqual([...expected].reverse());
    const byCreated = await all('&sort=-createdAt', 6);
    expect([...byCreated].sort()).toEqual(expected);
    const days = byCreated.map((n) => Number(n) % 7);
    expect(days).toEqual([...days].sort((a, b) => b - a));
  });

  it('filters by tier, stage, tag, region and owner, and counts the same rows', async () => {
    expect((await all('&tier=A,B', 50)).sort()).toEqual(
      ['00', '01', '04', '05', '08', '09', '12', '13', '16', '17', '20', '21'].sort(),
    );
    expect(
      (await all('&stage=active&region=上海'.replace('上海', encodeURIComponent('上海')), 50)).length,
    ).toBe(5);
    expect(await all('&tag=VIP&sort=name', 50)).toEqual(['00', '05', '10', '15', '20']);
    expect((await all(`&ownerId=${org.users.m3.id}`, 50)).length).toBe(7);
    const count = await lead.get(`/api/v1/customers/count?q=${marker}&tier=A,B`);
    expect(count.json().count).toBe(12);
  });

  it('answers 400 for a bad limit, filter value or cursor, naming the field', async () => {
    const cases: [string, string][] = [
      ['limit=501', 'limit'],
      ['limit=0', 'limit'],
      ['tier=Z', 'tier'],
      ['sort=owner', 'sort'],
      ['cursor=garbage', 'cursor'],
    ];
    for (const [q, field] of cases) {
      const res = await lead.get(`/api/v1/customers?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(res.json().error.details[0].path, q).toMatch(new RegExp(`^${field}`));
    }
  });

  it('defaults to 50 rows a page', async () => {
    const res = await lead.get('/api/v1/customers');
    expect(res.json().data.length).toBeLessThanOrEqual(50);
    expect(res.json()).toHaveProperty('nextCursor');
  });
});
