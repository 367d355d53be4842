import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { seedKpiScenario } from './kpi-scenario.js';

let t: TestApp;
let org: TestOrg;
const cl: Record<string, Client> = {};
const ROLES = ['admin', 'director', 'leadA', 'leadB', 'm1', 'm2', 'analyst'] as const;
const APRIL = { periodStart: '2026-04-01', periodEnd: '2026-04-30' };
/** Half of April in Asia/Shanghai: 15 of its 30 days are over. */
const MID_APRIL = '2026-04-16T00:00:00+08:00';

beforeAll(async () => {
  t = await buildTestApp({}, { jobs: true });
  org = await createTestOrg(t.deps.db);
  await seedKpiScenario(t.deps.db, org);
  for (const k of ROLES) cl[k] = await login(t.app, org.users[k].email);
  t.setNow(new Date('2026-04-12T00:00:00Z'));
});
afterAll(() => t.close());

const goalFor = (who: keyof TestOrg['users'], extra: Record<string, unknown> = {}) => ({
  subjectType: 'manager',
  subjectId: org.users[who].id,
  kpi: 'sales_amount',
  ...APRIL,
  target: 3000,
  ...extra,
});
async function create(who: string, body: object) {
  const res = await cl[who]!.post('/api/v1/goals', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; [k: string]: unknown };
}
const count = async (q: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(t.deps.db, q))[0]!.n;

async function runWatch(asOf: string) {
  const res = await cl.admin!.post('/api/v1/jobs/goal-watch/run', { asOf });
  expect(res.statusCode, res.body).toBe(202);
  const { jobId } = res.json();
  for (let i = 0; i < 300; i++) {
    const job = (await cl.admin!.get(`/api/v1/jobs/${jobId}`)).json();
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('job did not finish');
}

describe('setting goals', () => {
  it('a lead sets a goal for a member: 201, audited; the member reads it', async () => {
    const g = await create('leadA', goalFor('m1', { note: '四月冲刺' }));
    expect(g).toMatchObject({
      subjectType: 'manager',
      subjectId: org.users.m1.id,
      subjectName: org.users.m1.name,
      kpi: 'sales_amount',
      ...APRIL,
      target: 3000,
      note: '四月冲刺',
      parentGoalId: null,
      createdBy: org.users.leadA.id,
    });
    expect(
      await count(
        sql`select count(*)::int as n from audit_log where entity_id = ${g.id} and action = 'goal.create'`,
      ),
    ).toBe(1);
    expect((await cl.m1!.get(`/api/v1/goals/${g.id}`)).statusCode).toBe(200);
    const mine = (await cl.m1!.get('/api/v1/goals')).json().data.map((x: { id: string }) => x.id);
    expect(mine).toContain(g.id);
    expect((await cl.m2!.get(`/api/v1/goals/${g.id}`)).statusCode).toBe(404);
    expect((await cl.leadB!.get(`/api/v1/goals/${g.id}`)).statusCode).toBe(404);
    expect((await cl.analyst!.get(`/api/v1/goals/${g.id}`)).statusCode).toBe(200);
  });

  it('managers do not set goals; leads only inside their teams; bad input is 400 with the field', async () => {
    expect((await cl.m1!.post('/api/v1/goals', goalFor('m1'))).statusCode).toBe(403);
    const outside = await cl.leadA!.post('/api/v1/goals', goalFor('m4'));
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details[0].path).toBe('subjectId');
    const team = await cl.leadA!.post('/api/v1/goals', {
      ...goalFor('m1'),
      subjectType: 'team',
      subjectId: org.team.b,
    });
    expect(team.statusCode).toBe(400);
    const field = async (body: object) =>
      (await cl.leadA!.post('/api/v1/goals', body)).json().error.details[0].path;
    expect(await field(goalFor('m1', { periodEnd: '2026-03-01' }))).toBe('periodEnd');
    expect(await field(goalFor('m1', { kpi: 'profit' }))).toBe('kpi');
    expect(await field(goalFor('m1', { target: 'a lot' }))).toBe('target');
    expect(await field(goalFor('m1', { periodStart: '2026-04-31' }))).toBe('periodStart');
  });

  it('garbage bodies are refused with a 4xx, never a 5xx', async () => {
    const g = await create('leadA', goalFor('m2'));
    for (const body of [[], 'text', 42, null, { nested: { deep: [1] } }, { target: -1e20, kpi: [] }])
      for (const [method, url] of [
        ['POST', '/api/v1/goals'],
        ['PATCH', `/api/v1/goals/${g.id}`],
        ['POST', `/api/v1/goals/${g.id}/cascade`],
      ] as const) {
        const res = await t.app.inject({
          method,
          url,
          headers: {
            cookie: cl.leadA!.cookie,
            'x-csrf-token': cl.leadA!.csrfToken,
            'content-type': 'application/json',
          },
          payload: JSON.stringify(body),
        });
        const what = `${method} ${url} ${JSON.stringify(body)}`;
        expect(res.statusCode, what).toBeLessThan(500);
        // Unknown fields of a PATCH are ignored (a no-op); anything else is refused.
        if (method === 'POST' || typeof body !== 'object' || body === null || Array.isArray(body))
          expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
      }
    expect((await cl.leadA!.get('/api/v1/goals/not-a-uuid/progress')).statusCode).toBe(400);
    expect((await cl.leadA!.get(`/api/v1/goals/${g.id}/progress?asOf=yesterday`)).statusCode).toBe(400);
  });

  it('edits and deletes a goal, audited; others may not', async () => {
    const g = await create('director', goalFor('m2', { kpi: 'order_count', target: 10 }));
    const res = await cl.leadA!.patch(`/api/v1/goals/${g.id}`, { target: 12, note: 'more' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ target: 12, note: 'more' });
    expect((await cl.leadA!.patch(`/api/v1/goals/${g.id}`, { periodEnd: '2026-03-01' })).statusCode).toBe(
      400,
    );
    expect((await cl.m2!.patch(`/api/v1/goals/${g.id}`, { target: 1 })).statusCode).toBe(403);
    expect((await cl.leadB!.delete(`/api/v1/goals/${g.id}`)).statusCode).toBe(404);
    expect((await cl.leadA!.delete(`/api/v1/goals/${g.id}`)).statusCode).toBe(204);
    expect((await cl.leadA!.get(`/api/v1/goals/${g.id}`)).statusCode).toBe(404);
    const actions = await queryRows<{ action: string }>(
      t.deps.db,
      sql`select action from audit_log where entity_id = ${g.id} order by at, action`,
    );
    expect(actions.map((a) => a.action).sort()).toEqual(['goal.create', 'goal.delete', 'goal.update']);
  });

  it('goals of someone who left can still be edited and removed, but no new ones set', async () => {
    const g = await create('director', goalFor('m4', { kpi: 'order_count', target: 5 }));
    await t.deps.db.execute(sql`update users set status = 'departed' where id = ${org.users.m4.id}`);
    try {
      expect((await cl.director!.patch(`/api/v1/goals/${g.id}`, { target: 4 })).statusCode).toBe(200);
      const again = await cl.director!.post(
        '/api/v1/goals',
        goalFor('m4', { kpi: 'order_count', target: 5 }),
      );
      expect(again.statusCode).toBe(400);
      expect((await cl.director!.delete(`/api/v1/goals/${g.id}`)).statusCode).toBe(204);
    } finally {
      await t.deps.db.execute(sql`update users set status = 'active' where id = ${org.users.m4.id}`);
    }
  });
});

describe('cascading a team goal', () => {
  it('splits a sum equally over the active managers of the team and its sub-teams, once', async () => {
    const team = await create('leadA', {
      ...goalFor('m1'),
      subjectType: 'team',
      subjectId: org.team.a,
      target: 6000,
    });
    const res = await cl.leadA!.post(`/api/v1/goals/${team.id}/cascade`, { split: 'equal' });
    expect(res.statusCode, res.body).toBe(201);
    const kids = res.json().data as { subjectId: string; target: number; parentGoalId: string }[];
    const bySubject = Object.fromEntries(kids.map((k) => [k.subjectId, k.target]));
    expect(bySubject).toEqual({ [org.users.m1.id]: 2000, [org.users.m2.id]: 2000, [org.users.m3.id]: 2000 });
    expect(kids.every((k) => k.parentGoalId === team.id)).toBe(true);
    expect((await cl.leadA!.post(`/api/v1/goals/${team.id}/cascade`, { split: 'equal' })).statusCode).toBe(
      409,
    );
  });

  it('splits by shares; a rate is given to every member as is; bad shares are 400', async () => {
    const team = await create('leadA', {
      ...goalFor('m1'),
      subjectType: 'team',
      subjectId: org.team.a,
      target: 5000,
    });
    const bad = await cl.leadA!.post(`/api/v1/goals/${team.id}/cascade`, {
      split: { [org.users.m1.id]: 0.5, [org.users.m4.id]: 0.5 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe(`split.${org.users.m4.id}`);
    const sum = await cl.leadA!.post(`/api/v1/goals/${team.id}/cascade`, {
      split: { [org.users.m1.id]: 0.5, [org.users.m2.id]: 0.3 },
    });
    expect(sum.statusCode).toBe(400);
    expect(sum.json().error.details[0].path).toBe('split');
    const ok = await cl.leadA!.post(`/api/v1/goals/${team.id}/cascade`, {
      split: { [org.users.m1.id]: 0.5, [org.users.m2.id]: 0.3, [org.users.m3.id]: 0.2 },
    });
    expect(ok.statusCode).toBe(201);
    const targets = Object.fromEntries(
      ok.json().data.map((k: { subjectId: string; target: number }) => [k.subjectId, k.target]),
    );
    expect(targets).toEqual({ [org.users.m1.id]: 2500, [org.users.m2.id]: 1500, [org.users.m3.id]: 1000 });

    const rate = await create('leadA', {
      ...goalFor('m1'),
      subjectType: 'team',
      subjectId: org.team.a,
      kpi: 'retention_rate',
      target: 0.8,
    });
    const r = await cl.leadA!.post(`/api/v1/goals/${rate.id}/cascade`, { split: 'equal' });
    expect(r.json().data.map((k: { target: number }) => k.target)).toEqual([0.8, 0.8, 0.8]);

    const single = await create('leadA', goalFor('m2'));
    expect((await cl.leadA!.post(`/api/v1/goals/${single.id}/cascade`, { split: 'equal' })).statusCode).toBe(
      422,
    );
  });
});

describe('progress and the goal-watch job', () => {
  it('compares the actual with the straight line at a moment; 10% behind is off track', async () => {
    const g = await create('leadA', goalFor('m1', { target: 3000 }));
    const res = await cl.m1!.get(`/api/v1/goals/${g.id}/progress?asOf=${encodeURIComponent(MID_APRIL)}`);
    expect(res.statusCode, res.body).toBe(200);
    // by 16 April 00:00 local: 1000 (10 April) + 70 (1 April) credited to m1; expected 3000 × 15/30
    expect(res.json()).toMatchObject({
      goalId: g.id,
      kpi: 'sales_amount',
      unit: 'CNY',
      target: 3000,
      actual: 1070,
      expected: 1500,
      ratio: 0.7133,
      offTrack: true,
      elapsed: 0.5,
    });
    const near = await create('leadA', goalFor('m1', { target: 2300 })); // expected 1150: 7% behind
    const p = (
      await cl.leadA!.get(`/api/v1/goals/${near.id}/progress?asOf=${encodeURIComponent(MID_APRIL)}`)
    ).json();
    expect(p).toMatchObject({ actual: 1070, expected: 1150, offTrack: false });
    await cl.leadA!.delete(`/api/v1/goals/${near.id}`);
    // without asOf: the request's clock (12 April 08:00 local: 1070 of 3000 × 11⅓/30 = 1133.3, 5.6% behind)
    expect((await cl.m1!.get(`/api/v1/goals/${g.id}/progress`)).json()).toMatchObject({
      actual: 1070,
      offTrack: false,
    });
  });

  it('notifies the manager and the lead once per off-track spell', async () => {
    await t.deps.db.execute(sql`delete from goals where org_id = ${org.orgId}`);
    const g = await create('leadA', goalFor('m1', { target: 3000 }));
    const notes = (userId: string) =>
      count(
        sql`select count(*)::int as n from notifications where user_id = ${userId} and kind = 'goal_off_track' and entity_id = ${g.id}`,
      );

    const first = await runWatch(MID_APRIL);
    expect(first.status).toBe('succeeded');
    expect(first.result).toMatchObject({ checked: 1, offTrack: 1, notified: 2 });
    expect(await notes(org.users.m1.id)).toBe(1);
    expect(await notes(org.users.leadA.id)).toBe(1);
    expect((await runWatch(MID_APRIL)).result).toMatchObject({ offTrack: 1, notified: 0 });
    expect((await runWatch('2026-04-18T00:00:00+08:00')).result).toMatchObject({ notified: 0 });
    expect(await notes(org.users.m1.id)).toBe(1);

    // back on track ends the spell: 1300 × 24/30 = 1040 ≤ 1070 by 25 April 00:00 local
    await cl.leadA!.patch(`/api/v1/goals/${g.id}`, { target: 1300 });
    expect((await runWatch('2026-04-25T00:00:00+08:00')).result).toMatchObject({
      offTrack: 0,
      backOnTrack: 1,
    });
    await cl.leadA!.patch(`/api/v1/goals/${g.id}`, { target: 3000 });
    expect((await runWatch('2026-04-26T00:00:00+08:00')).result).toMatchObject({ offTrack: 1, notified: 2 });
    expect(await notes(org.users.m1.id)).toBe(2);
    const [n] = await queryRows<{ data: Record<string, unknown> }>(
      t.deps.db,
      sql`select data from notifications where user_id = ${org.users.m1.id} and entity_id = ${g.id} order by created_at limit 1`,
    );
    expect(n!.data).toMatchObject({
      goalId: g.id,
      kpi: 'sales_amount',
      target: 3000,
      actual: 1070,
      expected: 1500,
    });

    // a goal whose period has not started is not watched
    await create('leadA', goalFor('m1', { periodStart: '2026-06-01', periodEnd: '2026-06-30' }));
    expect((await runWatch('2026-04-27T00:00:00+08:00')).result).toMatchObject({ checked: 1 });
  });
});
