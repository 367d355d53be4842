import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, type TestOrg } from '../../../test/factories.js';
import { users } from '../../db/schema/index.js';
import { seedKpiScenario } from './kpi-scenario.js';

let t: TestApp;
let org: TestOrg;
const cl: Record<string, Client> = {};
const ROLES = ['admin', 'director', 'leadA', 'leadB', 'm1', 'm2'] as const;

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  await seedKpiScenario(t.deps.db, org);
  for (const k of ROLES) cl[k] = await login(t.app, org.users[k].email);
  t.setNow(new Date('2026-05-10T00:00:00Z'));
  const { m1, m2, m4 } = org.users;
  await t.deps.db.update(users).set({ hireDate: '2025-01-15' }).where(eq(users.id, m1.id));
  await t.deps.db.update(users).set({ hireDate: '2026-01-01' }).where(eq(users.id, m2.id));
  await t.deps.db.update(users).set({ level: 'key_account' }).where(eq(users.id, m4.id));
});
afterAll(() => t.close());

const SENIOR = {
  code: 'senior',
  name: '高级客户经理',
  rank: 2,
  criteria: {
    minTenureMonths: 12,
    kpis: [
      { kpi: 'sales_amount', min: 1000 },
      { kpi: 'complaint_count', min: 3 },
    ],
    trainingHours: 10,
    requiredCourses: ['Negotiation'],
  },
};

describe('career levels', () => {
  it('directors and admins define them; codes are unique', async () => {
    expect((await cl.leadA!.post('/api/v1/career-levels', SENIOR)).statusCode).toBe(403);
    expect(
      (await cl.admin!.post('/api/v1/career-levels', { code: 'junior', name: 'Junior', rank: 1 })).statusCode,
    ).toBe(201);
    const res = await cl.admin!.post('/api/v1/career-levels', SENIOR);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual(SENIOR);
    expect((await cl.director!.post('/api/v1/career-levels', SENIOR)).json().error.code).toBe('level_exists');
    await cl.admin!.post('/api/v1/career-levels', { code: 'key_account', name: 'KA', rank: 3 });
    const patched = await cl.director!.patch('/api/v1/career-levels/key_account', { name: 'Key account' });
    expect(patched.json()).toMatchObject({ code: 'key_account', name: 'Key account', rank: 3 });
    expect((await cl.director!.patch('/api/v1/career-levels/nope', { name: 'x' })).statusCode).toBe(404);
    await cl.admin!.post('/api/v1/career-levels', { code: 'temp', name: 'Temp', rank: 9 });
    expect((await cl.admin!.delete('/api/v1/career-levels/temp')).statusCode).toBe(204);
    const list = (await cl.m1!.get('/api/v1/career-levels')).json().data;
    expect(list.map((l: { code: string }) => l.code)).toEqual(['junior', 'senior', 'key_account']);
  });
});

describe('training records', () => {
  it('the lead records their members’ training; not one’s own; scoped reads', async () => {
    const rec = (who: keyof TestOrg['users'], course: string, hours: number, result: string) => ({
      managerId: org.users[who].id,
      course,
      completedOn: '2026-03-20',
      hours,
      result,
    });
    expect(
      (await cl.m1!.post('/api/v1/training-records', rec('m1', 'Negotiation', 8, 'passed'))).statusCode,
    ).toBe(403);
    expect(
      (await cl.leadB!.post('/api/v1/training-records', rec('m1', 'Negotiation', 8, 'passed'))).statusCode,
    ).toBe(404);
    const res = await cl.leadA!.post('/api/v1/training-records', rec('m1', 'Negotiation', 8, 'passed'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      course: 'Negotiation',
      hours: 8,
      result: 'passed',
      managerName: org.users.m1.name,
    });
    await cl.leadA!.post('/api/v1/training-records', rec('m1', 'Compliance', 4, 'attended'));
    await cl.leadA!.post('/api/v1/training-records', rec('m2', 'Negotiation', 12, 'failed'));
    expect((await cl.m1!.get('/api/v1/training-records')).json().data).toHaveLength(2);
    expect((await cl.leadA!.get('/api/v1/training-records')).json().data).toHaveLength(3);
    expect((await cl.leadB!.get('/api/v1/training-records')).json().data).toHaveLength(0);
    expect((await cl.m2!.get(`/api/v1/training-records?managerId=${org.users.m1.id}`)).statusCode).toBe(404);
  });
});

describe('promotion eligibility', () => {
  type Row = { managerId: string; eligible: boolean; lacking: object[]; nextLevel: { code: string } | null };
  it('says who is eligible for the next level and what each lacks', async () => {
    const res = await cl.leadA!.get(
      `/api/v1/career/eligibility?teamId=${org.team.a}&from=2026-04-01&to=2026-04-30`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const rows = Object.fromEntries(res.json().data.map((r: Row) => [r.managerId, r]));
    const { m1, m2, m3 } = org.users;
    expect(Object.keys(rows).sort()).toEqual([m1.id, m2.id, m3.id].sort());
    // m1: 15 months (hired 15 Jan 2025), sales 1270 ≥ 1000, 3 complaints ≤ 3, 8 + 4 h, Negotiation passed
    expect(rows[m1.id]).toMatchObject({
      level: 'junior',
      currentLevel: { code: 'junior' },
      nextLevel: { code: 'senior' },
      eligible: true,
      lacking: [],
      tenureMonths: 15,
      trainingHours: 12,
    });
    // m2: 4 months, sales 500, no complaint (0 ≤ 3 is met), the failed course counts for nothing
    expect(rows[m2.id]).toMatchObject({
      eligible: false,
      tenureMonths: 4,
      trainingHours: 0,
      lacking: [
        { criterion: 'tenure', required: 12, actual: 4 },
        { criterion: 'kpi', kpi: 'sales_amount', required: 1000, actual: 500, direction: 'higher' },
        { criterion: 'training_hours', required: 10, actual: 0 },
        { criterion: 'course', course: 'Negotiation' },
      ],
    });
    // m3: no hire date → tenure unknown
    expect((rows[m3.id] as Row).lacking[0]).toEqual({ criterion: 'tenure', required: 12, actual: null });
  });

  it('the top level has no next; scope and the default period', async () => {
    const b = await cl.leadB!.get('/api/v1/career/eligibility');
    expect(b.json()).toMatchObject({
      from: '2025-05-01',
      to: '2026-04-30',
      data: [{ managerId: org.users.m4.id, nextLevel: null, eligible: false, lacking: [] }],
    });
    expect((await cl.leadB!.get(`/api/v1/career/eligibility?teamId=${org.team.a}`)).statusCode).toBe(404);
    const mine = (await cl.m1!.get('/api/v1/career/eligibility')).json().data;
    expect(mine.map((r: Row) => r.managerId)).toEqual([org.users.m1.id]);
  });
});
