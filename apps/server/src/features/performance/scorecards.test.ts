import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { users } from '../../db/schema/index.js';
import { seedKpiScenario } from './kpi-scenario.js';

let t: TestApp;
let org: TestOrg;
const cl: Record<string, Client> = {};
const ROLES = ['admin', 'director', 'leadA', 'leadB', 'm1', 'm2', 'm4', 'analyst'] as const;
const APRIL = 'from=2026-04-01&to=2026-04-30';

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  await seedKpiScenario(t.deps.db, org);
  for (const k of ROLES) cl[k] = await login(t.app, org.users[k].email);
  t.setNow(new Date('2026-05-10T00:00:00Z'));
});
afterAll(() => t.close());

const JUNIOR = {
  name: 'Junior managers',
  level: 'junior',
  items: [
    { kpi: 'sales_amount', weight: 50, target: 1000, cap: 1.2 },
    { kpi: 'task_on_time_rate', weight: 30, target: 0.8, cap: 1 },
    { kpi: 'complaint_count', weight: 20, target: 2, cap: 1.5 },
  ],
};
type Card = { overall: number | null; items: { kpi: string; actual: number | null; points: number }[] };
const card = async (who: string, manager: keyof TestOrg['users'], extra = '') => {
  const res = await cl[who]!.get(`/api/v1/scorecards?managerId=${org.users[manager].id}&${APRIL}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Card & Record<string, unknown>;
};

describe('scorecard templates', () => {
  it('directors and admins manage them; KPIs must be known and weights above 0', async () => {
    expect((await cl.leadA!.post('/api/v1/scorecard-templates', JUNIOR)).statusCode).toBe(403);
    const bad = await cl.admin!.post('/api/v1/scorecard-templates', {
      ...JUNIOR,
      items: [{ kpi: 'profit', weight: 0, target: 1, cap: 1 }],
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['items.0.kpi', 'items.0.weight']));
    const res = await cl.director!.post('/api/v1/scorecard-templates', JUNIOR);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ name: 'Junior managers', level: 'junior', role: null });
    const audits = await queryRows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from audit_log where entity_id = ${res.json().id} and action = 'scorecard_template.create'`,
    );
    expect(audits[0]!.n).toBe(1);
    expect((await cl.m1!.get('/api/v1/scorecard-templates')).json().data).toHaveLength(1);
  });
});

describe('scorecards on the hand-made April', () => {
  it('scores each KPI against its target with caps and weights', async () => {
    const c = await card('leadA', 'm1');
    expect(c.template).toMatchObject({ name: 'Junior managers', source: 'level' });
    // sales 1270 / 1000 = 127% capped at 120% → 50 × 1.2 = 60
    // on-time 0.5 / 0.8 = 62.5% → 30 × 0.625 = 18.75
    // complaints (lower is better, from the registry) 2 / 3 = 66.67% → 20 × 0.6667 = 13.33
    expect(c.items.map((i) => [i.kpi, i.actual, i.points])).toEqual([
      ['sales_amount', 1270, 60],
      ['task_on_time_rate', 0.5, 18.75],
      ['complaint_count', 3, 13.33],
    ]);
    expect(c.overall).toBe(92.08);
    // m2: 500 / 1000 → 25; no tasks: unknown → 0; no complaint at all: a sum of 0 → the cap 1.5 → 30
    const m2 = await card('admin', 'm2');
    expect(m2.items.map((i) => [i.actual, i.points])).toEqual([
      [500, 25],
      [null, 0],
      [0, 30],
    ]);
    expect(m2.overall).toBe(55);
  });

  it('a trend over the last months and the ratings of the period', async () => {
    const rated = await cl.leadA!.post('/api/v1/ratings', {
      managerId: org.users.m1.id,
      periodStart: '2026-04-01',
      periodEnd: '2026-04-30',
      dimension: 'teamwork',
      score: 4,
    });
    expect(rated.statusCode, rated.body).toBe(201);
    const again = await cl.leadA!.post('/api/v1/ratings', {
      managerId: org.users.m1.id,
      periodStart: '2026-04-01',
      periodEnd: '2026-04-30',
      dimension: 'teamwork',
      score: 4.5,
      comment: '主动帮助同事',
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: rated.json().id, score: 4.5, comment: '主动帮助同事' });
    const c = await card('m1', 'm1', '&trendMonths=2');
    // March: sales 50 (31 March 23:50 local) → 2.5; no task due → 0; 1 complaint → 2/1 capped 1.5 → 30
    expect(c.trend).toEqual([
      { from: '2026-03-01', to: '2026-03-31', overall: 32.5 },
      { from: '2026-04-01', to: '2026-04-30', overall: 92.08 },
    ]);
    expect(c.ratings).toMatchObject([{ dimension: 'teamwork', score: 4.5, ratedBy: org.users.leadA.id }]);
  });

  it('ratings: the lead rates their members; not oneself; others do not see them', async () => {
    const body = (who: keyof TestOrg['users']) => ({
      managerId: org.users[who].id,
      periodStart: '2026-04-01',
      periodEnd: '2026-04-30',
      dimension: 'relationship_quality',
      score: 3,
    });
    expect((await cl.m1!.post('/api/v1/ratings', body('m1'))).statusCode).toBe(403);
    expect((await cl.m1!.post('/api/v1/ratings', body('m2'))).statusCode).toBe(404);
    expect((await cl.leadB!.post('/api/v1/ratings', body('m1'))).statusCode).toBe(404);
    expect((await cl.leadA!.post('/api/v1/ratings', { ...body('m1'), score: 6 })).statusCode).toBe(400);
    const list = await cl.m1!.get(`/api/v1/ratings?managerId=${org.users.m1.id}&${APRIL}`);
    expect(list.json().data).toHaveLength(1);
    expect((await cl.m2!.get(`/api/v1/ratings?managerId=${org.users.m1.id}&${APRIL}`)).statusCode).toBe(404);
  });

  it('the template is chosen by level, else role, else the default; scope is enforced', async () => {
    await t.deps.db.update(users).set({ level: 'senior' }).where(eq(users.id, org.users.m4.id));
    const builtin = await card('leadB', 'm4');
    expect(builtin.template).toEqual({ id: null, name: 'Default', source: 'builtin' });
    const def = await cl.admin!.post('/api/v1/scorecard-templates', {
      name: 'Everyone',
      items: [{ kpi: 'sales_amount', weight: 1, target: 100, cap: 2 }],
    });
    expect((await card('leadB', 'm4')).template).toMatchObject({ id: def.json().id, source: 'default' });
    const role = await cl.admin!.post('/api/v1/scorecard-templates', {
      name: 'Managers',
      role: 'manager',
      items: [{ kpi: 'sales_amount', weight: 1, target: 240, cap: 1 }],
    });
    const m4 = await card('leadB', 'm4');
    expect(m4.template).toMatchObject({ id: role.json().id, source: 'role' });
    expect(m4.overall).toBe(50); // 120 / 240
    expect((await card('leadA', 'm1')).template).toMatchObject({ source: 'level' });
    expect((await cl.leadB!.get(`/api/v1/scorecards?managerId=${org.users.m1.id}&${APRIL}`)).statusCode).toBe(
      404,
    );
    expect((await cl.m2!.get(`/api/v1/scorecards?managerId=${org.users.m1.id}&${APRIL}`)).statusCode).toBe(
      404,
    );
    await cl.admin!.delete(`/api/v1/scorecard-templates/${role.json().id}`);
    await cl.admin!.delete(`/api/v1/scorecard-templates/${def.json().id}`);
    await t.deps.db.update(users).set({ level: 'junior' }).where(eq(users.id, org.users.m4.id));
  });
});

describe('rankings', () => {
  type Row = { managerId: string; overall: number; teamRank: number; companyRank: number };
  const ranks = (rows: Row[]) =>
    Object.fromEntries(rows.map((r) => [r.managerId, [r.overall, r.teamRank, r.companyRank]]));

  it('ranks within the team and the company', async () => {
    // m1 92.08; m2 55; m3 400 → 20 + 0 + 30 = 50; m4 120 → 6 + 0 + 2/1 capped 1.5 → 30 = 36
    const { m1, m2, m3, m4 } = org.users;
    const all = await cl.director!.get(`/api/v1/scorecards/rankings?organization=true&${APRIL}`);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().data.map((r: Row) => r.managerId)).toEqual([m1.id, m2.id, m3.id, m4.id]);
    // the organization view ranks each within their own team: m3 is alone in A1, m4 in B
    expect(ranks(all.json().data)).toEqual({
      [m1.id]: [92.08, 1, 1],
      [m2.id]: [55, 2, 2],
      [m3.id]: [50, 1, 3],
      [m4.id]: [36, 1, 4],
    });
    const teamA = await cl.leadA!.get(`/api/v1/scorecards/rankings?teamId=${org.team.a}&${APRIL}`);
    expect(ranks(teamA.json().data)).toEqual({
      [m1.id]: [92.08, 1, 1],
      [m2.id]: [55, 2, 2],
      [m3.id]: [50, 3, 3],
    });
    const teamB = await cl.leadB!.get(`/api/v1/scorecards/rankings?teamId=${org.team.b}&${APRIL}`);
    expect(ranks(teamB.json().data)).toEqual({ [m4.id]: [36, 1, 4] });
  });

  it('leads only rank their teams; the organization is for directors, admins and analysts', async () => {
    expect(
      (await cl.leadB!.get(`/api/v1/scorecards/rankings?teamId=${org.team.a}&${APRIL}`)).statusCode,
    ).toBe(404);
    expect((await cl.leadA!.get(`/api/v1/scorecards/rankings?organization=true&${APRIL}`)).statusCode).toBe(
      403,
    );
    expect((await cl.analyst!.get(`/api/v1/scorecards/rankings?organization=true&${APRIL}`)).statusCode).toBe(
      200,
    );
    expect((await cl.admin!.get(`/api/v1/scorecards/rankings?${APRIL}`)).statusCode).toBe(400);
  });
});

describe('the API document', () => {
  it('describes the scorecard, review, incentive and career endpoints', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const p of [
      '/scorecard-templates',
      '/scorecards',
      '/scorecards/rankings',
      '/ratings',
      '/reviews',
      '/reviews/{id}/sign',
      '/reviews/{id}/acknowledge',
      '/commission-plans',
      '/payouts',
      '/payouts/close',
      '/payouts.csv',
      '/payouts.xlsx',
      '/training-records',
      '/career-levels',
      '/career/eligibility',
    ])
      expect(Object.keys(doc.paths)).toContain(`/api/v1${p}`);
    expect(doc.paths['/api/v1/reviews'].post.requestBody).toBeDefined();
  });
});
