import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';

let t: TestApp;
let org: TestOrg;
let director: Client;

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  director = await login(t.app, org.users.director.email);
  // Team A: m1 senior (capacity 3), m2 junior (capacity 3). m3 sits in sub-team A1.
  await t.deps.db.execute(
    sql`update users set level = 'senior', capacity = 3, regions = '{上海}' where id = ${org.users.m1.id}`,
  );
  await t.deps.db.execute(
    sql`update users set level = 'junior', capacity = 3, regions = '{北京}' where id = ${org.users.m2.id}`,
  );
});
afterAll(() => t.close());

const poolCustomer = (o: Record<string, unknown> = {}) => insertCustomer(t.deps.db, org.orgId, null, o);

describe('assignment rules', () => {
  it('are edited by directors and admins only, with the team checked', async () => {
    const m1 = await login(t.app, org.users.m1.email);
    expect(
      (await m1.post('/api/v1/assignment-rules', { name: 'x', teamId: org.team.a, strategy: 'round_robin' }))
        .statusCode,
    ).toBe(403);
    const bad = await director.post('/api/v1/assignment-rules', {
      name: 'x',
      teamId: org.orgId,
      strategy: 'round_robin',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('teamId');
    const badCond = await director.post('/api/v1/assignment-rules', {
      name: 'x',
      teamId: org.team.a,
      strategy: 'round_robin',
      conditions: [{ field: 'region', op: 'like' }],
    });
    expect(badCond.statusCode).toBe(400);
  });

  it('route A-tier customers only to senior managers, even out load, never exceed capacity, and pool the rest', async () => {
    const rule = await director.post('/api/v1/assignment-rules', {
      name: '华东 least loaded',
      teamId: org.team.a,
      strategy: 'least_loaded',
      conditions: [{ field: 'region', op: 'in', values: ['上海', '北京'] }],
    });
    expect(rule.statusCode).toBe(201);
    const a = await poolCustomer({ name: 'A tier', tier: 'A', region: '上海' });
    const others = [];
    for (let i = 0; i < 6; i++) others.push(await poolCustomer({ name: `C${i}`, tier: 'C', region: '北京' }));
    const elsewhere = await poolCustomer({ name: 'far', tier: 'C', region: '成都' });
    const ids = [a.id, ...others.map((o) => o.id), elsewhere.id];

    const dry = await director.post('/api/v1/assignment-rules/dry-run', {
      customerIds: [a.id, elsewhere.id],
    });
    expect(dry.statusCode).toBe(200);
    const byId = Object.fromEntries(dry.json().data.map((d: { customerId: string }) => [d.customerId, d]));
    expect(byId[a.id]).toMatchObject({ managerId: org.users.m1.id, pool: false });
    expect(byId[elsewhere.id]).toMatchObject({ pool: true, reason: { code: 'no_rule_matched' } });
    // a dry run moves nobody
    expect((await director.get(`/api/v1/customers/${a.id}`)).json().ownerId).toBeNull();

    const applied = await director.post('/api/v1/assignment-rules/apply', { customerIds: ids });
    expect(applied.statusCode).toBe(200);
    const res = applied.json();
    // capacity 3 + 3 = 6 places for 7 customers in the region: one stays in the pool, plus the far one
    expect(res.assigned).toBe(6);
    expect(res.pooled).toBe(2);
    const owners = await t.deps.db.execute(
      sql`select owner_id, count(*)::int n from customers where org_id = ${org.orgId} and owner_id is not null group by owner_id`,
    );
    const counts = Object.fromEntries(
      (owners as unknown as { rows: { owner_id: string; n: number }[] }).rows.map((r) => [r.owner_id, r.n]),
    );
    expect(counts[org.users.m1.id]).toBe(3);
    expect(counts[org.users.m2.id]).toBe(3);
    expect((await director.get(`/api/v1/customers/${a.id}`)).json().ownerId).toBe(org.users.m1.id);
    const h = (await director.get(`/api/v1/customers/${a.id}/assignments`)).json().data[0];
    expect(h).toMatchObject({ kind: 'rule', toUserId: org.users.m1.id, ruleId: rule.json().id });
  });

  it('applies exactly what the dry run showed', async () => {
    for (let i = 0; i < 6; i++)
      await poolCustomer({ tier: (['A', 'B', 'C'] as const)[i % 3], region: '北京' });
    const dry = (await director.post('/api/v1/assignment-rules/dry-run', { sample: 6 })).json().data;
    const applied = (
      await director.post('/api/v1/assignment-rules/apply', {
        customerIds: dry.map((d: { customerId: string }) => d.customerId),
      })
    ).json();
    const plan = (rows: { customerId: string; managerId: string | null }[]) =>
      Object.fromEntries(rows.map((r) => [r.customerId, r.managerId]));
    expect(plan(applied.data)).toEqual(plan(dry));
  });

  it('place a customer created without an owner, or leave it in the pool when no rule matches', async () => {
    const placed = await director.post('/api/v1/customers', {
      name: `Rule-routed ${Date.now()}`,
      region: '北京',
      ownerId: null,
    });
    expect(placed.statusCode).toBe(201);
    expect([org.users.m1.id, org.users.m2.id]).toContain(placed.json().ownerId);
    const h = (await director.get(`/api/v1/customers/${placed.json().id}/assignments`)).json().data;
    expect(h[0]).toMatchObject({ kind: 'rule' });
    const pooled = await director.post('/api/v1/customers', {
      name: `Far away ${Date.now()}`,
      region: '成都',
      ownerId: null,
    });
    expect(pooled.json().ownerId).toBeNull();
  });

  it('round-robin takes turns from the stored cursor', async () => {
    await t.deps.db.execute(
      sql`update users set capacity = 100 where id in (${org.users.m1.id}, ${org.users.m2.id})`,
    );
    const rules = (await director.get('/api/v1/assignment-rules')).json().data;
    for (const r of rules) await director.delete(`/api/v1/assignment-rules/${r.id}`);
    await director.post('/api/v1/assignment-rules', {
      name: 'rr',
      teamId: org.team.a,
      strategy: 'round_robin',
    });
    const got: string[] = [];
    for (let i = 0; i < 4; i++) {
      const c = await poolCustomer({ tier: 'B' });
      got.push(
        (await director.post('/api/v1/assignment-rules/apply', { customerIds: [c.id] })).json().data[0]
          .managerId,
      );
    }
    expect(got[0]).not.toBe(got[1]);
    expect(got[0]).toBe(got[2]);
    expect(got[1]).toBe(got[3]);
  });
});
