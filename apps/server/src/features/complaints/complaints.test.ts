import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';
import { auditLog, notifications } from '../../db/schema/index.js';

let t: TestApp;
let org: TestOrg;
let admin: Client;
let m1: Client;
let m2: Client;
let m4: Client;
let leadA: Client;
let leadB: Client;
let agent: Client;
let analyst: Client;
const ids: Record<string, string> = {};
const T0 = new Date('2026-06-01T02:00:00Z');
const H = 3_600_000;
const at = (ms: number) => new Date(T0.getTime() + ms).toISOString();

const body = (extra: Record<string, unknown> = {}) => ({
  customerId: ids.c1,
  severity: 'high',
  category: 'quality',
  channel: 'phone',
  description: 'The pump leaks after two days.',
  ...extra,
});

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  const u = org.users;
  const clients = await Promise.all(
    [u.admin, u.m1, u.m2, u.m4, u.leadA, u.leadB, u.agent, u.analyst].map((x) => login(t.app, x.email)),
  );
  [admin, m1, m2, m4, leadA, leadB, agent, analyst] = clients as [
    Client,
    Client,
    Client,
    Client,
    Client,
    Client,
    Client,
    Client,
  ];
  ids.c1 = (
    await insertCustomer(
      t.deps.db,
      org.orgId,
      { id: org.users.m1.id, teamId: org.team.a },
      { name: 'Complaint Co 1' },
    )
  ).id;
  ids.c4 = (
    await insertCustomer(
      t.deps.db,
      org.orgId,
      { id: org.users.m4.id, teamId: org.team.b },
      { name: 'Complaint Co 4' },
    )
  ).id;
  ids.pool = (await insertCustomer(t.deps.db, org.orgId, null, { name: 'Pool Co' })).id;
  t.setNow(T0);
});
afterAll(() => t.close());

async function create(client: Client, extra: Record<string, unknown> = {}) {
  const res = await client.post('/api/v1/complaints', body(extra));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('POST /complaints', () => {
  it.each([
    ['critical', 1, 24],
    ['high', 4, 72],
    ['medium', 8, 168],
    ['low', 24, 360],
  ])('gives %s complaints the default due times (%d h / %d h)', async (severity, fr, res) => {
    const c = await create(m1, { severity });
    expect(c).toMatchObject({
      status: 'open',
      severity,
      slaMode: 'calendar',
      firstResponseDueAt: at(fr * H),
      resolutionDueAt: at(res * H),
      firstResponseWarnAt: at(fr * H * 0.8),
      resolutionWarnAt: at(res * H * 0.8),
      ownerId: org.users.m1.id,
      assigneeId: org.users.m1.id,
      customerName: 'Complaint Co 1',
      sla: { target: 'first_response', state: 'normal', dueAt: at(fr * H) },
      allowedTransitions: ['acknowledged', 'in_progress'],
    });
    const [audit] = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.orgId), eq(auditLog.entityId, c.id)));
    expect(audit?.action).toBe('complaint.create');
  });

  it('assigns the owner when an agent does not take it, the agent when they raise it', async () => {
    const byAgent = await create(agent, { customerId: ids.c4 });
    expect(byAgent).toMatchObject({
      ownerId: org.users.m4.id,
      assigneeId: org.users.agent.id,
      teamId: org.team.b,
    });
    const toOwner = await create(agent, { customerId: ids.c4, assigneeId: org.users.m4.id });
    expect(toOwner.assigneeId).toBe(org.users.m4.id);
    const [n] = await t.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.orgId, org.orgId), eq(notifications.entityId, toOwner.id)));
    expect(n).toMatchObject({ userId: org.users.m4.id, kind: 'complaint_assigned' });
    const pool = await create(agent, { customerId: ids.pool });
    expect(pool).toMatchObject({ ownerId: null, assigneeId: org.users.agent.id });
  });

  it('refuses bad input with one detail per field', async () => {
    const res = await m1.post('/api/v1/complaints', { ...body(), severity: 'urgent', description: '' });
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('validation_failed');
    expect(err.details.map((d: { path: string }) => d.path).sort()).toEqual(['description', 'severity']);
    const template = await m1.post('/api/v1/complaints', body({ deadlineTemplate: 'nope' }));
    expect(template.statusCode).toBe(400);
    expect(template.json().error.details[0].path).toBe('deadlineTemplate');
    const assignee = await m1.post('/api/v1/complaints', body({ assigneeId: org.users.analyst.id }));
    expect(assignee.statusCode).toBe(400);
    expect(assignee.json().error.details[0].path).toBe('assigneeId');
  });

  it('answers 404 for a customer outside the caller’s scope, 403 for read-only roles', async () => {
    const res = await m1.post('/api/v1/complaints', body({ customerId: ids.c4 }));
    expect(res.statusCode).toBe(404);
    expect((await analyst.post('/api/v1/complaints', body())).statusCode).toBe(403);
  });
});

describe('scope', () => {
  it('hides another manager’s complaint (404) and lists only complaints in scope', async () => {
    const theirs = await create(m4, { customerId: ids.c4 });
    expect((await m1.get(`/api/v1/complaints/${theirs.id}`)).statusCode).toBe(404);
    expect(
      (await m1.post(`/api/v1/complaints/${theirs.id}/transition`, { to: 'acknowledged' })).statusCode,
    ).toBe(404);
    expect((await m2.get(`/api/v1/complaints/${theirs.id}`)).statusCode).toBe(404);
    expect((await leadA.get(`/api/v1/complaints/${theirs.id}`)).statusCode).toBe(404);
    expect((await leadB.get(`/api/v1/complaints/${theirs.id}`)).statusCode).toBe(200);
    expect((await agent.get(`/api/v1/complaints/${theirs.id}`)).statusCode).toBe(200);
    expect((await analyst.get(`/api/v1/complaints/${theirs.id}`)).statusCode).toBe(200);
    const mine = (await m1.get('/api/v1/complaints?limit=500')).json().data as { customerId: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((c) => c.customerId === ids.c1)).toBe(true);
    const all = (await admin.get(`/api/v1/complaints?customerId=${ids.c4}&limit=500`)).json().data;
    expect(all.some((c: { id: string }) => c.id === theirs.id)).toBe(true);
  });

  it('lets a manager see a complaint assigned to them on a customer they do not own', async () => {
    const c = await create(agent, { customerId: ids.c4, assigneeId: org.users.m1.id });
    expect((await m1.get(`/api/v1/complaints/${c.id}`)).statusCode).toBe(200);
  });
});

describe('status flow', () => {
  it('moves open → acknowledged → in_progress → resolved → closed and records the times', async () => {
    const c = await create(m1, { severity: 'critical' });
    const move = async (to: string, note?: string) => {
      const res = await m1.post(`/api/v1/complaints/${c.id}/transition`, { to, note });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    t.setNow(new Date(T0.getTime() + 0.5 * H));
    const ack = await move('acknowledged');
    expect(ack).toMatchObject({ status: 'acknowledged', firstRespondedAt: at(0.5 * H) });
    expect(ack.sla).toMatchObject({ target: 'resolution', state: 'normal' });
    await move('in_progress');
    t.setNow(new Date(T0.getTime() + 3 * H));
    const resolved = await move('resolved', 'Replaced the seal.');
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolvedAt: at(3 * H),
      resolution: 'Replaced the seal.',
    });
    const closed = await move('closed');
    expect(closed).toMatchObject({ status: 'closed', closedAt: at(3 * H), sla: { state: 'met' } });
    const events = (await m1.get(`/api/v1/complaints/${c.id}/events`)).json().data;
    expect(events.map((e: { kind: string; toStatus: string }) => `${e.kind}:${e.toStatus}`)).toEqual([
      'created:open',
      'transition:acknowledged',
      'transition:in_progress',
      'transition:resolved',
      'transition:closed',
    ]);
    t.setNow(T0);
  });

  it.each([
    ['open', 'resolved'],
    ['open', 'closed'],
    ['open', 'waiting_customer'],
  ])('refuses %s → %s with 422 illegal_transition', async (_from, to) => {
    const c = await create(m1);
    const res = await m1.post(`/api/v1/complaints/${c.id}/transition`, { to });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('illegal_transition');
    expect((await m1.get(`/api/v1/complaints/${c.id}`)).json().status).toBe('open');
  });

  it('refuses an unknown status with 400', async () => {
    const c = await create(m1);
    const res = await m1.post(`/api/v1/complaints/${c.id}/transition`, { to: 'done' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('to');
  });

  it('reopens a closed complaint to in_progress and counts it', async () => {
    const c = await create(m1);
    for (const to of ['acknowledged', 'in_progress', 'resolved', 'closed'])
      expect((await m1.post(`/api/v1/complaints/${c.id}/transition`, { to })).statusCode).toBe(200);
    const reopened = (
      await m1.post(`/api/v1/complaints/${c.id}/transition`, { to: 'in_progress', note: 'Leaks again' })
    ).json();
    expect(reopened).toMatchObject({
      status: 'in_progress',
      reopenCount: 1,
      resolvedAt: null,
      closedAt: null,
    });
    expect((await m1.post(`/api/v1/complaints/${c.id}/transition`, { to: 'closed' })).statusCode).toBe(422);
    const events = (await m1.get(`/api/v1/complaints/${c.id}/events`)).json().data;
    expect(events.at(-1)).toMatchObject({
      kind: 'reopen',
      fromStatus: 'closed',
      toStatus: 'in_progress',
      note: 'Leaks again',
    });
  });

  it('pauses the clock while waiting on the customer and moves the due times on resume', async () => {
    const c = await create(m1, { severity: 'medium' }); // resolution due T0 + 168 h
    await m1.post(`/api/v1/complaints/${c.id}/transition`, { to: 'acknowledged' });
    t.setNow(new Date(T0.getTime() + 10 * H));
    const paused = (
      await m1.post(`/api/v1/complaints/${c.id}/transition`, { to: 'waiting_customer' })
    ).json();
    expect(paused).toMatchObject({
      status: 'waiting_customer',
      pausedAt: at(10 * H),
      sla: { state: 'paused' },
    });
    t.setNow(new Date(T0.getTime() + 40 * H));
    const resumed = (await m1.post(`/api/v1/complaints/${c.id}/transition`, { to: 'in_progress' })).json();
    expect(resumed).toMatchObject({
      status: 'in_progress',
      pausedAt: null,
      pausedMs: 30 * H,
      resolutionDueAt: at(198 * H),
      resolutionWarnAt: at(168 * H * 0.8 + 30 * H),
      firstResponseDueAt: at(8 * H),
    });
    t.setNow(T0);
  });
});

describe('edits, notes, escalation, extension', () => {
  it('patches the assignee, resolution and root cause; notes and escalations go on the timeline', async () => {
    const c = await create(m1);
    const patched = await m1.patch(`/api/v1/complaints/${c.id}`, {
      assigneeId: org.users.agent.id,
      rootCause: 'Supplier batch',
      resolution: 'Refund',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      assigneeId: org.users.agent.id,
      rootCause: 'Supplier batch',
      resolution: 'Refund',
    });
    expect((await m1.patch(`/api/v1/complaints/${c.id}`, { severity: 'low' })).json().severity).toBe('high');
    const note = await m1.post(`/api/v1/complaints/${c.id}/notes`, { note: 'Called the buyer' });
    expect(note.statusCode).toBe(201);
    expect(note.json()).toMatchObject({ kind: 'note', note: 'Called the buyer', internal: true });
    expect((await m1.post(`/api/v1/complaints/${c.id}/notes`, { note: '' })).statusCode).toBe(400);
    const dept = await m1.post(`/api/v1/complaints/${c.id}/escalate`, {
      to: 'logistics',
      note: 'Damaged in transit',
    });
    expect(dept.json()).toMatchObject({ escalatedTo: 'logistics', escalatedAt: T0.toISOString() });
    const lead = await m1.post(`/api/v1/complaints/${c.id}/escalate`, {
      to: 'lead',
      note: 'Needs a decision',
    });
    expect(lead.statusCode, lead.body).toBe(200);
    const [n] = await t.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.entityId, c.id), eq(notifications.kind, 'complaint_escalated')));
    expect(n?.userId).toBe(org.users.leadA.id); // the agent has no team: the customer's team lead
    const kinds = (await m1.get(`/api/v1/complaints/${c.id}/events`))
      .json()
      .data.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(['created', 'assignment', 'note', 'escalation', 'escalation']);
  });

  it('extends a regulatory deadline once, with a reason', async () => {
    const c = await create(m1, { channel: 'regulator', severity: 'critical' });
    expect(c).toMatchObject({ deadlineTemplate: 'regulatory_15_30', resolutionDueAt: at(15 * 24 * H) });
    expect((await m1.post(`/api/v1/complaints/${c.id}/extend`, {})).statusCode).toBe(400);
    const ext = await m1.post(`/api/v1/complaints/${c.id}/extend`, { reason: 'Lab test takes 10 days' });
    expect(ext.statusCode, ext.body).toBe(200);
    expect(ext.json()).toMatchObject({
      resolutionDueAt: at(30 * 24 * H),
      resolutionWarnAt: at(24 * 24 * H),
      extendedAt: T0.toISOString(),
      extensionReason: 'Lab test takes 10 days',
    });
    const again = await m1.post(`/api/v1/complaints/${c.id}/extend`, { reason: 'More' });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.code).toBe('already_extended');
    const plain = await create(m1);
    const none = await m1.post(`/api/v1/complaints/${plain.id}/extend`, { reason: 'x' });
    expect(none.statusCode).toBe(422);
    expect(none.json().error.code).toBe('no_deadline_template');
  });
});

describe('list filters', () => {
  it('filters by status, severity, q and breached', async () => {
    const c = await create(m1, { severity: 'critical', description: 'Zebra-unique text' });
    const q = (await m1.get('/api/v1/complaints?q=zebra-unique')).json().data;
    expect(q.map((x: { id: string }) => x.id)).toEqual([c.id]);
    const crit = (await m1.get('/api/v1/complaints?severity=critical&status=open&limit=500')).json().data;
    expect(
      crit.every(
        (x: { severity: string; status: string }) => x.severity === 'critical' && x.status === 'open',
      ),
    ).toBe(true);
    expect((await m1.get('/api/v1/complaints?breached=true')).json().data).toEqual([]);
    t.setNow(new Date(T0.getTime() + 2 * H)); // critical first responses (1 h) are now overdue
    const late = (await m1.get('/api/v1/complaints?breached=true&limit=500')).json().data;
    expect(late.some((x: { id: string }) => x.id === c.id)).toBe(true);
    expect(late.find((x: { id: string }) => x.id === c.id).sla.state).toBe('breached');
    t.setNow(T0);
    const page1 = (await m1.get('/api/v1/complaints?limit=2')).json();
    const page2 = (await m1.get(`/api/v1/complaints?limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2.data[0].id).not.toBe(page1.data[1].id);
    expect((await m1.get('/api/v1/complaints?status=nope')).statusCode).toBe(400);
  });
});

describe('settings', () => {
  it('reads the default policy and lets only admins and directors change it', async () => {
    const policy = (await m1.get('/api/v1/settings/sla-policy')).json();
    expect(policy.targets.critical).toEqual({ firstResponseMinutes: 60, resolutionMinutes: 1440 });
    expect(policy).toMatchObject({ mode: 'calendar', warnAtFraction: 0.8 });
    expect((await m1.put('/api/v1/settings/sla-policy', policy)).statusCode).toBe(403);
    const bad = await admin.put('/api/v1/settings/sla-policy', { ...policy, warnAtFraction: 2 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('warnAtFraction');
    const cal = (await m1.get('/api/v1/settings/business-calendar')).json();
    expect(cal).toMatchObject({
      timeZone: 'Asia/Shanghai',
      week: { mon: [{ start: '09:00', end: '18:00' }], sat: [] },
    });
    const empty = { ...cal, week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } };
    delete empty.timeZone;
    const refused = await admin.put('/api/v1/settings/business-calendar', empty);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].path).toBe('week');
  });
});
