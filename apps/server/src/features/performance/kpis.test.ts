import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, lte } from 'drizzle-orm';
import { KPI_KEYS } from '@steward/core';
import { KPI_KEY_LIST } from '@steward/contracts';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, type TestOrg } from '../../../test/factories.js';
import {
  bookValueSnapshots,
  customerScores,
  organizations,
  scoreHistory,
  valueModels,
} from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';
import { kpiValues, seedKpiScenario } from './kpi-scenario.js';

let t: TestApp;
let org: TestOrg;
let other: TestOrg;
let ids: Awaited<ReturnType<typeof seedKpiScenario>>;
const cl: Record<string, Client> = {};
const ROLES = ['admin', 'director', 'leadA', 'm1', 'm2', 'agent', 'analyst'] as const;
const APRIL = 'from=2026-04-01&to=2026-04-30';

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  other = await createTestOrg(t.deps.db, 'Other Org');
  ids = await seedKpiScenario(t.deps.db, org);
  for (const k of ROLES) cl[k] = await login(t.app, org.users[k].email);
  t.setNow(new Date('2026-05-10T00:00:00Z'));
});
afterAll(() => t.close());

const kpis = (who: string, subject: string, period = APRIL) => kpiValues(cl[who]!, subject, period);
const manager = (k: keyof TestOrg['users']) => `manager:${org.users[k].id}`;

describe('GET /kpis on a hand-made April (Asia/Shanghai)', () => {
  it('answers every KPI of API.md with its unit, in registry order', async () => {
    const res = await cl.admin!.get(`/api/v1/kpis?subject=organization&${APRIL}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.data.map((k: { kpi: string }) => k.kpi)).toEqual([...KPI_KEYS]);
    expect([...KPI_KEY_LIST]).toEqual([...KPI_KEYS]);
    expect(body).toMatchObject({
      subject: 'organization',
      from: '2026-04-01',
      to: '2026-04-30',
      timeZone: 'Asia/Shanghai',
    });
    const unit = Object.fromEntries(body.data.map((k: { kpi: string; unit: string }) => [k.kpi, k.unit]));
    expect(unit).toMatchObject({
      sales_amount: 'CNY',
      book_value: 'CNY',
      order_count: 'count',
      retention_rate: 'ratio',
      nps: 'nps',
      first_response_hours_median: 'hours',
    });
  });

  it('credits each order to the owner at the moment of the order; moving a customer keeps past sales', async () => {
    // m1: C1 on 10 April (before the move) 1000 + C2 1 April 00:30 local 70 + C2 30 April 23:30 local 200
    expect(await kpis('m1', manager('m1'))).toMatchObject({ sales_amount: 1270, order_count: 3 });
    // m2: only C1's order after the move on 15 April
    expect(await kpis('admin', manager('m2'))).toMatchObject({ sales_amount: 500, order_count: 1 });
    // m3: C3 has no history rows: its current owner
    expect(await kpis('admin', manager('m3'))).toMatchObject({ sales_amount: 400, order_count: 1 });
    // m4: claimed C4 from the pool on 12 April: the order of 8 April is nobody's
    expect(await kpis('admin', manager('m4'))).toMatchObject({ sales_amount: 120, order_count: 1 });
    // team A = m1 + m2 + m3 (sub-team A1); the organization counts every order, pool included
    expect(await kpis('leadA', `team:${org.team.a}`)).toMatchObject({ sales_amount: 2170, order_count: 5 });
    expect(await kpis('admin', `team:${org.team.b}`)).toMatchObject({ sales_amount: 120, order_count: 1 });
    expect(await kpis('admin', 'organization')).toMatchObject({ sales_amount: 2370, order_count: 7 });
  });

  it('every other KPI of m1, computed by hand', async () => {
    expect(await kpis('m1', manager('m1'))).toEqual({
      sales_amount: 1270,
      order_count: 3,
      new_customers: 1, // C5 (3 April); the one created 1 May 00:30 local is May's
      retention_rate: 0.6667, // live on 31 March: C1, C2, C8; C8 churned on 7 April → 2 of 3 retained
      churn_rate: 0.3333,
      avg_satisfaction: 4.5, // 5 and 4; the 2 answered 1 May local is May's
      nps: 25, // 10, 9, 7, 3 → (2 − 1) / 4
      complaint_count: 3, // the one raised in March is not April's
      first_response_hours_median: 2, // 2, 6, 1 h
      resolution_hours_median: 60, // 24, 60 and 144 h (raised in March, resolved in April)
      visit_completion_rate: 0.3333, // on time, late (00:30 next day), never; cancelled left out
      task_on_time_rate: 0.5, // the 3 visits + an early call; the May call is not due in April
      profile_completeness: 60, // book at the end of April: C2 80, C5 40, C8 60 (C1 moved to m2)
      book_value: 1750, // the refresh of 28 April (C2 1000, C5 500, C8 250); the 5 May one is later
    });
  });

  it("periods before the first book value snapshot read each customer's scores (refreshes before migration 0021)", async () => {
    // As an organization upgraded with a refresh of 1 April and scores from then on, and its
    // first snapshot taken on 5 May: April keeps the value it had, from each customer's scores.
    const d = (iso: string) => new Date(iso);
    const point = (customerId: string, asOf: string, clv: number) => ({
      orgId: org.orgId,
      customerId,
      asOf: d(asOf),
      clv,
    });
    const model = newId();
    await t.deps.db.insert(valueModels).values({
      orgId: org.orgId,
      id: model,
      params: { r: 1, alpha: 1, a: 1, b: 1 },
      logLikelihood: -1,
      spendParams: { p: 1, q: 2, gamma: 1 },
      unit: 'week',
      horizon: 52,
      annualDiscountRate: 0.1,
      asOf: d('2026-04-01T00:00:00Z'),
      customers: 1,
      repeatBuyers: 1,
      createdAt: d('2026-04-01T00:00:00Z'),
    });
    await t.deps.db.insert(scoreHistory).values([
      point(ids.C2, '2026-04-20T00:00:00Z', 1000),
      point(ids.C2, '2026-05-05T00:00:00Z', 9999), // after April
      point(ids.C5, '2026-04-25T00:00:00Z', 500),
      point(ids.C1, '2026-05-01T00:00:00Z', 777), // C1 is m2's; its only score is of May
    ]);
    await t.deps.db.insert(customerScores).values({
      orgId: org.orgId,
      customerId: ids.C8,
      r: 1,
      f: 1,
      m: 1,
      segment: 'lost',
      recencyDays: 300,
      frequency: 1,
      monetary: 30,
      clv: 250,
      unit: 'week',
      stage: 'churned',
      tierRule: 'D',
      asOf: d('2026-04-28T00:00:00Z'),
      computedAt: d('2026-04-28T00:00:00Z'),
    });
    const before = and(
      eq(bookValueSnapshots.orgId, org.orgId),
      lte(bookValueSnapshots.asOf, d('2026-04-30T23:59:59Z')),
    );
    const kept = await t.deps.db.select().from(bookValueSnapshots).where(before);
    await t.deps.db.delete(bookValueSnapshots).where(before);
    try {
      // m1's book at the end of April: C2 1000 (20 April), C5 500, C8 250 (scores of 28 April)
      expect(await kpis('m1', manager('m1'))).toMatchObject({ book_value: 1750 });
      expect(await kpis('m2', manager('m2'))).toMatchObject({ book_value: null });
      expect(await kpis('director', 'organization')).toMatchObject({ book_value: 1750 });
      // May: the snapshot of 5 May, not the scores
      expect(await kpis('m2', manager('m2'), 'from=2026-05-01&to=2026-05-31')).toMatchObject({
        book_value: 777,
      });
    } finally {
      await t.deps.db.insert(bookValueSnapshots).values(kept);
      await t.deps.db
        .delete(valueModels)
        .where(and(eq(valueModels.orgId, org.orgId), eq(valueModels.id, model)));
      await t.deps.db.delete(scoreHistory).where(eq(scoreHistory.orgId, org.orgId));
      await t.deps.db.delete(customerScores).where(eq(customerScores.orgId, org.orgId));
    }
    expect(await kpis('m1', manager('m1'))).toMatchObject({ book_value: 1750 });
  });

  it('the team and the organization add up their members and everyone', async () => {
    expect(await kpis('leadA', `team:${org.team.a}`)).toMatchObject({
      new_customers: 1,
      retention_rate: 0.75, // C1, C2, C8 (m1) and C9 (m2) live; only C8 churned
      churn_rate: 0.25,
      avg_satisfaction: 4, // 5, 4, 3
      nps: 25,
      profile_completeness: 61.67, // C1 90, C2 80, C3 30, C5 40, C8 60, C9 70
    });
    expect(await kpis('director', 'organization')).toMatchObject({
      new_customers: 2, // C5 and C6 (created into the pool)
      retention_rate: 0.75, // C3 was already churned on 31 March: not live
      churn_rate: 0.25,
      avg_satisfaction: 4,
      nps: 0, // 10, 9, 7, 3, 0 → (2 − 2) / 5
      complaint_count: 4,
      first_response_hours_median: 2,
      resolution_hours_median: 60,
      profile_completeness: 50, // 90 80 30 20 40 10 60 70: the one created in May is not in the book yet
      book_value: 1750,
    });
  });

  it('null, not 0, for a KPI with no data', async () => {
    const m2 = await kpis('m2', manager('m2'));
    expect(m2).toMatchObject({
      new_customers: null,
      retention_rate: 1, // C9 live and kept
      churn_rate: 0,
      avg_satisfaction: 3,
      nps: null,
      complaint_count: null,
      first_response_hours_median: null,
      visit_completion_rate: null,
      task_on_time_rate: null,
      profile_completeness: 80, // C1 90, C9 70
      book_value: null, // no refresh by the end of April scored C1 or C9
    });
    // May so far (now 10 May): the refresh of 5 May; the organization counts the pool's book too
    expect(await kpis('m2', manager('m2'), 'from=2026-05-01&to=2026-05-31')).toMatchObject({
      book_value: 777,
    });
    expect(await kpis('director', 'organization', 'from=2026-05-01&to=2026-05-31')).toMatchObject({
      book_value: 11566,
    });
    const empty = await kpis('m2', manager('m2'), 'from=2020-01-01&to=2020-01-31');
    expect(Object.values(empty).every((v) => v === null)).toBe(true);
    const future = await kpis('m2', manager('m2'), 'from=2027-01-01&to=2027-12-31');
    expect(Object.values(future).every((v) => v === null)).toBe(true);
  });

  it('the current period counts only what happened so far', async () => {
    t.setNow(new Date('2026-04-20T00:00:00Z')); // 20 April 08:00 local
    try {
      const m1 = await kpis('m1', manager('m1'));
      // the 30 April order is not there yet
      expect(m1).toMatchObject({ sales_amount: 1070, order_count: 2 });
      // the visit due 20 April 10:00 local is still open but its day is not over: not judged yet
      expect(m1).toMatchObject({ visit_completion_rate: 0.5, task_on_time_rate: 0.6667 });
      // C8 churned on 7 April already; the complaint raised exactly at that moment counts (inclusive)
      expect(m1).toMatchObject({ churn_rate: 0.3333, complaint_count: 3 });
      // the refresh of 20 April 00:00Z is at that very instant: it counts, the one of 28 April not yet
      expect(m1).toMatchObject({ book_value: 1000 });
    } finally {
      t.setNow(new Date('2026-05-10T00:00:00Z'));
    }
  });

  it('periods are local days of the organization time zone', async () => {
    await t.deps.db.update(organizations).set({ timeZone: 'UTC' }).where(eq(organizations.id, org.orgId));
    try {
      // In UTC, 31 March 16:30Z is March and 30 April 16:10Z is April: C1 1000 + C2 200 + C2 300
      expect(await kpis('m1', manager('m1'))).toMatchObject({ sales_amount: 1500, order_count: 3 });
    } finally {
      await t.deps.db
        .update(organizations)
        .set({ timeZone: 'Asia/Shanghai' })
        .where(eq(organizations.id, org.orgId));
    }
    expect(await kpis('m1', manager('m1'))).toMatchObject({ sales_amount: 1270 });
    // one day: 30 April local has the 23:30 order and not the 00:10 one of 1 May
    expect(await kpis('m1', manager('m1'), 'from=2026-04-30&to=2026-04-30')).toMatchObject({
      sales_amount: 200,
      order_count: 1,
    });
    expect(await kpis('m1', manager('m1'), 'from=2026-05-01&to=2026-05-01')).toMatchObject({
      sales_amount: 300,
    });
  });
});

describe('who may read which KPIs', () => {
  const status = async (who: string, subject: string) =>
    (await cl[who]!.get(`/api/v1/kpis?subject=${subject}&${APRIL}`)).statusCode;

  it('a manager reads themself only; the organization is 403, others 404', async () => {
    expect(await status('m1', manager('m1'))).toBe(200);
    expect(await status('m1', manager('m2'))).toBe(404);
    expect(await status('m1', `team:${org.team.a}`)).toBe(404);
    expect(await status('m1', 'organization')).toBe(403);
    expect(await status('agent', manager('agent'))).toBe(200);
    expect(await status('agent', 'organization')).toBe(403);
  });

  it('a lead reads the teams they lead with sub-teams and their members', async () => {
    expect(await status('leadA', manager('m3'))).toBe(200);
    expect(await status('leadA', `team:${org.team.a1}`)).toBe(200);
    expect(await status('leadA', manager('m4'))).toBe(404);
    expect(await status('leadA', `team:${org.team.b}`)).toBe(404);
    expect(await status('leadA', 'organization')).toBe(403);
  });

  it('directors, administrators and analysts read everyone; other tenants are not found', async () => {
    expect(await status('director', `team:${org.team.b}`)).toBe(200);
    expect(await status('analyst', 'organization')).toBe(200);
    expect(await status('admin', manager('m4'))).toBe(200);
    expect(await status('admin', `manager:${other.users.m1.id}`)).toBe(404);
    expect(await status('admin', `team:${other.team.a}`)).toBe(404);
    expect(await status('admin', 'manager:00000000-0000-4000-8000-000000000000')).toBe(404);
  });

  it('bad subjects and dates are 400 with the field', async () => {
    const field = async (query: string) => {
      const res = await cl.admin!.get(`/api/v1/kpis?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      return res.json().error.details.map((x: { path: string }) => x.path);
    };
    expect(await field(`subject=everyone&${APRIL}`)).toContain('subject');
    expect(await field(`subject=manager:123&${APRIL}`)).toContain('subject');
    expect(await field('subject=organization&from=2026-02-30&to=2026-03-01')).toContain('from');
    expect(await field('subject=organization&from=2026-04-01&to=30.04.2026')).toContain('to');
    expect(await field('subject=organization&from=2026-04-30&to=2026-04-01')).toContain('to');
    expect(await field('subject=organization&from=2026-04-01')).toContain('to');
  });

  it('subjects are case-insensitive; the endpoints are in the OpenAPI document', async () => {
    const res = await cl.m1!.get(`/api/v1/kpis?subject=MANAGER:${org.users.m1.id.toUpperCase()}&${APRIL}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().subject).toBe(manager('m1'));
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const params = doc.paths['/api/v1/kpis'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['subject', 'from', 'to']));
    for (const p of [
      '/api/v1/kpis/definitions',
      '/api/v1/goals',
      '/api/v1/goals/{id}/cascade',
      '/api/v1/goals/{id}/progress',
    ])
      expect(Object.keys(doc.paths)).toContain(p);
  });

  it('GET /kpis/definitions lists the registry in both languages', async () => {
    const res = await cl.m1!.get('/api/v1/kpis/definitions');
    expect(res.statusCode).toBe(200);
    const defs = res.json().data;
    expect(defs.map((x: { key: string }) => x.key)).toEqual([...KPI_KEYS]);
    expect(defs[0]).toMatchObject({
      key: 'sales_amount',
      unit: 'currency',
      direction: 'higher',
      additive: true,
    });
    expect(defs[0].description['zh-CN']).toContain('分配历史');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/kpis/definitions' })).statusCode).toBe(401);
  });
});
