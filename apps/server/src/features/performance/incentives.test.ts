import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { seedKpiScenario } from './kpi-scenario.js';

let t: TestApp;
let org: TestOrg;
const cl: Record<string, Client> = {};
const ROLES = ['admin', 'director', 'leadA', 'leadB', 'm1', 'analyst'] as const;
const APRIL = 'from=2026-04-01&to=2026-04-30';

const V1 = {
  name: '2026 plan',
  effectiveFrom: '2026-01-01',
  rules: {
    tiers: [
      { from: 0, rate: 0.1 },
      { from: 500, rate: 0.2 },
      { from: 1000, rate: 0.3 },
    ],
    threshold: 450,
    cap: 300,
    bonusMultipliers: [
      { minScore: 0, multiplier: 1 },
      { minScore: 100, multiplier: 1.5 },
    ],
  },
};

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  await seedKpiScenario(t.deps.db, org);
  for (const k of ROLES) cl[k] = await login(t.app, org.users[k].email);
  t.setNow(new Date('2026-05-10T00:00:00Z'));
  // score = sales / 1000 × 100, capped at 150
  const tpl = await cl.admin!.post('/api/v1/scorecard-templates', {
    name: 'Sales only',
    items: [{ kpi: 'sales_amount', weight: 1, target: 1000, cap: 1.5 }],
  });
  expect(tpl.statusCode).toBe(201);
});
afterAll(() => t.close());

type Row = {
  managerId: string;
  sales: number;
  lines: object[];
  commission: number;
  score: number;
  multiplier: number;
  capped: boolean;
  total: number;
  thresholdMet: boolean;
};
const byManager = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.managerId, r]));
// By hand, April (sales from the KPI scenario: m1 1270, m2 500, m3 400, m4 120):
// m1: 500 × 10% = 50; 500 × 20% = 100; 270 × 30% = 81 → 231; score 127 → × 1.5 = 346.5 → cap 300
// m2: 500 ≥ 450: 500 × 10% = 50; score 50 → × 1 → 50
// m3: 400 < 450 → nothing; m4: 120 → nothing
const expectAprilUnderV1 = (rows: Row[]) => {
  const { m1, m2, m3, m4 } = org.users;
  const r = byManager(rows);
  expect(r[m1.id]).toMatchObject({
    sales: 1270,
    lines: [
      { from: 0, to: 500, rate: 0.1, base: 500, amount: 50 },
      { from: 500, to: 1000, rate: 0.2, base: 500, amount: 100 },
      { from: 1000, to: null, rate: 0.3, base: 270, amount: 81 },
    ],
    commission: 231,
    score: 127,
    multiplier: 1.5,
    capped: true,
    total: 300,
  });
  expect(r[m2.id]).toMatchObject({ sales: 500, commission: 50, multiplier: 1, capped: false, total: 50 });
  expect(r[m2.id]!.lines).toEqual([{ from: 0, to: 500, rate: 0.1, base: 500, amount: 50 }]);
  expect(r[m3.id]).toMatchObject({ sales: 400, thresholdMet: false, lines: [], total: 0 });
  expect(r[m4.id]).toMatchObject({ sales: 120, thresholdMet: false, total: 0 });
};

describe('commission plans', () => {
  it('directors and admins add versions; rules are checked', async () => {
    expect((await cl.leadA!.post('/api/v1/commission-plans', V1)).statusCode).toBe(403);
    const dupTier = await cl.admin!.post('/api/v1/commission-plans', {
      ...V1,
      rules: {
        ...V1.rules,
        tiers: [
          { from: 0, rate: 0.1 },
          { from: 0, rate: 0.2 },
        ],
      },
    });
    expect(dupTier.statusCode).toBe(400);
    expect(
      (await cl.admin!.post('/api/v1/commission-plans', { ...V1, rules: { tiers: [{ from: 0, rate: 2 }] } }))
        .statusCode,
    ).toBe(400);
    const res = await cl.admin!.post('/api/v1/commission-plans', V1);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ effectiveFrom: '2026-01-01', rules: V1.rules });
    const same = await cl.director!.post('/api/v1/commission-plans', { ...V1, name: 'again' });
    expect(same.statusCode).toBe(409);
    expect(same.json().error.code).toBe('plan_version_exists');
  });
});

describe('payouts', () => {
  it('computes tiers, threshold, multiplier and cap line by line', async () => {
    const res = await cl.director!.get(`/api/v1/payouts?${APRIL}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ closed: false, currency: 'CNY', plan: { name: '2026 plan' }, total: 350 });
    expectAprilUnderV1(body.data);
  });

  it('each reads only the payouts in their scope', async () => {
    const mine = (await cl.m1!.get(`/api/v1/payouts?${APRIL}`)).json();
    expect(mine.data.map((r: Row) => r.managerId)).toEqual([org.users.m1.id]);
    const b = (await cl.leadB!.get(`/api/v1/payouts?${APRIL}`)).json();
    expect(b.data.map((r: Row) => r.managerId)).toEqual([org.users.m4.id]);
  });

  it('closing freezes the period; a later plan change, earlier or later, never alters it', async () => {
    expect(
      (await cl.leadA!.post('/api/v1/payouts/close', { periodStart: '2026-04-01', periodEnd: '2026-04-30' }))
        .statusCode,
    ).toBe(403);
    const closed = await cl.admin!.post('/api/v1/payouts/close', {
      periodStart: '2026-04-01',
      periodEnd: '2026-04-30',
    });
    expect(closed.statusCode, closed.body).toBe(201);
    expect(closed.json()).toMatchObject({ closed: true, closedAt: '2026-05-10T00:00:00.000Z', total: 350 });
    const doubled = {
      tiers: V1.rules.tiers.map((x) => ({ ...x, rate: x.rate * 2 })),
      threshold: 0,
      cap: null,
    };
    const v2 = await cl.admin!.post('/api/v1/commission-plans', {
      name: 'April change',
      effectiveFrom: '2026-04-01',
      rules: doubled,
    });
    expect(v2.statusCode).toBe(201);
    await cl.admin!.post('/api/v1/commission-plans', {
      name: 'Old',
      effectiveFrom: '2025-06-01',
      rules: doubled,
    });
    await cl.admin!.post('/api/v1/commission-plans', {
      name: 'May change',
      effectiveFrom: '2026-05-01',
      rules: doubled,
    });

    const after = (await cl.director!.get(`/api/v1/payouts?${APRIL}`)).json();
    expect(after).toMatchObject({
      closed: true,
      plan: { name: '2026 plan', effectiveFrom: '2026-01-01' },
      total: 350,
    });
    expectAprilUnderV1(after.data);
    // an open period follows the version in effect on its first day
    const firstHalf = (await cl.director!.get('/api/v1/payouts?from=2026-04-01&to=2026-04-15')).json();
    expect(firstHalf).toMatchObject({ closed: false, plan: { id: v2.json().id } });
    // m1 in the first half: 70 (1 April 00:30 local) + 1000 (10 April) = 1070 under doubled rates
    // → 500 × 20% + 500 × 40% + 70 × 60% = 342; v2 has no bands → × 1; no cap
    expect(byManager(firstHalf.data)[org.users.m1.id]).toMatchObject({
      sales: 1070,
      commission: 342,
      multiplier: 1,
      total: 342,
    });
    const rows = await queryRows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from audit_log where org_id = ${org.orgId} and action = 'payout_period.close'`,
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('closed periods do not overlap; a period needs a plan in effect', async () => {
    const again = await cl.admin!.post('/api/v1/payouts/close', {
      periodStart: '2026-04-15',
      periodEnd: '2026-05-15',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('period_closed');
    const none = await cl.admin!.post('/api/v1/payouts/close', {
      periodStart: '2025-01-01',
      periodEnd: '2025-01-31',
    });
    expect(none.statusCode).toBe(422);
    expect(none.json().error.code).toBe('no_commission_plan');
  });

  it('exports the payouts to CSV and XLSX', async () => {
    const csv = await cl.director!.get(`/api/v1/payouts.csv?${APRIL}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain('payouts-2026-04-01-2026-04-30.csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'managerId,manager,sales,thresholdMet,commission,score,multiplier,capped,total,currency,breakdown',
    );
    const m1Line = lines.find((l) => l.startsWith(org.users.m1.id))!;
    expect(m1Line).toContain(',1270,true,231,127,1.5,true,300,CNY,');
    expect(m1Line).toContain('1000– × 30% on 270 = 81');

    const xlsx = await cl.m1!.get(`/api/v1/payouts.xlsx?${APRIL}`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(2); // m1 reads only their own line
    expect(ws.getRow(2).getCell(1).value).toBe(org.users.m1.id);
    expect(ws.getRow(2).getCell(9).value).toBe(300);
  });
});
