import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';

let t: TestApp;
let org: TestOrg;
const cl: Record<string, Client> = {};

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  for (const k of ['admin', 'director', 'leadA', 'leadB', 'm1', 'm2', 'analyst'] as const)
    cl[k] = await login(t.app, org.users[k].email);
});
afterAll(() => t.close());

const count = async (q: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(t.deps.db, q))[0]!.n;

describe('users', () => {
  it('an admin adds a user (201) who can then sign in; the write is audited', async () => {
    const email = `New.Person.${Date.now()}@test.example`;
    const res = await cl.admin!.post('/api/v1/users', {
      email,
      name: '新经理',
      role: 'manager',
      password: 'long-enough-1',
      teamId: org.team.b,
      level: 'senior',
      capacity: 30,
      regions: ['华东'],
      languages: ['zh'],
      hireDate: '2026-01-05',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      email: email.toLowerCase(),
      role: 'manager',
      teamId: org.team.b,
      level: 'senior',
      capacity: 30,
      regions: ['华东'],
      hireDate: '2026-01-05',
      status: 'active',
      load: 0,
      bookValue: { total: 0 },
    });
    expect(
      await count(
        sql`select count(*)::int n from audit_log where entity_id = ${body.id} and action = 'user.create'`,
      ),
    ).toBe(1);
    const c = await login(t.app, email, 'long-enough-1');
    const me = (await c.get('/api/v1/me')).json();
    expect(me.user).toMatchObject({ id: body.id, role: 'manager', teamIds: [org.team.b] });
  });

  it('refuses a taken email (409 email_taken, whatever its case), a short password (400), non-admins (403)', async () => {
    const base = { name: 'X', role: 'manager', password: 'long-enough-1' };
    const dup = await cl.admin!.post('/api/v1/users', { ...base, email: org.users.m1.email.toUpperCase() });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'email_taken', details: [{ path: 'email' }] });
    const short = await cl.admin!.post('/api/v1/users', {
      ...base,
      email: 'short@test.example',
      password: 'short',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details[0].path).toBe('password');
    for (const k of ['director', 'leadA', 'm1'])
      expect((await cl[k]!.post('/api/v1/users', { ...base, email: `${k}-x@test.example` })).statusCode).toBe(
        403,
      );
    const badTeam = await cl.admin!.post('/api/v1/users', {
      ...base,
      email: `team-${Date.now()}@test.example`,
      teamId: '00000000-0000-4000-8000-000000000000',
    });
    expect(badTeam.statusCode).toBe(400);
    expect(badTeam.json().error.details[0].path).toBe('teamId');
  });

  it('lists colleagues with their profile and load, and shows a profile with the book by tier', async () => {
    await insertCustomer(t.deps.db, org.orgId, org.users.m2, { tier: 'A' });
    await insertCustomer(t.deps.db, org.orgId, org.users.m2, { tier: 'C' });
    await insertCustomer(t.deps.db, org.orgId, org.users.m2, { tier: null });
    const list = await cl.m1!.get('/api/v1/users');
    expect(list.statusCode).toBe(200);
    const m2 = list.json().data.find((u: { id: string }) => u.id === org.users.m2.id);
    expect(m2).toMatchObject({ email: org.users.m2.email, level: 'junior', capacity: 200, load: 3 });
    const filtered = (await cl.m1!.get(`/api/v1/users?teamId=${org.team.b}`)).json().data;
    expect(filtered.every((u: { teamId: string }) => u.teamId === org.team.b)).toBe(true);
    expect(filtered.map((u: { id: string }) => u.id)).toEqual(
      expect.arrayContaining([org.users.leadB.id, org.users.m4.id]),
    );
    const profile = await cl.m1!.get(`/api/v1/users/${org.users.m2.id}`);
    expect(profile.statusCode).toBe(200);
    expect(profile.json()).toMatchObject({
      id: org.users.m2.id,
      load: 3,
      bookValue: { A: 1, B: 0, C: 1, D: 0, ungraded: 1, total: 3 },
    });
    expect((await cl.m1!.get('/api/v1/users/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('a team lead edits the profile of members of their teams, sub-teams included, with field history', async () => {
    const res = await cl.leadA!.patch(`/api/v1/users/${org.users.m1.id}`, {
      capacity: 12,
      regions: ['华南'],
      level: 'senior',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ capacity: 12, regions: ['华南'], level: 'senior' });
    const fh = await queryRows<{ field: string; old_value: unknown; new_value: unknown }>(
      t.deps.db,
      sql`select field, old_value, new_value from field_history where entity = 'user' and entity_id = ${org.users.m1.id} order by field`,
    );
    expect(fh).toEqual([
      { field: 'capacity', old_value: 200, new_value: 12 },
      { field: 'level', old_value: 'junior', new_value: 'senior' },
      { field: 'regions', old_value: [], new_value: ['华南'] },
    ]);
    expect(
      await count(
        sql`select count(*)::int n from audit_log where entity_id = ${org.users.m1.id} and action = 'user.update'`,
      ),
    ).toBe(1);
    expect((await cl.leadA!.patch(`/api/v1/users/${org.users.m3.id}`, { capacity: 50 })).statusCode).toBe(
      200,
    );
    const leave = await cl.leadA!.patch(`/api/v1/users/${org.users.m3.id}`, { status: 'on_leave' });
    expect(leave.statusCode).toBe(200);
    expect(leave.json().status).toBe('on_leave');
  });

  it("refuses a lead editing another team's member (404), roles or teams (403), and plain managers (403)", async () => {
    const other = await cl.leadA!.patch(`/api/v1/users/${org.users.m4.id}`, { capacity: 1 });
    expect(other.statusCode).toBe(404);
    const role = await cl.leadA!.patch(`/api/v1/users/${org.users.m1.id}`, { role: 'team_lead' });
    expect(role.statusCode).toBe(403);
    expect(role.json().error.code).toBe('forbidden');
    expect(
      (await cl.leadA!.patch(`/api/v1/users/${org.users.m1.id}`, { teamId: org.team.b })).statusCode,
    ).toBe(403);
    expect((await cl.m1!.patch(`/api/v1/users/${org.users.m1.id}`, { capacity: 999 })).statusCode).toBe(403);
    expect((await cl.analyst!.patch(`/api/v1/users/${org.users.m2.id}`, { capacity: 1 })).statusCode).toBe(
      403,
    );
    const departed = await cl.admin!.patch(`/api/v1/users/${org.users.m2.id}`, { status: 'departed' });
    expect(departed.statusCode).toBe(400);
    expect(
      (
        await queryRows<{ capacity: number }>(
          t.deps.db,
          sql`select capacity from users where id = ${org.users.m4.id}`,
        )
      )[0]!.capacity,
    ).toBe(200);
  });

  it("an admin moves a manager to another team: their customers' team follows, so the new lead sees them and the old does not", async () => {
    const c = await insertCustomer(t.deps.db, org.orgId, org.users.m2);
    expect((await cl.leadA!.get(`/api/v1/customers/${c.id}`)).statusCode).toBe(200);
    expect((await cl.leadB!.get(`/api/v1/customers/${c.id}`)).statusCode).toBe(404);
    const res = await cl.admin!.patch(`/api/v1/users/${org.users.m2.id}`, { teamId: org.team.b });
    expect(res.statusCode).toBe(200);
    expect(res.json().teamId).toBe(org.team.b);
    expect((await cl.leadB!.get(`/api/v1/customers/${c.id}`)).json().teamId).toBe(org.team.b);
    expect((await cl.leadA!.get(`/api/v1/customers/${c.id}`)).statusCode).toBe(404);
    const held = await count(
      sql`select count(*)::int n from customers where owner_id = ${org.users.m2.id} and team_id is distinct from ${org.team.b}`,
    );
    expect(held).toBe(0);
    expect(
      await count(
        sql`select count(*)::int n from field_history where entity = 'customer' and entity_id = ${c.id} and field = 'teamId'`,
      ),
    ).toBe(1);
    expect(
      await count(
        sql`select count(*)::int n from audit_log where entity_id = ${org.users.m2.id} and action = 'user.customers_follow_team'`,
      ),
    ).toBe(1);
    // and the lead of team A can no longer edit them
    expect((await cl.leadA!.patch(`/api/v1/users/${org.users.m2.id}`, { capacity: 5 })).statusCode).toBe(404);
  });

  it('an admin cannot take the admin role from themselves (422)', async () => {
    const res = await cl.admin!.patch(`/api/v1/users/${org.users.admin.id}`, { role: 'manager' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('cannot_demote_self');
  });
});

describe('teams', () => {
  it('a director adds, renames and deletes an empty team; all audited', async () => {
    const res = await cl.director!.post('/api/v1/teams', {
      name: 'Team C',
      parentId: org.team.dept,
      leadId: org.users.leadB.id,
    });
    expect(res.statusCode).toBe(201);
    const team = res.json();
    expect(team).toMatchObject({ name: 'Team C', parentId: org.team.dept, leadId: org.users.leadB.id });
    const renamed = await cl.admin!.patch(`/api/v1/teams/${team.id}`, { name: 'Team C2', leadId: null });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Team C2', leadId: null });
    expect((await cl.director!.delete(`/api/v1/teams/${team.id}`)).statusCode).toBe(204);
    expect(
      (await cl.director!.get('/api/v1/teams')).json().data.some((x: { id: string }) => x.id === team.id),
    ).toBe(false);
    expect(
      await count(
        sql`select count(*)::int n from audit_log where entity_id = ${team.id} and action like 'team.%'`,
      ),
    ).toBe(3);
  });

  it('refuses cycles (422 team_cycle), non-empty deletes (422 team_not_empty), unknown parents (400), other roles (403)', async () => {
    const under = await cl.admin!.patch(`/api/v1/teams/${org.team.dept}`, { parentId: org.team.a1 });
    expect(under.statusCode).toBe(422);
    expect(under.json().error.code).toBe('team_cycle');
    const self = await cl.admin!.patch(`/api/v1/teams/${org.team.a}`, { parentId: org.team.a });
    expect(self.json().error.code).toBe('team_cycle');
    for (const id of [org.team.a, org.team.dept]) {
      const del = await cl.admin!.delete(`/api/v1/teams/${id}`);
      expect(del.statusCode).toBe(422);
      expect(del.json().error.code).toBe('team_not_empty');
    }
    const orphan = await cl.admin!.post('/api/v1/teams', {
      name: 'X',
      parentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(orphan.statusCode).toBe(400);
    expect(orphan.json().error.details[0].path).toBe('parentId');
    expect((await cl.leadA!.post('/api/v1/teams', { name: 'Mine' })).statusCode).toBe(403);
    expect((await cl.m1!.delete(`/api/v1/teams/${org.team.a1}`)).statusCode).toBe(403);
    // a legal move works
    expect(
      (await cl.admin!.patch(`/api/v1/teams/${org.team.a1}`, { parentId: org.team.dept })).statusCode,
    ).toBe(200);
  });
});
