import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';

let t: TestApp;
let org: TestOrg;
let other: TestOrg;
const cl: Record<string, Client> = {};
const ROLES = ['admin', 'director', 'leadA', 'leadB', 'm1', 'm2', 'm3', 'm4', 'agent', 'analyst'] as const;

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  other = await createTestOrg(t.deps.db, 'Other Org');
  for (const k of ROLES) cl[k] = await login(t.app, org.users[k].email);
  cl.otherAdmin = await login(t.app, other.users.admin.email);
});
afterAll(() => t.close());

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
const task = (assigneeId: string, overrides: Record<string, unknown> = {}) => ({
  type: 'call',
  title: 'Call about renewal',
  assigneeId,
  dueAt: inDays(3),
  ...overrides,
});
const create = async (who: string, body: Record<string, unknown>) => {
  const res = await cl[who]!.post('/api/v1/tasks', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; [k: string]: unknown };
};
const ids = async (who: string, query = '') =>
  ((await cl[who]!.get(`/api/v1/tasks?limit=500${query}`)).json().data as { id: string }[]).map((x) => x.id);
const count = async (q: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(t.deps.db, q))[0]!.n;

describe('creating tasks', () => {
  it('a lead assigns to a member: 201, the assignee is notified, the write is audited', async () => {
    const c = await insertCustomer(t.deps.db, org.orgId, org.users.m3);
    const dueAt = '2026-12-10T10:00:00+08:00';
    const res = await cl.leadA!.post(
      '/api/v1/tasks',
      task(org.users.m3.id, { customerId: c.id, dueAt, priority: 'high', description: '续约' }),
    );
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      type: 'call',
      title: 'Call about renewal',
      description: '续约',
      customerId: c.id,
      customerName: c.name,
      assigneeId: org.users.m3.id,
      assigneeName: org.users.m3.name,
      createdBy: org.users.leadA.id,
      createdByName: org.users.leadA.name,
      status: 'open',
      priority: 'high',
      completedAt: null,
      dueAt: '2026-12-10T02:00:00.000Z',
    });
    expect(typeof body.overdue).toBe('boolean');
    const [n] = await queryRows<{
      kind: string;
      data: Record<string, unknown>;
      entity: string;
      entity_id: string;
    }>(
      t.deps.db,
      sql`select kind, data, entity, entity_id from notifications where user_id = ${org.users.m3.id} and entity_id = ${body.id}`,
    );
    expect(n).toMatchObject({ kind: 'task_assigned', entity: 'task', entity_id: body.id });
    expect(n!.data).toMatchObject({
      taskId: body.id,
      title: 'Call about renewal',
      dueAt: '2026-12-10T02:00:00.000Z',
      by: org.users.leadA.name,
    });
    expect(
      await count(
        sql`select count(*)::int n from audit_log where entity_id = ${body.id} and action = 'task.create' and actor_id = ${org.users.leadA.id}`,
      ),
    ).toBe(1);
    // the assignee sees it in their notification center
    const mine = (await cl.m3!.get('/api/v1/notifications')).json().data;
    expect(mine.some((x: { entityId: string }) => x.entityId === body.id)).toBe(true);
  });

  it('does not notify someone who assigns a task to themself', async () => {
    const body = await create('m1', task(org.users.m1.id));
    expect(await count(sql`select count(*)::int n from notifications where entity_id = ${body.id}`)).toBe(0);
    expect(await count(sql`select count(*)::int n from audit_log where entity_id = ${body.id}`)).toBe(1);
  });

  it('refuses a lead assigning outside their teams (400 assigneeId)', async () => {
    const res = await cl.leadA!.post('/api/v1/tasks', task(org.users.m4.id));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'assigneeId', message: 'not a member of your teams' }],
    });
  });

  it('refuses an unknown, inactive or other-organization assignee (400 assigneeId)', async () => {
    for (const id of [other.users.m1.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await cl.director!.post('/api/v1/tasks', task(id));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].path).toBe('assigneeId');
    }
    await t.deps.db.execute(sql`update users set status = 'departed' where id = ${org.users.m2.id}`);
    const res = await cl.leadA!.post('/api/v1/tasks', task(org.users.m2.id));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('assigneeId');
    await t.deps.db.execute(sql`update users set status = 'active' where id = ${org.users.m2.id}`);
  });

  it('lets directors and admins assign to anyone active, managers only to themselves, agents and analysts not at all', async () => {
    await create('director', task(org.users.m4.id));
    await create('admin', task(org.users.agent.id, { type: 'complaint' }));
    expect((await cl.m1!.post('/api/v1/tasks', task(org.users.m2.id))).statusCode).toBe(403);
    expect((await cl.agent!.post('/api/v1/tasks', task(org.users.agent.id))).statusCode).toBe(403);
    expect((await cl.analyst!.post('/api/v1/tasks', task(org.users.m1.id))).statusCode).toBe(403);
  });

  it('answers 404 for a customer outside the caller’s scope', async () => {
    const c = await insertCustomer(t.deps.db, org.orgId, org.users.m4);
    const res = await cl.leadA!.post('/api/v1/tasks', task(org.users.m1.id, { customerId: c.id }));
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    const foreign = await insertCustomer(t.deps.db, other.orgId, other.users.m1);
    expect(
      (await cl.director!.post('/api/v1/tasks', task(org.users.m1.id, { customerId: foreign.id })))
        .statusCode,
    ).toBe(404);
  });

  it('validates the body: one detail per bad field', async () => {
    const res = await cl.leadA!.post('/api/v1/tasks', {
      type: 'party',
      title: ' ',
      assigneeId: org.users.m1.id,
      dueAt: '2026-12-10 10:00',
      priority: 'asap',
    });
    expect(res.statusCode).toBe(400);
    const paths = res
      .json()
      .error.details.map((d: { path: string }) => d.path)
      .sort();
    expect(paths).toEqual(['dueAt', 'priority', 'title', 'type']);
  });
});

describe('listing and reading tasks', () => {
  let forM1: string, forM3: string, forM4: string, forLeadA: string, forAgent: string;
  beforeAll(async () => {
    forM1 = (await create('leadA', task(org.users.m1.id, { type: 'visit' }))).id;
    forM3 = (await create('leadA', task(org.users.m3.id, { type: 'care' }))).id;
    forM4 = (await create('leadB', task(org.users.m4.id, { type: 'visit' }))).id;
    forLeadA = (await create('director', task(org.users.leadA.id))).id;
    forAgent = (await create('director', task(org.users.agent.id, { type: 'complaint' }))).id;
  });

  it('scopes lists by role', async () => {
    const m1 = await ids('m1');
    expect(m1).toContain(forM1);
    expect(m1).not.toContain(forM3);
    const leadA = await ids('leadA');
    expect(leadA).toEqual(expect.arrayContaining([forM1, forM3, forLeadA]));
    expect(leadA).not.toContain(forM4);
    expect(leadA).not.toContain(forAgent);
    const leadB = await ids('leadB');
    expect(leadB).toContain(forM4);
    expect(leadB).not.toContain(forM1);
    const agent = await ids('agent');
    expect(agent).toContain(forAgent);
    expect(agent).not.toContain(forM1);
    for (const who of ['director', 'admin', 'analyst'])
      expect(await ids(who)).toEqual(expect.arrayContaining([forM1, forM3, forM4, forLeadA, forAgent]));
    expect(await ids('otherAdmin')).toEqual([]);
  });

  it('answers 404 for a task outside the caller’s scope, the task itself inside', async () => {
    expect((await cl.m1!.get(`/api/v1/tasks/${forM1}`)).json()).toMatchObject({ id: forM1 });
    expect((await cl.m2!.get(`/api/v1/tasks/${forM1}`)).statusCode).toBe(404);
    expect((await cl.leadB!.get(`/api/v1/tasks/${forM1}`)).statusCode).toBe(404);
    expect((await cl.otherAdmin!.get(`/api/v1/tasks/${forM1}`)).statusCode).toBe(404);
    expect((await cl.analyst!.get(`/api/v1/tasks/${forM1}`)).statusCode).toBe(200);
  });

  it('filters by assignee, customer, type and status (comma lists) and due window', async () => {
    const byAssignee = await ids('director', `&assigneeId=${org.users.m1.id},${org.users.m3.id}`);
    expect(byAssignee).toEqual(expect.arrayContaining([forM1, forM3]));
    expect(byAssignee).not.toContain(forM4);
    const visits = (await cl.director!.get('/api/v1/tasks?limit=500&type=visit,care')).json().data;
    expect(visits.every((x: { type: string }) => ['visit', 'care'].includes(x.type))).toBe(true);
    expect(visits.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([forM1, forM3, forM4]));
    const c = await insertCustomer(t.deps.db, org.orgId, org.users.m2);
    const about = await create('leadA', task(org.users.m2.id, { customerId: c.id }));
    expect(await ids('leadA', `&customerId=${c.id}`)).toEqual([about.id]);
    expect(await ids('leadA', '&status=done,cancelled')).not.toContain(about.id);
    expect(await ids('leadA', '&status=open')).toContain(about.id);
    const far = await create('leadA', task(org.users.m2.id, { dueAt: '2030-01-01T00:00:00Z' }));
    expect(await ids('leadA', `&dueFrom=${encodeURIComponent('2029-12-31T00:00:00+08:00')}`)).toEqual([
      far.id,
    ]);
    expect(await ids('leadA', `&dueTo=${encodeURIComponent('2029-12-31T00:00:00Z')}`)).not.toContain(far.id);
    const bad = await cl.leadA!.get('/api/v1/tasks?status=finished&type=x');
    expect(bad.statusCode).toBe(400);
  });

  it('pages by due time with a cursor, without repeats or gaps', async () => {
    const all = (await cl.director!.get('/api/v1/tasks?limit=500')).json().data as {
      id: string;
      dueAt: string;
    }[];
    const dues = all.map((x) => x.dueAt);
    expect([...dues].sort()).toEqual(dues);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await cl.director!.get(`/api/v1/tasks?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      const body = res.json();
      seen.push(...body.data.map((x: { id: string }) => x.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((x) => x.id));
    expect((await cl.director!.get('/api/v1/tasks?cursor=nonsense')).statusCode).toBe(400);
  });

  it('shows a lead their people’s overdue tasks, judged by the clock', async () => {
    // Sessions expire on the same clock: stay within hours of real time.
    const now = Date.now();
    const at = (h: number) => new Date(now + h * 3_600_000);
    t.setNow(at(0));
    const late = await create('leadA', task(org.users.m3.id, { dueAt: at(1).toISOString() }));
    const lateB = await create('leadB', task(org.users.m4.id, { dueAt: at(1).toISOString() }));
    expect(await ids('leadA', '&overdue=true')).not.toContain(late.id);
    expect((await cl.m3!.get(`/api/v1/tasks/${late.id}`)).json().overdue).toBe(false);
    t.setNow(at(2));
    const overdue = (await cl.leadA!.get('/api/v1/tasks?limit=500&overdue=true')).json().data;
    expect(overdue.map((x: { id: string }) => x.id)).toContain(late.id);
    expect(overdue.map((x: { id: string }) => x.id)).not.toContain(lateB.id);
    expect(overdue.every((x: { overdue: boolean }) => x.overdue)).toBe(true);
    expect(
      (await cl.leadB!.get('/api/v1/tasks?limit=500&overdue=true'))
        .json()
        .data.map((x: { id: string }) => x.id),
    ).toContain(lateB.id);
    expect((await cl.m3!.get(`/api/v1/tasks/${late.id}`)).json().overdue).toBe(true);
    // done is not overdue any more
    expect((await cl.m3!.patch(`/api/v1/tasks/${late.id}`, { status: 'done' })).json().overdue).toBe(false);
    expect(await ids('leadA', '&overdue=true')).not.toContain(late.id);
    expect(await ids('leadA', '&overdue=false')).toContain(late.id);
    t.setNow(null);
  });
});

describe('changing tasks', () => {
  it('lets the assignee move the status; done stamps completedAt; all audited', async () => {
    const x = await create('leadA', task(org.users.m1.id));
    const started = await cl.m1!.patch(`/api/v1/tasks/${x.id}`, { status: 'in_progress' });
    expect(started.statusCode).toBe(200);
    expect(started.json()).toMatchObject({ status: 'in_progress', completedAt: null });
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 + 3_600_000);
    t.setNow(at);
    const done = await cl.m1!.patch(`/api/v1/tasks/${x.id}`, { status: 'done' });
    expect(done.json()).toMatchObject({ status: 'done', completedAt: at.toISOString() });
    t.setNow(null);
    expect(
      await count(
        sql`select count(*)::int n from audit_log where entity_id = ${x.id} and action = 'task.update'`,
      ),
    ).toBe(2);
  });

  it('answers 422 illegal_transition when a manager reopens a done task; the lead may', async () => {
    const x = await create('leadA', task(org.users.m1.id));
    await cl.m1!.patch(`/api/v1/tasks/${x.id}`, { status: 'done' });
    const reopen = await cl.m1!.patch(`/api/v1/tasks/${x.id}`, { status: 'open' });
    expect(reopen.statusCode).toBe(422);
    expect(reopen.json().error.code).toBe('illegal_transition');
    const byLead = await cl.leadA!.patch(`/api/v1/tasks/${x.id}`, { status: 'open' });
    expect(byLead.statusCode).toBe(200);
    expect(byLead.json()).toMatchObject({ status: 'open', completedAt: null });
    // cancelling a lead's task is the lead's call
    const cancel = await cl.m1!.patch(`/api/v1/tasks/${x.id}`, { status: 'cancelled' });
    expect(cancel.statusCode).toBe(422);
    expect((await cl.leadA!.patch(`/api/v1/tasks/${x.id}`, { status: 'cancelled' })).json().status).toBe(
      'cancelled',
    );
  });

  it('lets the lead, director or admin change everything; the assignee only the status', async () => {
    const x = await create('leadA', task(org.users.m3.id));
    const edit = await cl.leadA!.patch(`/api/v1/tasks/${x.id}`, {
      title: 'Visit instead',
      priority: 'urgent',
      dueAt: '2027-01-05T09:00:00+08:00',
      description: 'bring the contract',
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json()).toMatchObject({
      title: 'Visit instead',
      priority: 'urgent',
      dueAt: '2027-01-05T01:00:00.000Z',
      description: 'bring the contract',
    });
    expect((await cl.director!.patch(`/api/v1/tasks/${x.id}`, { priority: 'low' })).json().priority).toBe(
      'low',
    );
    expect((await cl.m3!.patch(`/api/v1/tasks/${x.id}`, { title: 'Mine now' })).statusCode).toBe(403);
    expect((await cl.analyst!.patch(`/api/v1/tasks/${x.id}`, { status: 'done' })).statusCode).toBe(403);
    expect((await cl.leadB!.patch(`/api/v1/tasks/${x.id}`, { status: 'done' })).statusCode).toBe(404);
    expect((await cl.m1!.patch(`/api/v1/tasks/${x.id}`, { status: 'done' })).statusCode).toBe(404);
    const bad = await cl.leadA!.patch(`/api/v1/tasks/${x.id}`, { status: 'finished' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('status');
  });

  it('lets a manager edit and cancel a task they gave themself', async () => {
    const x = await create('m2', task(org.users.m2.id));
    expect((await cl.m2!.patch(`/api/v1/tasks/${x.id}`, { title: 'Call again' })).json().title).toBe(
      'Call again',
    );
    expect((await cl.m2!.patch(`/api/v1/tasks/${x.id}`, { status: 'cancelled' })).json().status).toBe(
      'cancelled',
    );
    expect((await cl.m2!.patch(`/api/v1/tasks/${x.id}`, { status: 'open' })).statusCode).toBe(422);
  });
});
