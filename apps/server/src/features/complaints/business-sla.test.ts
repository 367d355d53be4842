import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';

/** Business-time SLAs (Asia/Shanghai, Mon–Fri 09:00–18:00, 1 May a holiday) and complaint analytics. */
let t: TestApp;
let org: TestOrg;
let admin: Client;
let director: Client;
let m1: Client;
let m4: Client;
const ids: Record<string, string> = {};
const sh = (local: string) => new Date(`${local}+08:00`);
const iso = (local: string) => sh(local).toISOString();

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  admin = await login(t.app, org.users.admin.email);
  director = await login(t.app, org.users.director.email);
  m1 = await login(t.app, org.users.m1.email);
  m4 = await login(t.app, org.users.m4.email);
  ids.c1 = (await insertCustomer(t.deps.db, org.orgId, { id: org.users.m1.id, teamId: org.team.a })).id;
  ids.c2 = (await insertCustomer(t.deps.db, org.orgId, { id: org.users.m1.id, teamId: org.team.a })).id;
  ids.c4 = (await insertCustomer(t.deps.db, org.orgId, { id: org.users.m4.id, teamId: org.team.b })).id;
});
afterAll(() => t.close());

async function raise(client: Client, customerId: string, when: string, extra: Record<string, unknown> = {}) {
  t.setNow(sh(when));
  const res = await client.post('/api/v1/complaints', {
    customerId,
    severity: 'high',
    category: 'delivery',
    channel: 'phone',
    description: 'Late again',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
async function move(client: Client, id: string, to: string, when: string) {
  t.setNow(sh(when));
  const res = await client.post(`/api/v1/complaints/${id}/transition`, { to });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('business-time SLA', () => {
  it('is configured by a director', async () => {
    const cal = await director.put('/api/v1/settings/business-calendar', {
      week: {
        mon: [{ start: '09:00', end: '18:00' }],
        tue: [{ start: '09:00', end: '18:00' }],
        wed: [{ start: '09:00', end: '18:00' }],
        thu: [{ start: '09:00', end: '18:00' }],
        fri: [{ start: '09:00', end: '18:00' }],
        sat: [],
        sun: [],
      },
      holidays: ['2026-05-01'],
      workdays: [],
    });
    expect(cal.statusCode, cal.body).toBe(200);
    expect(cal.json()).toMatchObject({ holidays: ['2026-05-01'], timeZone: 'Asia/Shanghai' });
    const policy = (await admin.get('/api/v1/settings/sla-policy')).json();
    const put = await director.put('/api/v1/settings/sla-policy', { ...policy, mode: 'business' });
    expect(put.statusCode, put.body).toBe(200);
    expect((await m1.get('/api/v1/settings/sla-policy')).json().mode).toBe('business');
  });

  it('counts only working hours across a holiday and a weekend', async () => {
    // Thursday 30 April 17:00; Friday 1 May is a holiday, then the weekend.
    const c = await raise(m1, ids.c1!, '2026-04-30T17:00:00');
    expect(c.slaMode).toBe('business');
    // 4 working hours: Thu 17–18, then Monday 4 May 09:00–12:00.
    expect(c.firstResponseDueAt).toBe(iso('2026-05-04T12:00:00'));
    // 72 working hours: 1 h Thu + 7 days × 9 h (4–12 May) = 64 h, + 8 h on Wed 13 May.
    expect(c.resolutionDueAt).toBe(iso('2026-05-13T17:00:00'));
    ids.business = c.id;
  });

  it('moves the due time by the paused working time only (a weekend pause costs 2 h)', async () => {
    const id = ids.business!;
    await move(m1, id, 'acknowledged', '2026-05-04T10:00:00');
    await move(m1, id, 'waiting_customer', '2026-05-08T17:00:00');
    const resumed = await move(m1, id, 'in_progress', '2026-05-11T10:00:00');
    expect(resumed.pausedMs).toBe(65 * 3_600_000);
    expect(resumed.resolutionDueAt).toBe(iso('2026-05-14T10:00:00'));
  });
});

describe('GET /analytics/complaints', () => {
  it('counts, times and repeats complaints in the period and scope', async () => {
    await (async () => {
      const policy = (await admin.get('/api/v1/settings/sla-policy')).json();
      await admin.put('/api/v1/settings/sla-policy', { ...policy, mode: 'calendar' });
    })();
    // c1: two more complaints in June (repeat customer, the second within 30 days of the first).
    const a = await raise(m1, ids.c1!, '2026-06-01T09:00:00', { category: 'quality', severity: 'critical' });
    await move(m1, a.id, 'acknowledged', '2026-06-01T10:00:00'); // 1 h
    await move(m1, a.id, 'in_progress', '2026-06-01T11:00:00');
    await move(m1, a.id, 'resolved', '2026-06-02T09:00:00'); // 24 h
    const b = await raise(m1, ids.c1!, '2026-06-10T09:00:00', { category: 'quality' });
    await move(m1, b.id, 'acknowledged', '2026-06-10T12:00:00'); // 3 h
    const c = await raise(m1, ids.c2!, '2026-06-20T09:00:00');
    await move(m1, c.id, 'in_progress', '2026-06-20T14:00:00'); // 5 h
    await move(m1, c.id, 'resolved', '2026-06-22T09:00:00'); // 48 h
    await raise(m4, ids.c4!, '2026-06-15T09:00:00'); // another manager's
    await raise(m1, ids.c2!, '2026-07-01T09:00:00'); // outside the period
    t.setNow(sh('2026-07-02T09:00:00'));

    const res = await director.get('/api/v1/analytics/complaints?from=2026-06-01&to=2026-06-30');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.total).toBe(4);
    expect(r.byCategory).toEqual([
      { key: 'delivery', count: 2 },
      { key: 'quality', count: 2 },
    ]);
    expect(r.bySeverity).toEqual([
      { key: 'high', count: 3 },
      { key: 'critical', count: 1 },
    ]);
    expect(r.byManager).toEqual([
      { managerId: org.users.m1.id, name: org.users.m1.name, count: 3 },
      { managerId: org.users.m4.id, name: org.users.m4.name, count: 1 },
    ]);
    // first responses 1, 3, 5 h; resolutions 24, 48 h
    expect(r.firstResponseHours).toEqual({ median: 3, p90: 4.6, count: 3 });
    expect(r.resolutionHours).toEqual({ median: 36, p90: 45.6, count: 2 });
    expect(r.repeat).toEqual({ customers: 1, within30Days: 1 });
    // Missed: b and m4's (still open, past their 3 days), c (first response after 5 h > 4 h);
    // a met both targets exactly on time.
    expect(r.breached).toBe(3);

    const mine = (await m1.get('/api/v1/analytics/complaints?from=2026-06-01&to=2026-06-30')).json();
    expect(mine.total).toBe(3);
    const bad = await m1.get('/api/v1/analytics/complaints?from=2026-06-30&to=2026-06-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('to');
  });
});
