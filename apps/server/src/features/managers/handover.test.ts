import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { tasks } from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';

let t: TestApp;
let org: TestOrg;
const cl: Record<string, Client> = {};

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  for (const k of ['admin', 'director', 'leadA', 'leadB', 'm1', 'm2', 'm3', 'm4'] as const)
    cl[k] = await login(t.app, org.users[k].email);
});
afterAll(() => t.close());

const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(t.deps.db, q);
const owned = (u: { id: string; teamId: string | null }, tier = 'C') =>
  insertCustomer(t.deps.db, org.orgId, u, { tier, assignedAt: new Date() });
async function task(assigneeId: string, customerId: string | null, status = 'open') {
  const id = newId();
  const now = new Date();
  await t.deps.db.insert(tasks).values({
    orgId: org.orgId,
    id,
    type: 'follow_up',
    title: 'call back',
    customerId,
    assigneeId,
    dueAt: now,
    status,
    createdAt: now,
    updatedAt: now,
  });
  return id;
}
const ownersOf = async (ids: string[]) =>
  Object.fromEntries(
    (
      await rows<{ id: string; owner_id: string | null; team_id: string | null }>(
        sql`select id, owner_id, team_id from customers where id in (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )})`,
      )
    ).map((r) => [r.id, r]),
  );

describe('deactivation with handover', () => {
  it('manual mode with an invalid target changes nothing (422) and a bad customer id is 400', async () => {
    const c1 = await owned(org.users.m2);
    const c2 = await owned(org.users.m2);
    const t1 = await task(org.users.m2.id, c1.id);
    await t.deps.db.execute(sql`update users set capacity = 0 where id = ${org.users.m4.id}`);
    const res = await cl.admin!.post(`/api/v1/users/${org.users.m2.id}/deactivate`, {
      mode: 'manual',
      reason: '离职',
      assignments: [
        { customerId: c1.id, managerId: org.users.m1.id },
        { customerId: c2.id, managerId: org.users.m4.id },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'invalid_handover_target',
      details: [{ path: 'assignments.1.managerId', message: 'at capacity' }],
    });
    await t.deps.db.execute(sql`update users set capacity = 200 where id = ${org.users.m4.id}`);
    const unknown = await cl.admin!.post(`/api/v1/users/${org.users.m2.id}/deactivate`, {
      mode: 'manual',
      reason: '离职',
      assignments: [{ customerId: c1.id, managerId: newId() }],
    });
    expect(unknown.statusCode).toBe(422);
    const notTheirs = await cl.admin!.post(`/api/v1/users/${org.users.m2.id}/deactivate`, {
      mode: 'manual',
      reason: '离职',
      assignments: [{ customerId: newId(), managerId: org.users.m1.id }],
    });
    expect(notTheirs.statusCode).toBe(400);
    expect(notTheirs.json().error.details[0].path).toBe('assignments.0.customerId');
    // nothing changed: still active, still signed in, still owning, task untouched, no history
    const [u] = await rows<{ status: string }>(sql`select status from users where id = ${org.users.m2.id}`);
    expect(u!.status).toBe('active');
    expect((await cl.m2!.get('/api/v1/me')).statusCode).toBe(200);
    const owners = await ownersOf([c1.id, c2.id]);
    expect(owners[c1.id]!.owner_id).toBe(org.users.m2.id);
    expect(owners[c2.id]!.owner_id).toBe(org.users.m2.id);
    const [tk] = await rows<{ assignee_id: string }>(sql`select assignee_id from tasks where id = ${t1}`);
    expect(tk!.assignee_id).toBe(org.users.m2.id);
    const [h] = await rows<{ n: number }>(
      sql`select count(*)::int n from assignment_history where customer_id in (${c1.id}, ${c2.id}) and kind = 'handover'`,
    );
    expect(h!.n).toBe(0);
  });

  it('refuses managers (403), a lead of another team (404), and oneself (422)', async () => {
    const body = { mode: 'rule', reason: 'x' };
    expect((await cl.m1!.post(`/api/v1/users/${org.users.m2.id}/deactivate`, body)).statusCode).toBe(403);
    expect((await cl.leadB!.post(`/api/v1/users/${org.users.m2.id}/deactivate`, body)).statusCode).toBe(404);
    expect(
      (await cl.leadB!.get(`/api/v1/users/${org.users.m2.id}/handover-preview?mode=rule`)).statusCode,
    ).toBe(404);
    const self = await cl.admin!.post(`/api/v1/users/${org.users.admin.id}/deactivate`, body);
    expect(self.statusCode).toBe(422);
    expect(self.json().error.code).toBe('cannot_deactivate_self');
  });

  it('rule mode: a preview, then one transaction moves customers within capacity, the rest to the pool, tasks follow; the user is signed out and refused at login', async () => {
    // m1 (team A) leaves with 5 customers; m2 is the only other manager of team A and has room for 2.
    const heldByM2 = (
      await rows<{ n: number }>(
        sql`select count(*)::int n from customers where owner_id = ${org.users.m2.id} and deleted_at is null`,
      )
    )[0]!.n;
    await t.deps.db.execute(sql`update users set capacity = ${heldByM2 + 2} where id = ${org.users.m2.id}`);
    const cs = [];
    for (let i = 0; i < 5; i++) cs.push(await owned(org.users.m1));
    const ids = cs.map((c) => c.id);
    const withCustomer = await task(org.users.m1.id, cs[0]!.id);
    const inProgress = await task(org.users.m1.id, null, 'in_progress');
    const done = await task(org.users.m1.id, cs[1]!.id, 'done');
    const m1Session = await login(t.app, org.users.m1.email);

    const preview = await cl.leadA!.get(`/api/v1/users/${org.users.m1.id}/handover-preview?mode=rule`);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ moved: 2, toPool: 3, tasksMoved: 2 });
    // the preview applied nothing
    expect(Object.values(await ownersOf(ids)).every((o) => o.owner_id === org.users.m1.id)).toBe(true);

    const res = await cl.leadA!.post(`/api/v1/users/${org.users.m1.id}/deactivate`, {
      mode: 'rule',
      reason: '员工离职',
    });
    expect(res.statusCode).toBe(200);
    const out = res.json();
    expect(out).toMatchObject({ moved: 2, toPool: 3, tasksMoved: 2 });
    expect(out.plan).toHaveLength(5);
    expect(out.plan).toEqual(preview.json().plan);

    const owners = await ownersOf(ids);
    for (const p of out.plan as { customerId: string; managerId: string | null }[]) {
      expect(owners[p.customerId]!.owner_id).toBe(p.managerId);
      expect(owners[p.customerId]!.team_id).toBe(p.managerId ? org.team.a : null);
      if (p.managerId) expect(p.managerId).toBe(org.users.m2.id);
    }
    // nobody over capacity
    const [m2] = await rows<{ n: number; capacity: number }>(
      sql`select capacity, (select count(*)::int from customers where owner_id = ${org.users.m2.id} and deleted_at is null) n from users where id = ${org.users.m2.id}`,
    );
    expect(m2!.n).toBeLessThanOrEqual(m2!.capacity);

    // history: one handover row per customer, with the reason; field history and audit
    const hist = await rows<{
      customer_id: string;
      from_user_id: string;
      to_user_id: string | null;
      reason: string;
    }>(
      sql`select customer_id, from_user_id, to_user_id, reason from assignment_history where kind = 'handover' and from_user_id = ${org.users.m1.id}`,
    );
    expect(hist).toHaveLength(5);
    expect(hist.every((h) => h.reason === '员工离职')).toBe(true);
    const api = await cl.admin!.get(`/api/v1/customers/${ids[0]}/assignments`);
    expect(api.json().data[0]).toMatchObject({
      kind: 'handover',
      fromUserId: org.users.m1.id,
      reason: '员工离职',
    });
    const [fh] = await rows<{ n: number }>(
      sql`select count(*)::int n from field_history where entity = 'customer' and field = 'ownerId' and old_value = to_jsonb(${org.users.m1.id}::text)`,
    );
    expect(fh!.n).toBe(5);
    const [au] = await rows<{ n: number }>(
      sql`select count(*)::int n from audit_log where entity_id = ${org.users.m1.id} and action = 'user.deactivate'`,
    );
    expect(au!.n).toBe(1);

    // tasks: the customer's task follows its new owner (or the lead if pooled); the other goes to the lead
    const tk = Object.fromEntries(
      (
        await rows<{ id: string; assignee_id: string }>(
          sql`select id, assignee_id from tasks where id in (${withCustomer}, ${inProgress}, ${done})`,
        )
      ).map((r) => [r.id, r.assignee_id]),
    );
    expect(tk[withCustomer]).toBe(owners[cs[0]!.id]!.owner_id ?? org.users.leadA.id);
    expect(tk[inProgress]).toBe(org.users.leadA.id);
    expect(tk[done]).toBe(org.users.m1.id);

    // signed out at once, and refused at login
    const me = await m1Session.get('/api/v1/me');
    expect(me.statusCode).toBe(401);
    expect((await cl.m1!.get('/api/v1/customers')).statusCode).toBe(401);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: org.users.m1.email, password: 'test-password-1' },
    });
    expect(again.statusCode).toBe(401);
    const [u] = await rows<{ status: string }>(sql`select status from users where id = ${org.users.m1.id}`);
    expect(u!.status).toBe('departed');

    // a departed user cannot be deactivated twice, nor take customers by hand
    const twice = await cl.admin!.post(`/api/v1/users/${org.users.m1.id}/deactivate`, {
      mode: 'rule',
      reason: 'x',
    });
    expect(twice.json().error.code).toBe('already_departed');
  });

  it('manual mode: chosen colleagues (even in another team) take their customers, the rest go by rule, tasks to taskAssigneeId', async () => {
    const a = await owned(org.users.m3, 'A');
    const b = await owned(org.users.m3);
    const orphan = await task(org.users.m3.id, null);
    await t.deps.db.execute(sql`update users set level = 'senior' where id = ${org.users.m4.id}`);
    const res = await cl.director!.post(`/api/v1/users/${org.users.m3.id}/deactivate`, {
      mode: 'manual',
      reason: '调岗',
      assignments: [{ customerId: a.id, managerId: org.users.m4.id }],
      taskAssigneeId: org.users.leadB.id,
    });
    expect(res.statusCode).toBe(200);
    // team A1 has no other manager: b goes to the pool
    expect(res.json()).toMatchObject({ moved: 1, toPool: 1, tasksMoved: 1 });
    const owners = await ownersOf([a.id, b.id]);
    expect(owners[a.id]).toMatchObject({ owner_id: org.users.m4.id, team_id: org.team.b });
    expect(owners[b.id]).toMatchObject({ owner_id: null, team_id: null });
    const [tk] = await rows<{ assignee_id: string }>(sql`select assignee_id from tasks where id = ${orphan}`);
    expect(tk!.assignee_id).toBe(org.users.leadB.id);
    expect((await cl.leadB!.get(`/api/v1/customers/${a.id}`)).statusCode).toBe(200);
  });
});
