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

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  await seedKpiScenario(t.deps.db, org);
  for (const k of ROLES) cl[k] = await login(t.app, org.users[k].email);
  t.setNow(new Date('2026-05-10T00:00:00Z'));
});
afterAll(() => t.close());

const count = async (q: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(t.deps.db, q))[0]!.n;
const april = () => ({ managerId: org.users.m1.id, periodKind: 'month', periodStart: '2026-04-01' });
let reviewId = '';

describe('a review from draft to acknowledged', () => {
  it('the lead starts it, pre-filled with the scorecard of the period', async () => {
    const res = await cl.leadA!.post('/api/v1/reviews', april());
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    reviewId = r.id;
    expect(r).toMatchObject({
      managerId: org.users.m1.id,
      reviewerId: org.users.leadA.id,
      periodKind: 'month',
      periodStart: '2026-04-01',
      periodEnd: '2026-04-30',
      status: 'draft',
      plan: [],
    });
    // No template in this organization: the built-in default. By hand:
    // sales 1270/100000 × 40 = 0.508; new customers 1/5 × 10 = 2; on-time 0.5/0.9 × 20 = 11.11;
    // visits 0.3333/0.9 × 15 = 5.56; satisfaction 4.5/4.5 × 15 = 15 → 34.17
    expect(r.scorecard).toMatchObject({
      template: { source: 'builtin' },
      overall: 34.17,
      from: '2026-04-01',
    });
    expect(r.scorecard.items.map((i: { points: number }) => i.points)).toEqual([0.51, 2, 11.11, 5.56, 15]);
  });

  it('refuses a second review of the same period, a bad period start, oneself and strangers', async () => {
    const dup = await cl.director!.post('/api/v1/reviews', april());
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('review_exists');
    const bad = await cl.leadA!.post('/api/v1/reviews', {
      ...april(),
      periodKind: 'quarter',
      periodStart: '2026-05-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('periodStart');
    const self = await cl.m1!.post('/api/v1/reviews', april());
    expect(self.statusCode).toBe(422);
    expect(self.json().error.code).toBe('cannot_review_self');
    expect(
      (await cl.m1!.post('/api/v1/reviews', { ...april(), managerId: org.users.m2.id })).statusCode,
    ).toBe(404);
    expect((await cl.leadB!.post('/api/v1/reviews', april())).statusCode).toBe(404);
  });

  it('starts exactly one review when the same period is asked for at the same moment', async () => {
    const body = { managerId: org.users.m2.id, periodKind: 'month', periodStart: '2026-03-01' };
    const all = await Promise.all([1, 2, 3, 4].map(() => cl.leadA!.post('/api/v1/reviews', body)));
    const codes = all.map((r) => r.statusCode).sort();
    expect(codes, all.map((r) => r.body).join('\n')).toEqual([201, 409, 409, 409]);
    expect(
      await count(
        sql`select count(*)::int as n from reviews where manager_id = ${org.users.m2.id} and period_start = '2026-03-01'`,
      ),
    ).toBe(1);
  });

  it('the draft is the reviewer’s: the manager does not see it yet', async () => {
    expect((await cl.m1!.get(`/api/v1/reviews/${reviewId}`)).statusCode).toBe(404);
    expect((await cl.m1!.get('/api/v1/reviews')).json().data).toEqual([]);
    expect((await cl.director!.get(`/api/v1/reviews/${reviewId}`)).statusCode).toBe(200);
    expect((await cl.leadB!.get(`/api/v1/reviews/${reviewId}`)).statusCode).toBe(404);
  });

  it('the lead writes strengths, gaps, feedback and the plan', async () => {
    const plan = [
      { text: '每周拜访 3 位 A 类客户', ownerId: org.users.m1.id, dueDate: '2026-05-31', status: 'open' },
      {
        text: 'Shadow a senior on renewals',
        ownerId: org.users.leadA.id,
        dueDate: '2026-05-15',
        status: 'done',
      },
    ];
    const unknown = await cl.leadA!.patch(`/api/v1/reviews/${reviewId}`, {
      plan: [{ ...plan[0], ownerId: crypto.randomUUID() }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].path).toBe('plan.0.ownerId');
    const res = await cl.leadA!.patch(`/api/v1/reviews/${reviewId}`, {
      strengths: 'Strong April sales',
      gaps: 'Visits late',
      feedback: 'Plan visits earlier in the week',
      plan,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      strengths: 'Strong April sales',
      gaps: 'Visits late',
      status: 'draft',
    });
    expect(res.json().plan).toHaveLength(2);
    expect((await cl.m2!.patch(`/api/v1/reviews/${reviewId}`, { gaps: 'x' })).statusCode).toBe(404);
  });

  it('only the reviewer signs; then it is locked and the manager is notified', async () => {
    expect((await cl.director!.post(`/api/v1/reviews/${reviewId}/sign`)).statusCode).toBe(403);
    const res = await cl.leadA!.post(`/api/v1/reviews/${reviewId}/sign`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'signed', signedAt: '2026-05-10T00:00:00.000Z' });
    const locked = await cl.leadA!.patch(`/api/v1/reviews/${reviewId}`, { feedback: 'changed afterwards' });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.code).toBe('review_locked');
    expect((await cl.leadA!.post(`/api/v1/reviews/${reviewId}/sign`)).json().error.code).toBe(
      'review_locked',
    );
    expect((await cl.leadA!.get(`/api/v1/reviews/${reviewId}`)).json().feedback).toBe(
      'Plan visits earlier in the week',
    );
    expect(
      await count(
        sql`select count(*)::int as n from notifications where user_id = ${org.users.m1.id} and kind = 'review_signed' and entity_id = ${reviewId}`,
      ),
    ).toBe(1);
    expect(
      await count(
        sql`select count(*)::int as n from audit_log where entity_id = ${reviewId} and action in ('review.create', 'review.update', 'review.sign')`,
      ),
    ).toBe(3);
  });

  it('only the reviewed manager acknowledges, once, with a comment', async () => {
    expect((await cl.leadA!.post(`/api/v1/reviews/${reviewId}/acknowledge`, {})).statusCode).toBe(403);
    expect((await cl.m2!.post(`/api/v1/reviews/${reviewId}/acknowledge`, {})).statusCode).toBe(404);
    const mine = (await cl.m1!.get('/api/v1/reviews')).json().data;
    expect(mine.map((r: { id: string }) => r.id)).toEqual([reviewId]);
    const res = await cl.m1!.post(`/api/v1/reviews/${reviewId}/acknowledge`, {
      comment: '同意，会改进拜访节奏',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'acknowledged',
      managerComment: '同意，会改进拜访节奏',
      acknowledgedAt: '2026-05-10T00:00:00.000Z',
    });
    const again = await cl.m1!.post(`/api/v1/reviews/${reviewId}/acknowledge`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_acknowledged');
    expect((await cl.leadA!.patch(`/api/v1/reviews/${reviewId}`, { gaps: 'x' })).statusCode).toBe(409);
  });

  it('the next review carries the unfinished plan items to follow up', async () => {
    const res = await cl.leadA!.post('/api/v1/reviews', { ...april(), periodStart: '2026-05-01' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().plan).toEqual([
      {
        text: '每周拜访 3 位 A 类客户',
        ownerId: org.users.m1.id,
        dueDate: '2026-05-31',
        status: 'open',
        carriedFrom: reviewId,
      },
    ]);
    const quarter = await cl.director!.post('/api/v1/reviews', { ...april(), periodKind: 'quarter' });
    expect(quarter.json()).toMatchObject({ periodStart: '2026-04-01', periodEnd: '2026-06-30' });
  });

  it('lists are scoped: directors all, leads their teams, others nothing of others', async () => {
    const ids = async (who: string) =>
      (await cl[who]!.get(`/api/v1/reviews?managerId=${org.users.m1.id}`)).json().data.length as number;
    expect(await ids('director')).toBe(3);
    expect(await ids('leadA')).toBe(3);
    expect(await ids('leadB')).toBe(0);
    expect(await ids('m2')).toBe(0);
    expect(await ids('analyst')).toBe(0);
    expect(await ids('m1')).toBe(1); // the drafts are not shown to them yet
  });
});
