import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';

let t: TestApp;
let org: TestOrg;
let m1: Client;
let m2: Client;
let m4: Client;
let leadA: Client;

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  m1 = await login(t.app, org.users.m1.email);
  m2 = await login(t.app, org.users.m2.email);
  m4 = await login(t.app, org.users.m4.email);
  leadA = await login(t.app, org.users.leadA.email);
});
afterAll(() => t.close());

const names = async (c: Client, list = 'customers') => {
  const res = await c.get(`/api/v1/views?list=${list}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().data as { name: string }[]).map((v) => v.name);
};

describe('saved views', () => {
  it('keeps a private view to its owner', async () => {
    const res = await m1.post('/api/v1/views', {
      list: 'customers',
      name: 'My A customers',
      filters: { tier: ['A', 'B'], region: '上海' },
      columns: ['name', 'tier', 'phone'],
      sort: '-updatedAt',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      list: 'customers',
      name: 'My A customers',
      filters: { tier: 'A,B', region: '上海' },
      columns: ['name', 'tier', 'phone'],
      sort: '-updatedAt',
      sharedTeamId: null,
      ownerId: org.users.m1.id,
      mine: true,
    });
    expect(await names(m1)).toContain('My A customers');
    expect(await names(m2)).not.toContain('My A customers');
    expect(await names(m1, 'tasks')).not.toContain('My A customers');
    const [audit] = await queryRows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from audit_log where org_id = ${org.orgId}
          and action = 'saved_view.create' and entity_id = ${res.json().id}`,
    );
    expect(audit?.n).toBe(1);
  });

  it('shares a view with the own team: its members see it, other teams do not', async () => {
    const res = await m1.post('/api/v1/views', {
      list: 'customers',
      name: 'Team A at risk',
      filters: { stage: 'at_risk' },
      sharedTeamId: org.team.a,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ sharedTeamId: org.team.a, sharedTeamName: 'Team A' });
    const id = res.json().id as string;
    expect(await names(m2)).toContain('Team A at risk');
    expect(await names(leadA)).toContain('Team A at risk');
    expect(await names(m4)).not.toContain('Team A at risk');
    const seen = (await m2.get('/api/v1/views?list=customers'))
      .json()
      .data.find((v: { id: string }) => v.id === id);
    expect(seen).toMatchObject({ mine: false, ownerName: org.users.m1.name });

    // Only the owner changes or deletes it; outside the team it does not exist.
    expect((await m2.patch(`/api/v1/views/${id}`, { name: 'Mine now' })).statusCode).toBe(403);
    expect((await m2.delete(`/api/v1/views/${id}`)).statusCode).toBe(403);
    expect((await m4.patch(`/api/v1/views/${id}`, { name: 'Mine now' })).statusCode).toBe(404);
    expect((await m4.delete(`/api/v1/views/${id}`)).statusCode).toBe(404);

    const renamed = await m1.patch(`/api/v1/views/${id}`, { name: 'Team A churn risk', sharedTeamId: null });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Team A churn risk', sharedTeamId: null });
    expect(await names(m2)).not.toContain('Team A churn risk');
    expect((await m1.delete(`/api/v1/views/${id}`)).statusCode).toBe(204);
    expect(await names(m1)).not.toContain('Team A churn risk');
  });

  it('a lead shares with the team they lead; nobody shares with a team not theirs', async () => {
    const led = await leadA.post('/api/v1/views', {
      list: 'tasks',
      name: 'Overdue',
      filters: { overdue: 'true' },
      sharedTeamId: org.team.a,
    });
    expect(led.statusCode, led.body).toBe(201);
    expect(await names(m1, 'tasks')).toContain('Overdue');

    const refused = await m1.post('/api/v1/views', {
      list: 'customers',
      name: 'Theirs',
      sharedTeamId: org.team.b,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toEqual([{ path: 'sharedTeamId', message: expect.any(String) }]);
    const own = await m1.post('/api/v1/views', { list: 'customers', name: 'Mine' });
    const moved = await m1.patch(`/api/v1/views/${own.json().id}`, { sharedTeamId: org.team.b });
    expect(moved.statusCode).toBe(400);
    expect(await names(m4)).not.toContain('Mine');
  });

  it('refuses bad input with the field', async () => {
    const noName = await m1.post('/api/v1/views', { list: 'customers', name: ' ' });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.details[0].path).toBe('name');
    const badFilter = await m1.post('/api/v1/views', {
      list: 'customers',
      name: 'x',
      filters: { tier: 'Z' },
    });
    expect(badFilter.statusCode).toBe(400);
    expect(badFilter.json().error.details[0].path).toBe('filters.tier');
    const badSort = await m1.post('/api/v1/views', { list: 'pool', name: 'x', sort: 'phone' });
    expect(badSort.statusCode).toBe(400);
    expect(badSort.json().error.details[0].path).toBe('sort');
    const badList = await m1.get('/api/v1/views?list=secrets');
    expect(badList.statusCode).toBe(400);
  });
});
