import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';
import { auditLog, complaintEvents, complaints, notifications, tasks } from '../../db/schema/index.js';
import { jobContext } from '../visits/job-context.test-support.js';
import { runSlaWatch } from './sla-watch-job.js';

let t: TestApp;
let org: TestOrg;
let admin: Client;
let m1: Client;
let customerId: string;
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
  customerId = customer.id;
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

  it('sends each recipient one digest when a run flags several of their complaints, still once', async () => {
    const T1 = plus(100 * H);
    t.setNow(T1);
    const batch: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await m1.post('/api/v1/complaints', {
        customerId,
        severity: 'critical',
        category: 'quality',
        channel: 'phone',
        description: `Batch ${i}`,
      });
      expect(res.statusCode).toBe(201);
      batch.push(res.json().id as string);
    }
    t.setNow(null);
    const at = (ms: number) => new Date(T1.getTime() + ms);
    const digests = (kind: string) =>
      t.deps.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.orgId, org.orgId), eq(notifications.kind, kind)));

    const warned = await runJob(at(50 * 60_000));
    expect(warned).toMatchObject({ firstResponseWarned: 3, notifications: 1 });
    const [digest, ...more] = await digests('complaint_sla_warning_digest');
    expect(more).toHaveLength(0);
    expect(digest).toMatchObject({ userId: org.users.m1.id, entity: 'complaint', entityId: null });
    expect(digest!.data).toMatchObject({ target: 'first_response', count: 3, asAssignee: 3, asLead: 0 });
    for (const k of ['firstDueAt', 'lastDueAt'])
      expect(new Date(digest!.data[k] as string).getTime(), k).toBe(T1.getTime() + H);
    for (const id of batch) expect(await slaEvents(id)).toHaveLength(1);

    // Two runs at once: each complaint is flagged by one of them, each recipient gets one digest.
    const both = (await Promise.all([
      runSlaWatch(jobContext(t, org.orgId, at(2 * H))),
      runSlaWatch(jobContext(t, org.orgId, at(2 * H))),
    ])) as unknown as Record<string, number>[];
    expect(both.map((r) => r.firstResponseBreached).sort()).toEqual([0, 3]);
    expect(both.reduce((s, r) => s + r.notifications!, 0)).toBe(2);
    const breach = await digests('complaint_sla_breach_digest');
    expect(breach.map((n) => [n.userId, n.data.count, n.data.asAssignee, n.data.asLead]).sort()).toEqual(
      [
        [org.users.m1.id, 3, 3, 0],
        [org.users.leadA.id, 3, 0, 3],
      ].sort(),
    );
    const batchTasks = (await complaintTasks()).filter((k) => batch.includes(k.data.complaintId as string));
    expect(batchTasks).toHaveLength(3);
    for (const id of batch) expect(await slaEvents(id)).toHaveLength(2);
    expect((await runJob(at(2 * H))).notifications).toBe(0);
  });

  it('refuses job options it does not know', async () => {
    const res = await admin.post('/api/v1/jobs/sla-watch/run', { asOf: T0.toISOString(), nope: 1 });
    expect(res.statusCode).toBe(400);
  });
});
