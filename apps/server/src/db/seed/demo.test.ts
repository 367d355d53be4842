import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, login, type TestApp } from '../../../test/build-test-app.js';
import { queryRows } from '../client.js';
import { demoExists, seedDemo } from './demo.js';

let t: TestApp;
let orgId: string;
const now = new Date('2026-12-01T00:00:00Z');
beforeAll(async () => {
  t = await buildTestApp();
  expect(await demoExists(t.deps.db)).toBe(false);
  ({ orgId } = await seedDemo(t.deps.db, { customers: 400, password: 'steward-demo', now }));
});
afterAll(() => t.close());

const accounts: [string, string][] = [
  ['admin@steward.demo', 'admin'],
  ['director@steward.demo', 'director'],
  ...[1, 2, 3].map((i): [string, string] => [`lead${i}@steward.demo`, 'team_lead']),
  ...Array.from({ length: 20 }, (_, i): [string, string] => [`manager${i + 1}@steward.demo`, 'manager']),
  ['agent1@steward.demo', 'service_agent'],
  ['agent2@steward.demo', 'service_agent'],
  ['analyst@steward.demo', 'analyst'],
];

describe('the demo organization of API.md', () => {
  it('has every account with its role and the demo password', async () => {
    expect(await demoExists(t.deps.db)).toBe(true);
    for (const [email, role] of accounts) {
      const c = await login(t.app, email, 'steward-demo');
      expect((await c.get('/api/v1/me')).json().user.role, email).toBe(role);
    }
  });

  it('spreads the managers over three teams led by the three leads', async () => {
    const lead = await login(t.app, 'lead2@steward.demo', 'steward-demo');
    const me = (await lead.get('/api/v1/me')).json();
    const teams = (await lead.get('/api/v1/teams')).json().data as {
      id: string;
      leadId: string | null;
      parentId: string | null;
    }[];
    expect(teams.filter((x) => x.parentId).length).toBe(3);
    expect(teams.find((x) => x.id === me.user.teamIds[0])!.leadId).toBe(me.user.id);
    const users = (await lead.get('/api/v1/users')).json().data as { role: string; teamId: string }[];
    const perTeam = new Set(users.filter((u) => u.role === 'manager').map((u) => u.teamId));
    expect(perTeam.size).toBe(3);
  });

  it('has realistic customers: contacts, two years of heavy-tailed orders, interactions, tiers, churned ones, a pool', async () => {
    const [stats] = await queryRows<{
      customers: number;
      pool: number;
      churned: number;
      tiered: number;
      contacts: number;
      orders: number;
      interactions: number;
      first: string;
      p50: number;
      p99: number;
    }>(
      t.deps.db,
      sql`select (select count(*)::int from customers where org_id = ${orgId}) customers,
                 (select count(*)::int from customers where org_id = ${orgId} and owner_id is null) pool,
                 (select count(*)::int from customers where org_id = ${orgId} and stage = 'churned') churned,
                 (select count(*)::int from customers where org_id = ${orgId} and tier is not null) tiered,
                 (select count(*)::int from contacts where org_id = ${orgId}) contacts,
                 (select count(*)::int from orders where org_id = ${orgId}) orders,
                 (select count(*)::int from interactions where org_id = ${orgId}) interactions,
                 (select min(ordered_at)::text from orders where org_id = ${orgId}) first,
                 (select percentile_cont(0.5) within group (order by amount)::float from orders where org_id = ${orgId}) p50,
                 (select percentile_cont(0.99) within group (order by amount)::float from orders where org_id = ${orgId}) p99`,
    );
    expect(stats!.customers).toBe(400);
    expect(stats!.pool).toBeGreaterThan(10);
    expect(stats!.churned).toBeGreaterThan(10);
    expect(stats!.tiered).toBeGreaterThan(100);
    expect(stats!.contacts).toBeGreaterThan(300);
    expect(stats!.orders).toBeGreaterThan(1000);
    expect(stats!.interactions).toBeGreaterThan(500);
    expect(new Date(stats!.first).getTime()).toBeLessThan(now.getTime() - 600 * 86_400_000);
    expect(stats!.p99 / stats!.p50).toBeGreaterThan(5); // heavy tail
  });
});
