import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, type TestOrg } from '../../../test/factories.js';
import { organizations, tasks } from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';

let t: TestApp;
let org: TestOrg;
const cl: Record<string, Client> = {};
const now = new Date('2026-05-10T02:00:00Z'); // 10:00 on 10 May in Shanghai, 19:00 on 9 May in Los Angeles
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  t.setNow(now); // sessions live on the same clock
  org = await createTestOrg(t.deps.db);
  for (const k of ['m1', 'm2', 'leadA', 'director', 'analyst'] as const)
    cl[k] = await login(t.app, org.users[k].email);
  const add = async (key: string, dueAt: string, status = 'open', assigneeId = org.users.m1.id) => {
    ids[key] = newId();
    await t.deps.db.insert(tasks).values({
      orgId: org.orgId,
      id: ids[key]!,
      type: 'visit',
      title: key,
      assigneeId,
      dueAt: new Date(dueAt),
      status,
      completedAt: status === 'done' ? now : null,
      createdAt: new Date('2026-05-01T00:00:00Z'),
      updatedAt: new Date('2026-05-01T00:00:00Z'),
    });
  };
  await add('lastWeek', '2026-05-08T00:00:00Z');
  await add('doneLastWeek', '2026-05-08T00:00:00Z', 'done');
  await add('earlyToday', '2026-05-09T17:00:00Z'); // 01:00 today in Shanghai, yesterday in UTC
  await add('doneToday', '2026-05-10T01:00:00Z', 'done');
  await add('cancelledToday', '2026-05-10T03:00:00Z', 'cancelled');
  await add('lateToday', '2026-05-10T15:00:00Z', 'in_progress');
  await add('tomorrow', '2026-05-10T17:00:00Z'); // 01:00 tomorrow in Shanghai, still today in UTC
  await add('inTwelveDays', '2026-05-22T02:00:00Z');
  await add('othersToday', '2026-05-10T03:00:00Z', 'open', org.users.m3.id);
});
afterAll(() => t.close());

const titles = (xs: { title: string }[]) => xs.map((x) => x.title);

describe('the agenda', () => {
  it('buckets the caller’s tasks by the organization’s local day', async () => {
    const res = await cl.m1!.get('/api/v1/agenda');
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json();
    expect(a).toMatchObject({ date: '2026-05-10', timeZone: 'Asia/Shanghai', assigneeId: org.users.m1.id });
    expect(titles(a.overdue)).toEqual(['lastWeek']);
    expect(titles(a.today)).toEqual(['earlyToday', 'doneToday', 'lateToday']);
    expect(titles(a.upcoming)).toEqual(['tomorrow']);
    expect(a.today.find((x: { title: string }) => x.title === 'earlyToday').overdue).toBe(true);
    const wide = (await cl.m1!.get('/api/v1/agenda?days=14')).json();
    expect(titles(wide.upcoming)).toEqual(['tomorrow', 'inTwelveDays']);
  });

  it('follows the organization’s time zone', async () => {
    await t.deps.db
      .update(organizations)
      .set({ timeZone: 'America/Los_Angeles' })
      .where(eq(organizations.id, org.orgId));
    const a = (await cl.m1!.get('/api/v1/agenda')).json();
    expect(a.date).toBe('2026-05-09');
    expect(titles(a.overdue)).toEqual(['lastWeek']);
    expect(titles(a.today)).toEqual(['earlyToday', 'doneToday']);
    expect(titles(a.upcoming)).toEqual(['lateToday', 'tomorrow']);
    await t.deps.db
      .update(organizations)
      .set({ timeZone: 'Asia/Shanghai' })
      .where(eq(organizations.id, org.orgId));
  });

  it('shows a lead the agenda of people in their teams only', async () => {
    const m1 = (await cl.leadA!.get(`/api/v1/agenda?assigneeId=${org.users.m1.id}`)).json();
    expect(titles(m1.today)).toContain('lateToday');
    const m3 = (await cl.leadA!.get(`/api/v1/agenda?assigneeId=${org.users.m3.id}`)).json();
    expect(titles(m3.today)).toEqual(['othersToday']);
    expect((await cl.leadA!.get(`/api/v1/agenda?assigneeId=${org.users.m4.id}`)).statusCode).toBe(404);
    expect((await cl.m2!.get(`/api/v1/agenda?assigneeId=${org.users.m1.id}`)).statusCode).toBe(404);
    expect((await cl.director!.get(`/api/v1/agenda?assigneeId=${org.users.m1.id}`)).statusCode).toBe(200);
    expect((await cl.analyst!.get(`/api/v1/agenda?assigneeId=${org.users.m1.id}`)).statusCode).toBe(200);
    expect((await cl.director!.get(`/api/v1/agenda?assigneeId=${newId()}`)).statusCode).toBe(404);
    const bad = await cl.m1!.get('/api/v1/agenda?days=0&assigneeId=me');
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['assigneeId', 'days']);
  });
});
