import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { customers } from '../../db/schema/index.js';
import { runVisitPlan } from './visit-plan-job.js';
import { jobContext } from './job-context.test-support.js';

let t: TestApp;
let org: TestOrg;
const cl: Record<string, Client> = {};
const asOf = new Date('2026-06-30T04:00:00Z'); // 12:00 in Shanghai
const DAY = 86_400_000;
const daysBefore = (n: number) => new Date(asOf.getTime() - n * DAY);
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp({}, { jobs: true });
  org = await createTestOrg(t.deps.db);
  for (const k of ['admin', 'director', 'leadA', 'leadB', 'm1', 'm4', 'agent', 'analyst'] as const)
    cl[k] = await login(t.app, org.users[k].email);
  const m1 = { id: org.users.m1.id, teamId: org.team.a };
  const mk = async (key: string, owner: typeof m1 | null, extra: Partial<typeof customers.$inferInsert>) => {
    const c = await insertCustomer(t.deps.db, org.orgId, owner, {
      name: `plan ${key}`,
      createdAt: daysBefore(400),
      assignedAt: owner ? daysBefore(200) : null,
      ...extra,
    });
    ids[key] = c.id;
  };
  await mk('aDueSoon', m1, { tier: 'A', lastContactedAt: daysBefore(25) }); // due in 5 days → task
  await mk('aOverdue', m1, { tier: 'A', lastContactedAt: daysBefore(45) }); // overdue 15 days → task
  await mk('aFresh', m1, { tier: 'A', lastContactedAt: daysBefore(10) }); // due in 20 → none
  await mk('bNextDue', m1, { tier: 'B', lastContactedAt: daysBefore(10), nextVisitDueAt: daysBefore(-3) }); // stored due → task
  await mk('cFromAssign', m1, { tier: 'C', assignedAt: daysBefore(85) }); // 85 + 5 days → task
  await mk('dNever', m1, { tier: 'D', lastContactedAt: daysBefore(300) }); // D: no plan
  await mk('ungraded', m1, { tier: null, lastContactedAt: daysBefore(300) }); // no tier: no plan
  await mk('pool', null, { tier: 'A', lastContactedAt: daysBefore(300) }); // no owner
  await mk('deleted', m1, { tier: 'A', lastContactedAt: daysBefore(300), deletedAt: daysBefore(1) });
  await mk('future', m1, { tier: 'A', createdAt: daysBefore(-1), assignedAt: daysBefore(-1) }); // after asOf
  // contacted only after asOf: the job goes by the last interaction at or before asOf (none → assignment)
  await mk('laterContact', m1, { tier: 'A', assignedAt: daysBefore(40), lastContactedAt: daysBefore(-2) });
  await mk('dOverride', m1, { tier: 'D', lastContactedAt: daysBefore(20) }); // override: every 14 days → task
  await mk('aOverrideOff', m1, { tier: 'A', lastContactedAt: daysBefore(300) }); // override: no plan
});
afterAll(() => t.close());

const visitTasks = (customerId: string) =>
  queryRows<{
    id: string;
    source_key: string;
    due_at: Date;
    assignee_id: string;
    status: string;
    data: Record<string, unknown>;
    title: string;
  }>(
    t.deps.db,
    sql`select id, source_key, due_at, assignee_id, status, data, title from tasks
         where org_id = ${org.orgId} and customer_id = ${customerId} and type = 'visit' order by due_at`,
  );

async function runViaApi(body: object) {
  const res = await cl.admin!.post('/api/v1/jobs/visit-plan/run', body);
  expect(res.statusCode, res.body).toBe(202);
  const { jobId } = res.json();
  for (let i = 0; i < 200; i++) {
    const job = (await cl.admin!.get(`/api/v1/jobs/${jobId}`)).json();
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('job did not finish');
}

describe('visit plan settings', () => {
  it('answers the defaults, lets admins and directors change them, audited', async () => {
    const res = await cl.m1!.get('/api/v1/settings/visit-plan');
    expect(res.json()).toEqual({
      A: 30,
      B: 60,
      C: 90,
      D: null,
      channels: { A: 'visit', B: 'visit', C: 'phone', D: 'wechat' },
      graceDays: 7,
    });
    const body = { ...res.json(), C: 120, D: null };
    expect((await cl.m1!.put('/api/v1/settings/visit-plan', body)).statusCode).toBe(403);
    expect((await cl.leadA!.put('/api/v1/settings/visit-plan', body)).statusCode).toBe(403);
    const put = await cl.director!.put('/api/v1/settings/visit-plan', body);
    expect(put.statusCode).toBe(200);
    expect((await cl.m1!.get('/api/v1/settings/visit-plan')).json().C).toBe(120);
    await cl.admin!.put('/api/v1/settings/visit-plan', { ...body, C: 90 });
    const [{ n } = { n: -1 }] = await queryRows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int n from audit_log where org_id = ${org.orgId} and action = 'settings.update'`,
    );
    expect(n).toBe(2);
  });

  it('validates the settings: one detail per bad field', async () => {
    const res = await cl.admin!.put('/api/v1/settings/visit-plan', {
      A: 0,
      B: 60,
      C: 'often',
      D: null,
      channels: { A: 'visit', B: 'pigeon', C: 'phone', D: 'wechat' },
      graceDays: 7,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(
      res
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['A', 'C', 'channels.B']);
  });
});

describe('per-customer visit plan', () => {
  it('overrides the tier for the owner, lead, director or admin; 404 outside scope; 403 for agents', async () => {
    const get = await cl.m1!.get(`/api/v1/customers/${ids.dOverride}/visit-plan`);
    expect(get.json()).toMatchObject({
      tier: 'D',
      override: null,
      effective: { cadenceDays: null, source: 'tier' },
      nextDueAt: null,
    });
    const put = await cl.m1!.put(`/api/v1/customers/${ids.dOverride}/visit-plan`, {
      cadenceDays: 14,
      channel: 'phone',
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({
      override: { cadenceDays: 14, channel: 'phone' },
      effective: { cadenceDays: 14, channel: 'phone', source: 'override' },
      nextDueAt: new Date(daysBefore(20).getTime() + 14 * DAY).toISOString(),
    });
    expect(
      (await cl.leadA!.put(`/api/v1/customers/${ids.aOverrideOff}/visit-plan`, { cadenceDays: null })).json(),
    ).toMatchObject({
      effective: { cadenceDays: null, channel: 'visit', source: 'override' },
      nextDueAt: null,
    });
    expect((await cl.m4!.get(`/api/v1/customers/${ids.dOverride}/visit-plan`)).statusCode).toBe(404);
    expect(
      (await cl.leadB!.put(`/api/v1/customers/${ids.dOverride}/visit-plan`, { cadenceDays: 7 })).statusCode,
    ).toBe(404);
    expect(
      (await cl.agent!.put(`/api/v1/customers/${ids.dOverride}/visit-plan`, { cadenceDays: 7 })).statusCode,
    ).toBe(403);
    const bad = await cl.m1!.put(`/api/v1/customers/${ids.dOverride}/visit-plan`, {
      cadenceDays: -1,
      channel: 'fax',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['cadenceDays', 'channel']);
    // reset and set again: the reset goes back to the tier
    expect((await cl.m1!.delete(`/api/v1/customers/${ids.dOverride}/visit-plan`)).json().override).toBeNull();
    await cl.m1!.put(`/api/v1/customers/${ids.dOverride}/visit-plan`, { cadenceDays: 14, channel: 'phone' });
  });
});

describe('the visit-plan job', () => {
  it('creates one visit task per due customer for the owner, within the lookahead', async () => {
    const job = await runViaApi({ asOf: asOf.toISOString() });
    expect(job.status).toBe('succeeded');
    expect(job.result.created).toBe(6);
    for (const key of ['aDueSoon', 'aOverdue', 'bNextDue', 'cFromAssign', 'laterContact', 'dOverride']) {
      const rows = await visitTasks(ids[key]!);
      expect(rows, key).toHaveLength(1);
      expect(rows[0]!.assignee_id).toBe(org.users.m1.id);
      expect(rows[0]!.status).toBe('open');
      expect(rows[0]!.title).toBe(`回访：plan ${key}`);
    }
    for (const key of ['aFresh', 'dNever', 'ungraded', 'pool', 'deleted', 'future', 'aOverrideOff'])
      expect(await visitTasks(ids[key]!), key).toHaveLength(0);
    const [soon] = await visitTasks(ids.aDueSoon!);
    const due = new Date(daysBefore(25).getTime() + 30 * DAY);
    expect(new Date(soon!.due_at).toISOString()).toBe(due.toISOString());
    expect(soon!.source_key).toBe(`visit:${ids.aDueSoon}:2026-07-05`);
    expect(soon!.data).toMatchObject({ plan: true, channel: 'visit', cadenceDays: 30 });
    const [stored] = await visitTasks(ids.bNextDue!);
    expect(new Date(stored!.due_at).toISOString()).toBe(daysBefore(-3).toISOString());
    const [later] = await visitTasks(ids.laterContact!);
    expect(new Date(later!.due_at).toISOString()).toBe(
      new Date(daysBefore(40).getTime() + 30 * DAY).toISOString(),
    );
    expect((await visitTasks(ids.dOverride!))[0]!.data).toMatchObject({ channel: 'phone', cadenceDays: 14 });
    const audits = await queryRows<{ entity_id: string; data: { created: number; source: string } }>(
      t.deps.db,
      sql`select entity_id, data from audit_log where org_id = ${org.orgId} and action = 'task.generate'`,
    );
    expect(audits).toEqual([
      { entity_id: job.id, data: expect.objectContaining({ source: 'visit-plan', created: 6 }) },
    ]);
  });

  it('creates nothing more on repeated and concurrent runs', async () => {
    const again = await runVisitPlan(jobContext(t, org.orgId, asOf));
    expect(again.created).toBe(0);
    const later = new Date(asOf.getTime() + 3_600_000);
    const both = await Promise.all([
      runVisitPlan(jobContext(t, org.orgId, later)),
      runVisitPlan(jobContext(t, org.orgId, later)),
    ]);
    expect(both.map((r) => r.created)).toEqual([0, 0]);
    const [{ n } = { n: -1 }] = await queryRows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int n from tasks where org_id = ${org.orgId} and type = 'visit'`,
    );
    expect(n).toBe(6);
  });

  it('creates a newly due visit exactly once when two runs race for it', async () => {
    const c = await insertCustomer(
      t.deps.db,
      org.orgId,
      { id: org.users.m1.id, teamId: org.team.a },
      {
        name: 'plan race',
        tier: 'A',
        createdAt: daysBefore(400),
        lastContactedAt: daysBefore(29),
      },
    );
    const results = await Promise.all([1, 2, 3].map(() => runVisitPlan(jobContext(t, org.orgId, asOf))));
    expect(results.reduce((s, r) => s + r.created, 0)).toBe(1);
    expect(await visitTasks(c.id)).toHaveLength(1);
  });

  it('does not plan a visit again once its task was closed: the source key is taken', async () => {
    const [task] = await visitTasks(ids.cFromAssign!);
    await t.deps.db.execute(
      sql`update tasks set status = 'cancelled' where org_id = ${org.orgId} and id = ${task!.id}`,
    );
    // No open visit is left and the due date is unchanged, so only the key keeps the run from a second task.
    const r = await runVisitPlan(jobContext(t, org.orgId, asOf));
    expect(r.created).toBe(0);
    expect((await visitTasks(ids.cFromAssign!)).map((x) => x.status)).toEqual(['cancelled']);
    await t.deps.db.execute(
      sql`update tasks set status = 'open' where org_id = ${org.orgId} and id = ${task!.id}`,
    );
  });

  it('honours the lookahead option and refuses a bad one', async () => {
    const r = await runVisitPlan(jobContext(t, org.orgId, asOf, { lookaheadDays: 30 }));
    expect(r.created).toBe(1); // aFresh, due in 20 days
    expect(await visitTasks(ids.aFresh!)).toHaveLength(1);
    const bad = await cl.admin!.post('/api/v1/jobs/visit-plan/run', { lookaheadDays: -2 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('lookaheadDays');
  });
});

describe('completing a visit', () => {
  it('closes the visit task with the interaction, records the feedback and dates the next visit', async () => {
    const [task] = await visitTasks(ids.aOverdue!);
    const occurredAt = '2026-06-29T06:30:00.000Z';
    const res = await cl.m1!.post(`/api/v1/customers/${ids.aOverdue}/interactions`, {
      type: 'visit',
      occurredAt,
      summary: '上门回访',
      nextStep: 'send the quote',
      taskId: task!.id,
      feedback: { satisfaction: 4, needsRaised: ['more stock'], problemsRaised: ['late delivery'] },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      taskId: task!.id,
      feedback: { satisfaction: 4, needsRaised: ['more stock'], problemsRaised: ['late delivery'] },
      nextStep: 'send the quote',
    });
    const done = (await cl.m1!.get(`/api/v1/tasks/${task!.id}`)).json();
    expect(done).toMatchObject({ status: 'done', completedAt: occurredAt });
    const [c] = await queryRows<{ next_visit_due_at: Date; last_contacted_at: Date }>(
      t.deps.db,
      sql`select next_visit_due_at, last_contacted_at from customers where id = ${ids.aOverdue}`,
    );
    expect(new Date(c!.next_visit_due_at).toISOString()).toBe(
      new Date(Date.parse(occurredAt) + 30 * DAY).toISOString(),
    );
    expect(new Date(c!.last_contacted_at).toISOString()).toBe(occurredAt);
    const listed = (await cl.m1!.get(`/api/v1/customers/${ids.aOverdue}/interactions`)).json().data[0];
    expect(listed.feedback.satisfaction).toBe(4);
    // the plan goes on from the new due date: nothing now, one task when it comes due
    expect((await runVisitPlan(jobContext(t, org.orgId, asOf))).created).toBe(0);
    const next = new Date(Date.parse(occurredAt) + 25 * DAY);
    await runVisitPlan(jobContext(t, org.orgId, next));
    const rows = await visitTasks(ids.aOverdue!);
    expect(rows).toHaveLength(2);
    expect(new Date(rows[1]!.due_at).toISOString()).toBe(
      new Date(Date.parse(occurredAt) + 30 * DAY).toISOString(),
    );
  });

  it('refuses a bad feedback, a task of another customer, and completing twice', async () => {
    const [task] = await visitTasks(ids.aDueSoon!);
    const base = { type: 'visit', occurredAt: asOf.toISOString(), summary: 'visit' };
    const bad = await cl.m1!.post(`/api/v1/customers/${ids.aDueSoon}/interactions`, {
      ...base,
      feedback: { satisfaction: 6, needsRaised: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['feedback.needsRaised', 'feedback.satisfaction']);
    const other = await cl.m1!.post(`/api/v1/customers/${ids.bNextDue}/interactions`, {
      ...base,
      taskId: task!.id,
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.details[0].path).toBe('taskId');
    // nothing was written by the refused request
    expect((await cl.m1!.get(`/api/v1/customers/${ids.bNextDue}/interactions`)).json().data).toHaveLength(0);
    expect(
      (await cl.m1!.post(`/api/v1/customers/${ids.aDueSoon}/interactions`, { ...base, taskId: task!.id }))
        .statusCode,
    ).toBe(201);
    const twice = await cl.m1!.post(`/api/v1/customers/${ids.aDueSoon}/interactions`, {
      ...base,
      taskId: task!.id,
    });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().error.code).toBe('task_not_open');
  });
});
