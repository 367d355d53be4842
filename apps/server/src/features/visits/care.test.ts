import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { contacts, orders } from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';
import { runCareReminders } from './care-job.js';
import { jobContext } from './job-context.test-support.js';

let t: TestApp;
let org: TestOrg;
let admin: Client;
let m1: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  admin = await login(t.app, org.users.admin.email);
  m1 = await login(t.app, org.users.m1.email);
  const owner = { id: org.users.m1.id, teamId: org.team.a };
  const old = new Date('2020-01-01T00:00:00Z');
  const mk = async (
    key: string,
    tier: string | null,
    extra: Record<string, unknown> = {},
    who: typeof owner | null = owner,
  ) =>
    (ids[key] = (
      await insertCustomer(t.deps.db, org.orgId, who, { name: `Care ${key}`, tier, createdAt: old, ...extra })
    ).id);
  await mk('a', 'A', { contractDate: '2024-02-16' });
  await mk('b', 'B');
  await mk('c', 'C');
  await mk('pool', 'A', {}, null);
  const contact = async (key: string, customerId: string, birthday: string) => {
    ids[key] = newId();
    await t.deps.db.insert(contacts).values({
      orgId: org.orgId,
      id: ids[key]!,
      customerId,
      name: `Contact ${key}`,
      birthday,
      createdAt: old,
    });
  };
  await contact('leap', ids.c!, '1992-02-29');
  await contact('march', ids.c!, '1990-03-05');
  await contact('poolPerson', ids.pool!, '1992-02-28');
  // first order on 16 February 2025 in Shanghai (still the 15th in UTC)
  await t.deps.db.insert(orders).values([
    {
      orgId: org.orgId,
      id: newId(),
      customerId: ids.b!,
      orderedAt: new Date('2025-02-15T18:00:00Z'),
      amount: 10,
    },
    {
      orgId: org.orgId,
      id: newId(),
      customerId: ids.b!,
      orderedAt: new Date('2025-06-01T00:00:00Z'),
      amount: 10,
    },
  ]);
});
afterAll(() => t.close());

type CareRow = {
  source_key: string;
  title: string;
  description: string;
  assignee_id: string;
  customer_id: string;
  due_at: Date | string;
  data: Record<string, unknown>;
};
const careTasks = async () =>
  (
    await queryRows<CareRow>(
      t.deps.db,
      sql`select source_key, title, description, assignee_id, customer_id, due_at, data from tasks
           where org_id = ${org.orgId} and type = 'care' order by source_key`,
    )
  ).map((r) => ({ ...r, due_at: new Date(r.due_at).toISOString() }));

describe('care reminders', () => {
  it('turns a holiday and anniversaries within daysAhead into care tasks, once', async () => {
    // 10:00 on 14 February 2026 in Shanghai; Spring Festival is on the 17th, three days ahead
    const asOf = new Date('2026-02-14T02:00:00Z');
    const r = await runCareReminders(jobContext(t, org.orgId, asOf));
    expect(r.created).toEqual({
      birthday: 0,
      anniversary_first_order: 1,
      anniversary_contract: 1,
      holiday: 2,
    });
    const rows = await careTasks();
    const byKey = Object.fromEntries(rows.map((x) => [x.source_key, x]));
    expect(Object.keys(byKey).sort()).toEqual(
      [
        `care:anniversary_contract:${ids.a}:2026`,
        `care:anniversary_first_order:${ids.b}:2026`,
        `care:holiday.spring_festival:${ids.a}:2026`,
        `care:holiday.spring_festival:${ids.b}:2026`,
      ].sort(),
    );
    const holiday = byKey[`care:holiday.spring_festival:${ids.a}:2026`]!;
    expect(holiday).toMatchObject({
      title: '春节关怀：Care a',
      description: '值此春节之际，祝Care a全体同仁节日快乐！',
      assignee_id: org.users.m1.id,
      due_at: '2026-02-17T01:00:00.000Z', // 09:00 in Shanghai on the day
      data: {
        occasion: 'holiday',
        holiday: 'spring_festival',
        date: '2026-02-17',
        message: '值此春节之际，祝Care a全体同仁节日快乐！',
      },
    });
    expect(byKey[`care:anniversary_contract:${ids.a}:2026`]).toMatchObject({
      title: '签约周年：Care a 签约 2 周年',
      data: { years: 2, date: '2026-02-16' },
    });
    expect(byKey[`care:anniversary_first_order:${ids.b}:2026`]).toMatchObject({
      title: '合作周年：Care b 首单 1 周年',
      due_at: '2026-02-16T01:00:00.000Z',
    });
    // again: nothing new
    const again = await runCareReminders(jobContext(t, org.orgId, new Date('2026-02-15T02:00:00Z')));
    expect(again.created).toEqual({
      birthday: 0,
      anniversary_first_order: 0,
      anniversary_contract: 0,
      holiday: 0,
    });
    expect(await careTasks()).toHaveLength(4);
    // the manager sees them as care tasks
    const listed = (await m1.get('/api/v1/tasks?type=care&limit=50')).json().data;
    expect(listed).toHaveLength(4);
    expect(listed[0].data.message).toEqual(expect.any(String));
  });

  it('remembers a 29 February birthday on the 28th in a common year', async () => {
    const early = await runCareReminders(jobContext(t, org.orgId, new Date('2027-02-24T02:00:00Z')));
    expect(early.created.birthday).toBe(0); // window 24–27 February
    const r = await runCareReminders(jobContext(t, org.orgId, new Date('2027-02-25T20:00:00Z'))); // 26 Feb, 04:00
    expect(r.created.birthday).toBe(1);
    const birthday = (await careTasks()).find((x) => x.source_key === `care:birthday:${ids.leap}:2027`)!;
    expect(birthday).toMatchObject({
      title: '生日关怀：Contact leap（Care c）',
      customer_id: ids.c,
      due_at: '2027-02-28T01:00:00.000Z',
      data: { occasion: 'birthday', contactId: ids.leap, years: 35, date: '2027-02-28' },
    });
    expect((await careTasks()).some((x) => x.source_key.includes(ids.march!))).toBe(false);
    expect((await careTasks()).some((x) => x.source_key.includes(ids.poolPerson!))).toBe(false);
  });

  it('uses the organization’s templates, holidays, tiers and days ahead', async () => {
    const current = (await admin.get('/api/v1/settings/care')).json();
    expect(current).toMatchObject({ daysAhead: 3, holidayTiers: ['A', 'B'] });
    expect(current.holidays.map((h: { code: string }) => h.code)).toEqual([
      'spring_festival',
      'mid_autumn',
      'national_day',
      'christmas',
    ]);
    expect(current.templates.birthday.title).toContain('{contact}');
    const body = {
      ...current,
      daysAhead: 10,
      holidayTiers: ['C'],
      holidays: [
        { code: 'founders_day', name_zh: '司庆日', name_en: 'Founders Day', dates: { '2026': '2026-05-20' } },
      ],
      templates: {
        holiday: { title: 'Happy {holiday}, {customer}', message: 'Dear {customer}: {holiday} on {date}' },
      },
    };
    expect((await m1.put('/api/v1/settings/care', body)).statusCode).toBe(403);
    const saved = await admin.put('/api/v1/settings/care', body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().templates.holiday.title).toBe('Happy {holiday}, {customer}');
    expect(saved.json().templates.birthday.title).toBe(current.templates.birthday.title);
    const r = await runCareReminders(jobContext(t, org.orgId, new Date('2026-05-11T02:00:00Z')));
    expect(r.created.holiday).toBe(1);
    const founders = (await careTasks()).find(
      (x) => x.source_key === `care:holiday.founders_day:${ids.c}:2026`,
    )!;
    expect(founders).toMatchObject({
      title: 'Happy 司庆日, Care c',
      description: 'Dear Care c: 司庆日 on 2026-05-20',
    });
  });

  it('validates the care settings', async () => {
    const res = await admin.put('/api/v1/settings/care', {
      daysAhead: 100,
      holidayTiers: ['A'],
      holidays: [{ code: 'x', name_zh: '甲', name_en: 'X', dates: { '2026': '2026/01/01' } }],
      templates: {},
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['daysAhead', 'holidays.0.dates.2026']);
    const unknown = await admin.put('/api/v1/settings/care', {
      daysAhead: 3,
      holidayTiers: ['A'],
      holidays: [],
      templates: { birthday: { title: 'Hi {name}', message: 'ok' } },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toEqual([
      { path: 'templates.birthday.title', message: 'unknown placeholder {name}' },
    ]);
  });
});
