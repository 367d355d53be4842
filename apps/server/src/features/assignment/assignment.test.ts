import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { assignmentHistory } from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';

let t: TestApp;
let org: TestOrg;
const cl: Record<string, Client> = {};

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  for (const k of [
    'admin',
    'director',
    'leadA',
    'leadB',
    'm1',
    'm2',
    'm3',
    'm4',
    'agent',
    'analyst',
  ] as const)
    cl[k] = await login(t.app, org.users[k].email);
});
afterAll(() => t.close());

const pool = (overrides = {}) =>
  insertCustomer(t.deps.db, org.orgId, null, {
    phone: '13811112222',
    phoneNorm: '13811112222',
    email: 'pool@x.example',
    emailNorm: 'pool@x.example',
    ...overrides,
  });
const owned = (u: { id: string; teamId: string | null }) =>
  insertCustomer(t.deps.db, org.orgId, { id: u.id, teamId: u.teamId }, { assignedAt: new Date() });

describe('manual assignment and release', () => {
  it('a lead assigns within their teams, with a reason kept in the history, field history and audit', async () => {
    const c = await owned(org.users.m1);
    const res = await cl.leadA!.post(`/api/v1/customers/${c.id}/assign`, {
      managerId: org.users.m3.id,
      reason: '区域调整',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ownerId: org.users.m3.id, teamId: org.team.a1 });
    const h = (await cl.leadA!.get(`/api/v1/customers/${c.id}/assignments`)).json().data;
    expect(h[0]).toMatchObject({
      kind: 'assign',
      fromUserId: org.users.m1.id,
      toUserId: org.users.m3.id,
      actorId: org.users.leadA.id,
      reason: '区域调整',
    });
    const fh = (await cl.leadA!.get(`/api/v1/customers/${c.id}/history`)).json().data;
    expect(fh[0]).toMatchObject({ field: 'ownerId', oldValue: org.users.m1.id, newValue: org.users.m3.id });
    const [a] = await queryRows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int n from audit_log where entity_id = ${c.id} and action = 'customer.assign'`,
    );
    expect(a!.n).toBe(1);
    // m1 lost it, m3 has it
    expect((await cl.m1!.get(`/api/v1/customers/${c.id}`)).statusCode).toBe(404);
    expect((await cl.m3!.get(`/api/v1/customers/${c.id}`)).statusCode).toBe(200);
  });

  it('refuses a lead assigning outside their teams (400), a manager assigning (403), an out-of-scope customer (404)', async () => {
    const c = await owned(org.users.m1);
    const outside = await cl.leadA!.post(`/api/v1/customers/${c.id}/assign`, {
      managerId: org.users.m4.id,
      reason: 'x',
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details[0]).toEqual({
      path: 'managerId',
      message: 'not a member of your teams',
    });
    expect(
      (await cl.m1!.post(`/api/v1/customers/${c.id}/assign`, { managerId: org.users.m2.id, reason: 'x' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await cl.leadB!.post(`/api/v1/customers/${c.id}/assign`, { managerId: org.users.m4.id, reason: 'x' }))
        .statusCode,
    ).toBe(404);
    const noReason = await cl.leadA!.post(`/api/v1/customers/${c.id}/assign`, {
      managerId: org.users.m2.id,
      reason: ' ',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].path).toBe('reason');
  });

  it('never assigns over capacity (422 capacity_exceeded)', async () => {
    await t.deps.db.execute(sql`update users set capacity = 1 where id = ${org.users.m2.id}`);
    const held = (
      await queryRows<{ n: number }>(
        t.deps.db,
        sql`select count(*)::int n from customers where owner_id = ${org.users.m2.id} and deleted_at is null`,
      )
    )[0]!.n;
    if (held === 0) await owned(org.users.m2);
    const c = await owned(org.users.m1);
    const res = await cl.leadA!.post(`/api/v1/customers/${c.id}/assign`, {
      managerId: org.users.m2.id,
      reason: 'x',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('capacity_exceeded');
    await t.deps.db.execute(sql`update users set capacity = 200 where id = ${org.users.m2.id}`);
  });

  it('a manager releases their own customer to the pool; it leaves their book', async () => {
    const c = await owned(org.users.m2);
    const res = await cl.m2!.post(`/api/v1/customers/${c.id}/release`, { reason: '客户无需求' });
    expect(res.statusCode).toBe(200);
    expect(res.json().ownerId).toBeNull();
    expect((await cl.m2!.get(`/api/v1/customers/${c.id}`)).statusCode).toBe(404);
    const inPool = (await cl.m2!.get(`/api/v1/pool?limit=500`)).json().data.map((x: { id: string }) => x.id);
    expect(inPool).toContain(c.id);
  });
});

describe('the public pool', () => {
  it('masks phone and e-mail below team lead, not for leads and directors', async () => {
    const c = await pool();
    const find = async (who: string) =>
      (await cl[who]!.get('/api/v1/pool?limit=500')).json().data.find((x: { id: string }) => x.id === c.id);
    expect((await find('m1')).phone).toBe('138****2222');
    expect((await find('m1')).email).toBe('p***@x.example');
    expect((await find('agent')).phone).toBe('138****2222');
    expect((await find('leadA')).phone).toBe('13811112222');
    expect((await find('director')).email).toBe('pool@x.example');
    const viaList = (await cl.agent!.get(`/api/v1/customers/${c.id}`)).json();
    expect(viaList.phone).toBe('138****2222');
  });

  it('lets a manager claim a pool customer; the claim is in the history', async () => {
    const c = await pool();
    const res = await cl.m1!.post(`/api/v1/pool/${c.id}/claim`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ownerId: org.users.m1.id, teamId: org.team.a, phone: '13811112222' });
    const again = await cl.m2!.post(`/api/v1/pool/${c.id}/claim`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_claimed');
    const h = (await cl.m1!.get(`/api/v1/customers/${c.id}/assignments`)).json().data;
    expect(h[0]).toMatchObject({ kind: 'claim', toUserId: org.users.m1.id });
    expect((await cl.analyst!.post(`/api/v1/pool/${(await pool()).id}/claim`)).statusCode).toBe(403);
  });

  it('stops at the daily claim limit with 422 claim_limit_reached, and counts days in the organization’s time zone', async () => {
    expect(
      (
        await cl.m1!.put('/api/v1/pool/policies', {
          scope: 'user',
          scopeId: org.users.m4.id,
          maxClaimsPerDay: 2,
        })
      ).statusCode,
    ).toBe(403);
    const set = await cl.director!.put('/api/v1/pool/policies', {
      scope: 'user',
      scopeId: org.users.m4.id,
      maxClaimsPerDay: 2,
    });
    expect(set.statusCode).toBe(200);
    // 23:30 in Shanghai on Dec 1 = 15:30 UTC
    t.setNow(new Date('2026-12-01T15:30:00Z'));
    for (let i = 0; i < 2; i++)
      expect((await cl.m4!.post(`/api/v1/pool/${(await pool()).id}/claim`)).statusCode).toBe(200);
    const third = await cl.m4!.post(`/api/v1/pool/${(await pool()).id}/claim`);
    expect(third.statusCode).toBe(422);
    expect(third.json().error.code).toBe('claim_limit_reached');
    expect((await cl.m4!.get('/api/v1/pool/limits')).json()).toMatchObject({
      maxClaimsPerDay: 2,
      claimsToday: 2,
      claimsLeft: 0,
    });
    // 00:30 in Shanghai the next day: a new day
    t.setNow(new Date('2026-12-01T16:30:00Z'));
    expect((await cl.m4!.post(`/api/v1/pool/${(await pool()).id}/claim`)).statusCode).toBe(200);
    t.setNow(null);
  });

  it('stops at the holding limit (422 holding_limit_reached)', async () => {
    await cl.admin!.put('/api/v1/pool/policies', { scope: 'team', scopeId: org.team.a1, maxHeld: 1 });
    const held = (
      await queryRows<{ n: number }>(
        t.deps.db,
        sql`select count(*)::int n from customers where owner_id = ${org.users.m3.id} and deleted_at is null`,
      )
    )[0]!.n;
    if (held === 0) await owned(org.users.m3);
    const res = await cl.m3!.post(`/api/v1/pool/${(await pool()).id}/claim`);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('holding_limit_reached');
  });

  it('refuses re-claiming a customer reclaimed from the same manager within the cool-down (422 cooldown_active)', async () => {
    const c = await pool();
    await t.deps.db.insert(assignmentHistory).values({
      orgId: org.orgId,
      id: newId(),
      customerId: c.id,
      kind: 'reclaim',
      fromUserId: org.users.m2.id,
      toUserId: null,
      at: new Date(Date.now() - 5 * 86_400_000),
    });
    const res = await cl.m2!.post(`/api/v1/pool/${c.id}/claim`);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('cooldown_active');
    expect((await cl.m1!.post(`/api/v1/pool/${c.id}/claim`)).statusCode).toBe(200);
  });

  it('lets exactly one of two managers claiming the same customer at once succeed', async () => {
    for (let round = 0; round < 5; round++) {
      const c = await pool();
      const [a, b] = await Promise.all([
        cl.m1!.post(`/api/v1/pool/${c.id}/claim`),
        cl.m2!.post(`/api/v1/pool/${c.id}/claim`),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      const [row] = await queryRows<{ n: number }>(
        t.deps.db,
        sql`select count(*)::int n from assignment_history where customer_id = ${c.id} and kind = 'claim'`,
      );
      expect(row!.n).toBe(1);
    }
  });
});
