import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';
import { loadCdnow } from '../../../../../packages/core/test-support/cdnow.js';
import { queryRows } from '../../db/client.js';
import { complaints, customers, organizations, surveySends, surveyTemplates } from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';
import { HISTORY_CLV_STEP, HISTORY_P_ALIVE_STEP } from './refresh-job.js';

// The CDNOW sample (shared/data/README.md) loaded as one organization's orders through
// POST /orders/bulk, then value-refresh as of 1997-09-30 in weeks must reproduce the published fits.
let t: TestApp;
let org: TestOrg;
let admin: Client;
let m1: Client;
let lead: Client;
const idOf = new Map<string, string>(); // CDNOW sample id → customer id
let known = ''; // a repeat buyer owned by m1
let pool = ''; // a customer without an owner
let firstModel: Record<string, unknown> = {};
const SLOW = 240_000;

async function runRefresh(body: object) {
  const res = await admin.post('/api/v1/jobs/value-refresh/run', body);
  expect(res.statusCode, res.body).toBe(202);
  const { jobId } = res.json();
  for (let i = 0; i < 2400; i++) {
    const job = (await admin.get(`/api/v1/jobs/${jobId}`)).json();
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('value-refresh did not finish');
}

beforeAll(async () => {
  t = await buildTestApp({}, { jobs: true });
  org = await createTestOrg(t.deps.db, 'CDNOW');
  await t.deps.db.update(organizations).set({ timeZone: 'UTC' }).where(eq(organizations.id, org.orgId));
  admin = await login(t.app, org.users.admin.email);
  m1 = await login(t.app, org.users.m1.email);
  lead = await login(t.app, org.users.leadA.email);
  const rows = loadCdnow();
  const sampleIds = [...new Set(rows.map((r) => r.customerId))];
  expect(sampleIds).toHaveLength(2357);
  // Every 10th customer belongs to manager m1; the rest are in the pool.
  const values = sampleIds.map((sid, i) => {
    const id = newId();
    idOf.set(sid, id);
    const owned = i % 10 === 0;
    return {
      orgId: org.orgId,
      id,
      name: `CDNOW ${sid}`,
      nameNorm: `cdnow${sid}`,
      externalId: sid,
      ownerId: owned ? org.users.m1.id : null,
      teamId: owned ? org.team.a : null,
      createdAt: new Date('1996-12-01T00:00:00Z'),
    };
  });
  for (let i = 0; i < values.length; i += 500)
    await t.deps.db.insert(customers).values(values.slice(i, i + 500));
  const orders = rows.map((r, i) => ({
    customerExternalId: r.customerId,
    orderedAt: r.date,
    amount: r.amount,
    currency: 'USD',
    externalId: `cdnow-${i}`,
  }));
  const res = await admin.post('/api/v1/orders/bulk', { orders });
  expect(res.json()).toMatchObject({ created: 6919, updated: 0, errors: [] });
  // A repeat buyer owned by m1 (several purchase days in calibration), and a pool customer.
  const days = new Map<string, Set<string>>();
  for (const r of rows)
    if (r.date <= '1997-09-30') days.set(r.customerId, (days.get(r.customerId) ?? new Set()).add(r.date));
  const ownedSid = sampleIds.find((sid, i) => i % 10 === 0 && (days.get(sid)?.size ?? 0) >= 4)!;
  known = idOf.get(ownedSid)!;
  pool = idOf.get(sampleIds[1]!)!;
}, SLOW);
afterAll(() => t.close());

describe('value-refresh on the CDNOW sample', () => {
  it('validates its options', async () => {
    const bad = await admin.post('/api/v1/jobs/value-refresh/run', { unit: 'year', annualDiscountRate: -1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual([
      'unit',
      'annualDiscountRate',
    ]);
    expect((await m1.post('/api/v1/jobs/value-refresh/run', {})).statusCode).toBe(403);
    expect((await admin.get('/api/v1/analytics/clv/model')).statusCode).toBe(404);
  });

  it('answers nulls and says so for a customer never scored', async () => {
    const v = (await admin.get(`/api/v1/customers/${known}/value`)).json();
    expect(v.rfm).toEqual({ r: null, f: null, m: null, segment: null });
    expect(v.clv.value).toBeNull();
    expect(v.explanation.text).toMatch(/Not scored yet/);
  });

  it(
    'reproduces the published BG/NBD and Gamma-Gamma fits end to end (weeks, calibration to 1997-09-30)',
    async () => {
      const started = Date.now();
      const job = await runRefresh({ asOf: '1997-09-30', unit: 'week' });
      expect(job.status, job.error).toBe('succeeded');
      expect(job.options.asOf).toBe('1997-09-30T23:59:59.999Z');
      expect(job.progress).toBe(1);
      expect(job.result).toMatchObject({ customers: 2357, fitted: true });
      expect(job.result.alertsOpened).toBeGreaterThan(0);
      console.log(`value-refresh on CDNOW (${t.deps.dbKind}): ${Date.now() - started} ms`, job.result);

      const model = (await admin.get('/api/v1/analytics/clv/model')).json();
      firstModel = model;
      expect(model).toMatchObject({ model: 'bg-nbd', unit: 'week', customers: 2357, repeatBuyers: 946 });
      expect(model.asOf).toBe('1997-09-30T23:59:59.999Z');
      const near = (v: number, want: number, tol: number) => expect(Math.abs(v / want - 1)).toBeLessThan(tol);
      near(model.params.r, 0.243, 0.02);
      near(model.params.alpha, 4.414, 0.02);
      near(model.params.a, 0.793, 0.02);
      near(model.params.b, 2.426, 0.02);
      expect(Math.abs(model.logLikelihood - -9582.4)).toBeLessThan(1);
      expect(model.spend.model).toBe('gamma-gamma');
      near(model.spend.params.p, 6.25, 0.03);
      near(model.spend.params.q, 3.74, 0.03);
      near(model.spend.params.gamma, 15.44, 0.03);
    },
    SLOW,
  );

  it("leaves the value of each owner's book: the CLV it wrote, summed by owner (decision 0066)", async () => {
    const asOf = '1997-09-30T23:59:59.999Z';
    const sums = await queryRows<{ owner_id: string | null; clv: number; n: number }>(
      t.deps.db,
      sql`select c.owner_id, sum(s.clv)::float8 as clv, count(*)::int as n
            from customer_scores s join customers c on c.org_id = s.org_id and c.id = s.customer_id
           where s.org_id = ${org.orgId} and s.as_of = ${asOf}::timestamptz
           group by c.owner_id order by c.owner_id nulls last`,
    );
    const snap = await queryRows<{ owner_id: string | null; clv: number; customers: number }>(
      t.deps.db,
      sql`select owner_id, clv, customers from book_value_snapshots
           where org_id = ${org.orgId} and as_of = ${asOf}::timestamptz order by owner_id nulls last`,
    );
    // Every 10th customer is m1's, the rest the pool's.
    expect(snap.map((r) => [r.owner_id, r.customers])).toEqual([
      [org.users.m1.id, 236],
      [null, 2121],
    ]);
    expect(snap.map((r) => [r.owner_id, r.customers])).toEqual(sums.map((r) => [r.owner_id, r.n]));
    snap.forEach((r, i) => expect(r.clv).toBeCloseTo(sums[i]!.clv, 6));
    expect(snap[0]!.clv).toBeGreaterThan(0);
    // The book_value KPI of September 1997 is m1's sum.
    const kpis = await admin.get(
      `/api/v1/kpis?subject=manager:${org.users.m1.id}&from=1997-09-01&to=1997-09-30`,
    );
    const value = kpis.json().data.find((k: { kpi: string }) => k.kpi === 'book_value').value;
    expect(value).toBeCloseTo(snap[0]!.clv, 2);
    // Before the refresh there was no book value.
    const before = await admin.get(
      `/api/v1/kpis?subject=manager:${org.users.m1.id}&from=1997-08-01&to=1997-08-31`,
    );
    expect(before.json().data.find((k: { kpi: string }) => k.kpi === 'book_value').value).toBeNull();
  });

  it('scores a customer: RFM, tier, stage, P(alive), CLV and an explanation naming the inputs', async () => {
    const v = (await m1.get(`/api/v1/customers/${known}/value`)).json();
    expect(v.rfm.r).toBeGreaterThanOrEqual(1);
    expect(v.rfm.f).toBeGreaterThanOrEqual(1);
    expect(typeof v.rfm.segment).toBe('string');
    expect(['A', 'B', 'C', 'D']).toContain(v.tier);
    expect(v.tierSource).toBe('rule');
    expect(v.clv.pAlive).toBeGreaterThan(0);
    expect(v.clv.pAlive).toBeLessThanOrEqual(1);
    expect(v.clv.value).toBeGreaterThanOrEqual(0);
    expect(v.clv.expectedPurchases).toBeGreaterThan(0);
    expect(v.clv.horizon).toBe(52);
    expect(v.unit).toBe('week');
    expect(v.history).toHaveLength(1);
    expect(v.explanation.text).toMatch(/RFM segment/);
    const clv = v.explanation.parts.find((p: { score: string }) => p.score === 'clv');
    expect(Object.keys(clv.inputs).sort()).toEqual(['T', 'monetary', 'tx', 'x']);
    expect(v.explanation.parts.map((p: { score: string }) => p.score)).toEqual([
      'rfm',
      'tier',
      'lifecycle',
      'clv',
      'churn',
    ]);
    const customer = (await m1.get(`/api/v1/customers/${known}`)).json();
    expect(customer.tier).toBe(v.tier);
    expect(customer.stage).toBe(v.stage);
    const changes = await queryRows<{ field: string; actor_id: string | null }>(
      t.deps.db,
      sql`select field, actor_id from field_history where org_id = ${org.orgId} and entity_id = ${known}`,
    );
    expect(changes.map((c) => c.field).sort()).toEqual(['stage', 'tier']);
    expect(changes.every((c) => c.actor_id === null)).toBe(true);
    // Outside the manager's scope: 404.
    expect((await m1.get(`/api/v1/customers/${pool}/value`)).statusCode).toBe(404);
  });

  it('opens churn alerts with a retention task and a notification for the owner', async () => {
    const alerts = await queryRows<{ customer_id: string; owner_id: string | null; task_id: string | null }>(
      t.deps.db,
      sql`select customer_id, owner_id, task_id from churn_alerts where org_id = ${org.orgId} and status = 'open'`,
    );
    const owned = alerts.filter((a) => a.owner_id === org.users.m1.id);
    expect(owned.length).toBeGreaterThan(0);
    expect(owned.every((a) => a.task_id !== null)).toBe(true);
    expect(alerts.filter((a) => a.owner_id === null).every((a) => a.task_id === null)).toBe(true);
    const tasks = (await m1.get('/api/v1/tasks?type=retention&limit=500')).json().data;
    expect(tasks.length).toBe(owned.length);
    expect(tasks[0]).toMatchObject({ type: 'retention', assigneeId: org.users.m1.id, status: 'open' });
    // The organization works in Chinese: the task reads in Chinese.
    expect(tasks[0].title).toMatch(/^挽留客户：CDNOW /);
    const notes = await queryRows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from notifications where org_id = ${org.orgId} and kind = 'churn_alert' and user_id = ${org.users.m1.id}`,
    );
    expect(notes[0]!.n).toBe(owned.length);
  });

  it('overrides a tier by hand (leads and up), recorded in history', async () => {
    expect(
      (await m1.put(`/api/v1/customers/${known}/tier-override`, { tier: 'A', reason: 'x' })).statusCode,
    ).toBe(403);
    expect(
      (await lead.put(`/api/v1/customers/${pool}/tier-override`, { tier: 'A', reason: 'x' })).statusCode,
    ).toBe(404);
    const v = (await admin.get(`/api/v1/customers/${known}/value`)).json();
    const want = v.tier === 'A' ? 'D' : 'A';
    const res = await lead.put(`/api/v1/customers/${known}/tier-override`, {
      tier: want,
      reason: 'strategic account',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ tier: want, reason: 'strategic account', by: org.users.leadA.id });
    expect((await m1.get(`/api/v1/customers/${known}`)).json().tier).toBe(want);
    const hist = (await m1.get(`/api/v1/customers/${known}/history`)).json().data;
    expect(hist.some((h: { field: string }) => h.field === 'tierOverride')).toBe(true);
  });

  it(
    'ignores orders after asOf, keeps overrides, and does not duplicate alerts on a second run',
    async () => {
      const late = await admin.post('/api/v1/orders/bulk', {
        orders: [
          { customerId: known, orderedAt: '1997-10-01T00:00:00Z', amount: 1000, externalId: 'late-1' },
        ],
      });
      expect(late.json().created).toBe(1);
      const before = (await admin.get(`/api/v1/customers/${known}/value`)).json();
      const job = await runRefresh({ asOf: '1997-09-30', unit: 'week' });
      expect(job.status, job.error).toBe('succeeded');
      expect(job.result).toMatchObject({
        customers: 2357,
        alertsOpened: 0,
        tiersChanged: 0,
        stagesChanged: 0,
      });
      const model = (await admin.get('/api/v1/analytics/clv/model')).json();
      expect(model.params).toEqual(firstModel.params);
      expect(model.spend).toEqual(firstModel.spend);
      expect(model.logLikelihood).toBe(firstModel.logLikelihood);
      const after = (await admin.get(`/api/v1/customers/${known}/value`)).json();
      expect(after.tier).toBe(before.tier);
      expect(after.tierSource).toBe('override');
      expect(after.rfm).toEqual(before.rfm);
      expect(after.clv).toEqual(before.clv);
      const open = await queryRows<{ n: number }>(
        t.deps.db,
        sql`select count(*)::int as n from tasks where org_id = ${org.orgId} and type = 'retention'`,
      );
      expect(open[0]!.n).toBe((await m1.get('/api/v1/tasks?type=retention&limit=500')).json().data.length);
      // Clearing the override returns to the rule's tier.
      expect((await lead.delete(`/api/v1/customers/${known}/tier-override`)).statusCode).toBe(204);
      const cleared = (await admin.get(`/api/v1/customers/${known}/value`)).json();
      expect(cleared.tier).toBe(cleared.ruleTier);
      expect(cleared.tierSource).toBe('rule');
    },
    SLOW,
  );
});

describe('value-refresh keeps score history as scores move (decision 0062)', () => {
  type Point = { customer_id: string; p_alive: number | null; clv: number | null };
  const pointsAt = (asOf: string) =>
    queryRows<Point>(
      t.deps.db,
      sql`select customer_id, p_alive, clv from score_history
           where org_id = ${org.orgId} and as_of = ${asOf}::timestamptz`,
    );
  const moved = (now: Point, last: Point) =>
    Math.abs((now.p_alive ?? -1) - (last.p_alive ?? -1)) >= HISTORY_P_ALIVE_STEP ||
    Math.abs((now.clv ?? -1) - (last.clv ?? -1)) >= HISTORY_CLV_STEP * Math.max(Math.abs(last.clv ?? 0), 1);

  it(
    'writes a point only for customers whose P(alive) or CLV moved a step since their last point',
    async () => {
      const base = await pointsAt('1997-09-30T23:59:59.999Z');
      expect(base).toHaveLength(2357);
      const last = new Map(base.map((b) => [b.customer_id, b]));
      const written: Record<string, string[]> = {};
      // The next day (the customer `known` bought on 1997-10-01), then two weeks on.
      for (const asOf of ['1997-10-01', '1997-10-15']) {
        const job = await runRefresh({ asOf, unit: 'week' });
        expect(job.status, job.error).toBe('succeeded');
        const scores = await queryRows<Point>(
          t.deps.db,
          sql`select customer_id, p_alive, clv from customer_scores where org_id = ${org.orgId}`,
        );
        const expected = scores.filter((s) => moved(s, last.get(s.customer_id)!));
        const points = await pointsAt(`${asOf}T23:59:59.999Z`);
        written[asOf] = points.map((p) => p.customer_id).sort();
        expect(written[asOf]).toEqual(expected.map((s) => s.customer_id).sort());
        // Each point is the customer's score of that run.
        const now = new Map(scores.map((s) => [s.customer_id, s]));
        for (const p of points) {
          expect([p.p_alive, p.clv]).toEqual([now.get(p.customer_id)!.p_alive, now.get(p.customer_id)!.clv]);
          last.set(p.customer_id, p);
        }
      }
      // In one day few customers' scores move a step; the buyer's does. Over two weeks more do.
      expect(written['1997-10-01']).toContain(known);
      expect(written['1997-10-01']!.length).toBeLessThan(2357 / 4);
      expect(written['1997-10-15']!.length).toBeGreaterThan(written['1997-10-01']!.length);
      expect(written['1997-10-15']!.length).toBeLessThan(2357);
      // A customer's value history shows its points, oldest first.
      const v = (await m1.get(`/api/v1/customers/${known}/value`)).json();
      const want = [
        '1997-09-30',
        '1997-10-01',
        ...(written['1997-10-15']!.includes(known) ? ['1997-10-15'] : []),
      ];
      expect(v.history.map((h: { asOf: string }) => h.asOf.slice(0, 10))).toEqual(want);

      // A re-run as of an earlier moment writes its points but leaves each customer's last point
      // where it was, so the next night still compares with the latest one.
      const rerun = await runRefresh({ asOf: '1997-10-08', unit: 'week' });
      expect(rerun.status, rerun.error).toBe('succeeded');
      const markers = await queryRows<{ customer_id: string; history_as_of: Date }>(
        t.deps.db,
        sql`select customer_id, history_as_of from customer_scores where org_id = ${org.orgId}`,
      );
      const marker = new Map(markers.map((m) => [m.customer_id, new Date(m.history_as_of).toISOString()]));
      expect(written['1997-10-15']!.length).toBeGreaterThan(0);
      for (const id of written['1997-10-15']!) expect(marker.get(id)).toBe('1997-10-15T23:59:59.999Z');
      expect((await pointsAt('1997-10-08T23:59:59.999Z')).length).toBeGreaterThan(0);
    },
    SLOW,
  );
});

describe('value-refresh follows churn alerts to an outcome', () => {
  it('closes an alert as retained once the customer buys again', async () => {
    const o2 = await createTestOrg(t.deps.db, 'Churn');
    const a2 = await login(t.app, o2.users.admin.email);
    const owner = { id: o2.users.m1.id, teamId: o2.team.a };
    const c = await insertCustomer(t.deps.db, o2.orgId, owner, {
      createdAt: new Date('2025-01-01T00:00:00Z'),
    });
    const d = await insertCustomer(t.deps.db, o2.orgId, owner, {
      createdAt: new Date('2025-01-01T00:00:00Z'),
    });
    // Monthly buyer who stopped in April; another who keeps buying.
    const months = ['2025-01-10', '2025-02-10', '2025-03-10', '2025-04-10'];
    await a2.post('/api/v1/orders/bulk', {
      orders: [
        ...months.map((m) => ({ customerId: c.id, orderedAt: m, amount: 100 })),
        ...[...months, '2025-05-10', '2025-06-10'].map((m) => ({
          customerId: d.id,
          orderedAt: m,
          amount: 50,
        })),
      ],
    });
    const run = async (asOf: string) => {
      const res = await a2.post('/api/v1/jobs/value-refresh/run', { asOf, unit: 'week' });
      const { jobId } = res.json();
      for (let i = 0; i < 600; i++) {
        const job = (await a2.get(`/api/v1/jobs/${jobId}`)).json();
        if (job.status === 'succeeded' || job.status === 'failed') return job;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('not finished');
    };
    const first = await run('2025-06-20');
    expect(first.status, first.error).toBe('succeeded');
    const alerts = async () =>
      queryRows<{ customer_id: string; status: string; reasons: { code: string }[] }>(
        t.deps.db,
        sql`select customer_id, status, reasons from churn_alerts where org_id = ${o2.orgId}`,
      );
    const opened = await alerts();
    expect(opened.map((a) => [a.customer_id, a.status])).toEqual([[c.id, 'open']]);
    expect(opened[0]!.reasons.map((r) => r.code)).toContain('overdue_vs_usual_interval');
    const v = (await a2.get(`/api/v1/customers/${c.id}/value`)).json();
    expect(v.openChurnAlert.reasons[0].code).toBe('overdue_vs_usual_interval');
    await a2.post('/api/v1/orders/bulk', {
      orders: [{ customerId: c.id, orderedAt: '2025-06-25', amount: 80 }],
    });
    const second = await run('2025-06-30');
    expect(second.result.alertsOpened).toBe(0);
    expect((await alerts()).map((a) => [a.customer_id, a.status])).toEqual([[c.id, 'retained']]);
  }, 120_000);

  it('alerts on recent complaints and a satisfaction drop for a customer who keeps buying', async () => {
    const o3 = await createTestOrg(t.deps.db, 'Churn signals');
    const a3 = await login(t.app, o3.users.admin.email);
    const owner = { id: o3.users.m1.id, teamId: o3.team.a };
    const created = new Date('2024-01-01T00:00:00Z');
    const unhappy = await insertCustomer(t.deps.db, o3.orgId, owner, { createdAt: created });
    const content = await insertCustomer(t.deps.db, o3.orgId, owner, { createdAt: created });
    const months = ['2025-01-10', '2025-02-10', '2025-03-10', '2025-04-10', '2025-05-10', '2025-06-10'];
    await a3.post('/api/v1/orders/bulk', {
      orders: [unhappy, content].flatMap((c) =>
        months.map((m) => ({ customerId: c.id, orderedAt: m, amount: 100 })),
      ),
    });
    // Two complaints in the last 90 days (one older one does not count), and CSAT falling from 5 to 2.
    const complaint = (customerId: string, at: string) => ({
      orgId: o3.orgId,
      id: newId(),
      customerId,
      channel: 'phone',
      category: 'quality',
      severity: 'medium',
      description: 'Late delivery',
      firstResponseDueAt: new Date(at),
      resolutionDueAt: new Date(at),
      createdAt: new Date(at),
      updatedAt: new Date(at),
    });
    await t.deps.db
      .insert(complaints)
      .values([
        complaint(unhappy.id, '2025-05-02T08:00:00Z'),
        complaint(unhappy.id, '2025-06-01T08:00:00Z'),
        complaint(content.id, '2025-01-05T08:00:00Z'),
      ]);
    const templateId = newId();
    await t.deps.db.insert(surveyTemplates).values({
      orgId: o3.orgId,
      id: templateId,
      name: 'CSAT',
      kind: 'csat',
      createdAt: created,
      updatedAt: created,
    });
    const answer = (customerId: string, at: string, score: number) => ({
      orgId: o3.orgId,
      id: newId(),
      templateId,
      customerId,
      token: newId(),
      trigger: 'manual',
      sentAt: new Date(at),
      expiresAt: new Date('2026-01-01T00:00:00Z'),
      answeredAt: new Date(at),
      score,
    });
    await t.deps.db
      .insert(surveySends)
      .values([
        answer(unhappy.id, '2024-10-01T00:00:00Z', 5),
        answer(unhappy.id, '2025-05-20T00:00:00Z', 2),
        answer(content.id, '2024-10-01T00:00:00Z', 4),
        answer(content.id, '2025-05-20T00:00:00Z', 4),
      ]);
    const res = await a3.post('/api/v1/jobs/value-refresh/run', { asOf: '2025-06-20', unit: 'week' });
    const { jobId } = res.json();
    let job: { status: string; error?: string } = { status: 'queued' };
    for (let i = 0; i < 600 && job.status !== 'succeeded' && job.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await a3.get(`/api/v1/jobs/${jobId}`)).json();
    }
    expect(job.status, job.error).toBe('succeeded');
    const alerts = await queryRows<{ customer_id: string; reasons: { code: string; value: number }[] }>(
      t.deps.db,
      sql`select customer_id, reasons from churn_alerts where org_id = ${o3.orgId}`,
    );
    expect(alerts.map((a) => a.customer_id)).toEqual([unhappy.id]);
    const reasons = Object.fromEntries(alerts[0]!.reasons.map((r) => [r.code, r.value]));
    expect(reasons).toEqual({ recent_complaints: 2, satisfaction_drop: -3 });
  }, 120_000);

  it('scores a tiny organization with single-purchase customers', async () => {
    const o4 = await createTestOrg(t.deps.db, 'Tiny');
    const a4 = await login(t.app, o4.users.admin.email);
    const owner = { id: o4.users.m1.id, teamId: o4.team.a };
    const created = new Date('2024-01-01T00:00:00Z');
    const cs = [];
    for (let i = 0; i < 4; i++)
      cs.push(await insertCustomer(t.deps.db, o4.orgId, owner, { createdAt: created }));
    const days: Record<number, string[]> = {
      0: ['2024-02-01'],
      1: ['2024-03-01'],
      2: ['2024-02-01', '2024-02-15', '2024-03-01', '2024-03-20', '2024-04-05'],
      3: ['2024-05-01', '2024-05-02'],
    };
    await a4.post('/api/v1/orders/bulk', {
      orders: cs.flatMap((c, i) => days[i]!.map((d) => ({ customerId: c.id, orderedAt: d, amount: 10 + i }))),
    });
    const res = await a4.post('/api/v1/jobs/value-refresh/run', { asOf: '2024-06-30', unit: 'week' });
    const { jobId } = res.json();
    let job: { status: string; error?: string; result?: { customers: number } } = { status: 'queued' };
    for (let i = 0; i < 600 && job.status !== 'succeeded' && job.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await a4.get(`/api/v1/jobs/${jobId}`)).json();
    }
    expect(job.status, job.error).toBe('succeeded');
    expect(job.result!.customers).toBe(4);
    const single = (await a4.get(`/api/v1/customers/${cs[0]!.id}/value`)).json();
    expect(single.rfm.f).toBeGreaterThanOrEqual(1);
    if (single.clv.pAlive !== null) expect(single.clv.pAlive).toBeGreaterThan(0);
  }, 120_000);
});
