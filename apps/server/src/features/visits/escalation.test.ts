import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { tasks } from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';
import { runTaskEscalation } from './escalation-job.js';
import { jobContext } from './job-context.test-support.js';

let t: TestApp;
let org: TestOrg;
let admin: Client;
const due = new Date('2026-03-10T02:00:00Z');
const hoursAfter = (h: number) => new Date(due.getTime() + h * 3_600_000);

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  admin = await login(t.app, org.users.admin.email);
});
afterAll(() => t.close());

const addTask = async (assigneeId: string, extra: Partial<typeof tasks.$inferInsert> = {}) => {
  const id = newId();
  await t.deps.db.insert(tasks).values({
    orgId: org.orgId,
    id,
    type: 'follow_up',
    title: `follow up ${id.slice(0, 4)}`,
    assigneeId,
    dueAt: due,
    createdAt: hoursAfter(-72),
    updatedAt: hoursAfter(-72),
    ...extra,
  });
  return id;
};
const notes = (userId: string, kind: string) =>
  queryRows<{ entity_id: string; data: Record<string, unknown> }>(
    t.deps.db,
    sql`select entity_id, data from notifications where org_id = ${org.orgId} and user_id = ${userId} and kind = ${kind}`,
  );
const asDate = (v: Date | string | null) => (v === null ? null : new Date(v));
const taskRow = async (id: string) => {
  const [r] = await queryRows<{
    escalated_at: Date | string | null;
    escalation_level: number;
    reminded_at: Date | string | null;
  }>(t.deps.db, sql`select escalated_at, escalation_level, reminded_at from tasks where id = ${id}`);
  return { ...r!, escalated_at: asDate(r!.escalated_at), reminded_at: asDate(r!.reminded_at) };
};

describe('task escalation', () => {
  it('escalates overdue open work to the lead after the delay, once', async () => {
    const m1Task = await addTask(org.users.m1.id);
    const m3Task = await addTask(org.users.m3.id, { status: 'in_progress' }); // team A1 has no lead → leadA
    const leadTask = await addTask(org.users.leadA.id); // a lead's own task goes up to the director
    const doneTask = await addTask(org.users.m1.id, { status: 'done', completedAt: hoursAfter(1) });
    const m4Later = await addTask(org.users.m4.id, { dueAt: hoursAfter(10) });

    expect((await runTaskEscalation(jobContext(t, org.orgId, hoursAfter(23)))).escalated).toBe(0);
    expect((await taskRow(m1Task)).escalated_at).toBeNull();

    const r = await runTaskEscalation(jobContext(t, org.orgId, hoursAfter(25)));
    expect(r).toMatchObject({ escalated: 3, leadsNotified: 3, delayHours: 24 });
    expect(await taskRow(m1Task)).toMatchObject({ escalation_level: 1, escalated_at: hoursAfter(25) });
    const toLeadA = await notes(org.users.leadA.id, 'task_escalated');
    expect(toLeadA.map((n) => n.entity_id).sort()).toEqual([m1Task, m3Task].sort());
    expect(toLeadA.find((n) => n.entity_id === m3Task)!.data).toMatchObject({
      taskId: m3Task,
      assigneeId: org.users.m3.id,
      assigneeName: org.users.m3.name,
    });
    expect((await notes(org.users.director.id, 'task_escalated')).map((n) => n.entity_id)).toEqual([
      leadTask,
    ]);
    expect((await taskRow(doneTask)).escalated_at).toBeNull();
    expect((await taskRow(m4Later)).escalated_at).toBeNull();

    // idempotent: again, and twice at once
    expect((await runTaskEscalation(jobContext(t, org.orgId, hoursAfter(26)))).escalated).toBe(0);
    const both = await Promise.all([
      runTaskEscalation(jobContext(t, org.orgId, hoursAfter(40))),
      runTaskEscalation(jobContext(t, org.orgId, hoursAfter(40))),
    ]);
    expect(both.reduce((s, x) => s + x.escalated, 0)).toBe(1); // m4's task, once
    expect((await notes(org.users.leadB.id, 'task_escalated')).map((n) => n.entity_id)).toEqual([m4Later]);
    expect(await notes(org.users.leadA.id, 'task_escalated')).toHaveLength(2);
    const [{ n } = { n: -1 }] = await queryRows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int n from audit_log where org_id = ${org.orgId} and action = 'task.escalate'`,
    );
    expect(n).toBe(4);
    // the escalation shows on the task
    const shown = (await admin.get(`/api/v1/tasks/${m1Task}`)).json();
    expect(shown).toMatchObject({ escalationLevel: 1, escalatedAt: hoursAfter(25).toISOString() });
  });

  it('follows the organization’s delay setting', async () => {
    const bad = await admin.put('/api/v1/settings/task-escalation', { delayHours: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('delayHours');
    expect((await admin.put('/api/v1/settings/task-escalation', { delayHours: 4 })).json()).toEqual({
      delayHours: 4,
    });
    expect((await admin.get('/api/v1/settings/task-escalation')).json()).toEqual({ delayHours: 4 });
    const dueLater = new Date(due.getTime() + 100 * 3_600_000);
    const id = await addTask(org.users.m2.id, { dueAt: dueLater });
    const at = (h: number) => new Date(dueLater.getTime() + h * 3_600_000);
    expect((await runTaskEscalation(jobContext(t, org.orgId, at(3)))).escalated).toBe(0);
    expect((await runTaskEscalation(jobContext(t, org.orgId, at(5)))).escalated).toBe(1);
    expect((await taskRow(id)).escalation_level).toBe(1);
  });
});

describe('due reminders', () => {
  it('notifies the assignee once when the reminder time comes', async () => {
    const remindAt = new Date('2026-08-01T01:00:00Z');
    const id = await addTask(org.users.m2.id, { dueAt: new Date('2026-08-02T01:00:00Z'), remindAt });
    const cancelled = await addTask(org.users.m2.id, {
      dueAt: new Date('2026-08-02T01:00:00Z'),
      remindAt,
      status: 'cancelled',
    });
    const before = new Date(remindAt.getTime() - 60_000);
    expect((await runTaskEscalation(jobContext(t, org.orgId, before))).reminded).toBe(0);
    const r = await runTaskEscalation(jobContext(t, org.orgId, remindAt));
    expect(r.reminded).toBe(1);
    expect((await taskRow(id)).reminded_at).toEqual(remindAt);
    expect((await taskRow(cancelled)).reminded_at).toBeNull();
    expect(
      (await runTaskEscalation(jobContext(t, org.orgId, new Date(remindAt.getTime() + 60_000)))).reminded,
    ).toBe(0);
    const mine = await notes(org.users.m2.id, 'task_reminder');
    expect(mine.map((n) => n.entity_id)).toEqual([id]);
    expect(mine[0]!.data).toMatchObject({ taskId: id, dueAt: expect.any(String) });
  });
});
