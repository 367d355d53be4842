import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';
import { auditLog, complaintEvents, complaints, notifications, tasks } from '../../db/schema/index.js';

let t: TestApp;
let org: TestOrg;
let admin: Client;
let m1: Client;
const T0 = new Date('2026-06-01T02:00:00Z');
const H = 3_600_000;
const plus = (ms: number) => new Date(T0.getTime() + ms);
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp({}, { jobs: true });
  org = await createTestOrg(t.deps.db);
  admin = await login(t.app, org.users.admin.email);
  m1 = await login(t.app, org.users.m1.email);
  const customer = await insertCustomer(t.deps.db, org.orgId, { id: org.users.m1.id, teamId: org.team.a });
  t.setNow(T0);
  const create = async () => {
    const res = await m1.post('/api/v1/complaints', {
      customerId: customer.id,
      severity: 'critical', // first response 1 h (warn 48 min), resolution 24 h (warn 19.2 h)
      category: 'quality',
      channel: 'phone',
      description: 'Broken on arrival',
    });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  ids.watched = await create();
  ids.paused = await create();
  ids.done = await create();
  t.setNow(plus(10 * 60_000));
  await m1.post(`/api/v1/complaints/${ids.paused}/transition`, { to: 'acknowledged' });
  await m1.post(`/api/v1/complaints/${ids.paused}/transition`, { to: 'waiting_customer' });
  for (const to of ['acknowledged', 'in_progress', 'resolved'])
    await m1.post(`/api/v1/complaints/${ids.done}/transition`, { to });
  t.setNow(null);
});
afterAll(() => t.close());

async function runJob(asOf: Date) {
  const res = await admin.post('/api/v1/jobs/sla-watch/run', { asOf: asOf.toISOString() });
  expect(res.statusCode).toBe(202);
  const { jobId } = res.json();
  for (let i = 0; i < 300; i++) {
    const job = (await admin.get(`/api/v1/jobs/${jobId}`)).json();
    if (job.status === 'succeeded') return job.result as Record<string, number>;
    if (job.status === 'failed') throw new Error(job.error);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('job did not finish');
}

const row = async (id: string) =>
  (
    await t.deps.db
      .select()
      .from(complaints)
      .where(and(eq(complaints.orgId, org.orgId), eq(complaints.id, id)))
  )[0]!;
const notes = () =>
  t.deps.db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.orgId, org.orgId),
        inArray(notifications.kind, ['complaint_sla_warning', 'complaint_sla_breach']),
      ),
    );
const complaintTasks = () =>
  t.deps.db
    .select()
    .from(tasks)
    .where(and(eq(tasks.orgId, org.orgId), eq(tasks.type, 'complaint')));
const slaEvents = (id: string) =>
  t.deps.db
    .select()
    .from(complaintEvents)
    .where(
      and(eq(complaintEvents.complaintId, id), inArray(complaintEvents.kind, ['sla_warning', 'sla_breach'])),
    );

describe('sla-watch', () => {
  it('sees nothing before the first warning', async () => {
    const r = await runJob(plus(47 * 60_000));
    expect(r).toMatchObject({ firstResponseWarned: 0, firstResponseBreached: 0, resolutionWarned: 0 });
    expect(await notes()).toHaveLength(0);
  });

  it('warns the assignee at 80 % of the first-response target, once', async () => {
    const asOf = plus(50 * 60_000);
    const r = await runJob(asOf);
    expect(r).toMatchObject({ firstResponseWarned: 1, firstResponseBreached: 0, tasks: 0, notifications: 1 });
    expect((await row(ids.watched!)).firstResponseWarnedAt).toEqual(asOf);
    const [n] = await notes();
    expect(n).toMatchObject({
      userId: org.users.m1.id,
      kind: 'complaint_sla_warning',
      entityId: ids.watched,
    });
    const again = await runJob(asOf);
    expect(again).toMatchObject({ firstResponseWarned: 0, notifications: 0 });
    expect(await notes()).toHaveLength(1);
    expect(await slaEvents(ids.watched!)).toHaveLength(1);
  });

  it('flags the breach, notifies assignee and lead, and opens one complaint task', async () => {
    const asOf = plus(2 * H);
    const r = await runJob(asOf);
    expect(r).toMatchObject({ firstResponseBreached: 1, resolutionBreached: 0, tasks: 1, notifications: 2 });
    const c = await row(ids.watched!);
    expect(c.firstResponseBreachedAt).toEqual(asOf);
    const breach = (await notes()).filter((n) => n.kind === 'complaint_sla_breach');
    expect(breach.map((n) => n.userId).sort()).toEqual([org.users.m1.id, org.users.leadA.id].sort());
    const [task] = await complaintTasks();
    expect(task).toMatchObject({ assigneeId: org.users.m1.id, status: 'open', priority: 'urgent' });
    expect(task!.data).toMatchObject({ complaintId: ids.watched, target: 'first_response' });
    const audits = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.orgId), eq(auditLog.action, 'complaint.sla_breach')));
    expect(audits.map((a) => a.data)).toEqual([
      expect.objectContaining({ target: 'first_response', count: 1 }),
    ]);
    const view = (await m1.get(`/api/v1/complaints/${ids.watched}`)).json();
    expect(view.firstResponseBreachedAt).toBe(asOf.toISOString());
  });

  it('changes nothing when run again', async () => {
    const before = { notes: (await notes()).length, tasks: (await complaintTasks()).length };
    const r = await runJob(plus(2 * H));
    expect(r).toMatchObject({ firstResponseBreached: 0, firstResponseWarned: 0, tasks: 0, notifications: 0 });
    expect((await notes()).length).toBe(before.notes);
    expect((await complaintTasks()).length).toBe(before.tasks);
  });

  it('breaches resolution later but never flags paused or resolved complaints', async () => {
    const asOf = plus(25 * H);
    const r = await runJob(asOf);
    // Warning and breach both due: only the breach is announced, the warning is marked as passed.
    expect(r).toMatchObject({ resolutionBreached: 1, resolutionWarned: 0, tasks: 1 });
    const c = await row(ids.watched!);
    expect(c.resolutionBreachedAt).toEqual(asOf);
    expect(c.resolutionWarnedAt).toEqual(asOf);
    for (const id of [ids.paused!, ids.done!]) {
      const other = await row(id);
      expect(other.resolutionBreachedAt).toBeNull();
      expect(other.firstResponseBreachedAt).toBeNull();
      expect(await slaEvents(id)).toHaveLength(0);
    }
    expect(await complaintTasks()).toHaveLength(2);
    expect((await runJob(asOf)).tasks).toBe(0);
  });

  it('refuses job options it does not know', async () => {
    const res = await admin.post('/api/v1/jobs/sla-watch/run', { asOf: T0.toISOString(), nope: 1 });
    expect(res.statusCode).toBe(400);
  });
});
