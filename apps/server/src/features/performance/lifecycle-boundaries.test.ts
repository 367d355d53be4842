import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { dayNumber } from '@steward/core';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { orders, organizations } from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';
import {
  BOUNDARY_CHUNK,
  readBoundaryChunk,
  refreshLifecycleBoundaries,
  writeBoundaryChunk,
} from './lifecycle-boundaries.js';
import { kpiValues, seedKpiScenario } from './kpi-scenario.js';

let t: TestApp;
let org: TestOrg;
let admin: Client;
const AS_OF = new Date('2026-05-10T00:00:00Z'); // 08:00 local (Asia/Shanghai)
const APRIL = 'from=2026-04-01&to=2026-04-30';

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  await seedKpiScenario(t.deps.db, org);
  admin = await login(t.app, org.users.admin.email);
  t.setNow(AS_OF);
});
afterAll(() => t.close());

const kpis = (subject: string, period = APRIL) => kpiValues(admin, subject, period);

/** Retention and churn of every subject over periods that cross the scenario's churn and win-back. */
async function retentionEverywhere() {
  const subjects = [
    'organization',
    `team:${org.team.a}`,
    `team:${org.team.b}`,
    ...(['m1', 'm2', 'm3', 'm4'] as const).map((k) => `manager:${org.users[k].id}`),
  ];
  const periods = [
    APRIL,
    'from=2026-04-01&to=2026-05-10',
    'from=2026-02-01&to=2026-04-06',
    'from=2026-05-01&to=2026-05-31',
  ];
  const out: Record<string, unknown> = {};
  for (const period of periods)
    for (const s of subjects) {
      const k = await kpis(s, period);
      out[`${s} ${period}`] = [k.retention_rate, k.churn_rate];
    }
  return out;
}

const setLifecycleTz = (tz: string | null) =>
  t.deps.db.update(organizations).set({ lifecycleTz: tz }).where(eq(organizations.id, org.orgId));
const orgTz = async () =>
  (
    await queryRows<{ tz: string }>(
      t.deps.db,
      sql`select time_zone as tz from organizations where id = ${org.orgId}`,
    )
  )[0]!.tz;

/** The answers with the stored boundaries equal those computed from the orders (boundaries unused). */
async function expectBoundariesEqualDirect() {
  const used = await retentionEverywhere();
  const [row] = await queryRows<{ tz: string | null }>(
    t.deps.db,
    sql`select lifecycle_tz as tz from organizations where id = ${org.orgId}`,
  );
  const tz = row!.tz;
  await setLifecycleTz(null);
  const direct = await retentionEverywhere();
  await setLifecycleTz(tz);
  expect(used).toEqual(direct);
}

const listed = async () =>
  (
    await queryRows<{ id: string }>(
      t.deps.db,
      sql`select customer_id as id from lifecycle_stale where org_id = ${org.orgId} order by 1`,
    )
  ).map((r) => r.id);
const customerWithOrder = async (amount: number) =>
  (
    await queryRows<{ id: string }>(
      t.deps.db,
      sql`select customer_id as id from orders where org_id = ${org.orgId} and amount = ${amount}`,
    )
  )[0]!.id;
const boundariesOf = async (customerId: string) =>
  (
    await queryRows<{ days: number[] | null }>(
      t.deps.db,
      sql`select lifecycle_days as days from customers where org_id = ${org.orgId} and id = ${customerId}`,
    )
  )[0]!.days;

/** An order of 5 for the customer at the instant; returns its id. */
async function addOrder(customerId: string, orderedAt: string) {
  const id = newId();
  await t.deps.db
    .insert(orders)
    .values({ orgId: org.orgId, id, customerId, orderedAt: new Date(orderedAt), amount: 5 });
  return id;
}

describe('stored lifecycle boundaries (decision 0063)', { timeout: 180_000 }, () => {
  it('the first run builds every customer; the hand-computed retention holds and equals the direct walk', async () => {
    const direct = await retentionEverywhere();
    // m1's April (kpis.test.ts): C1, C2, C8 live on 31 March; C8 churned on 7 April.
    expect((await kpis(`manager:${org.users.m1.id}`)).retention_rate).toBe(0.6667);
    const customers = (
      await queryRows<{ n: number }>(
        t.deps.db,
        sql`select count(*)::int as n from customers where org_id = ${org.orgId}`,
      )
    )[0]!.n;
    expect(await refreshLifecycleBoundaries(t.deps.db, org.orgId)).toEqual({ built: customers, all: true });
    expect(await listed()).toEqual([]);
    // C8's only purchase on 10 July 2025; churned 271 days later, on 7 April 2026.
    expect(await boundariesOf(await customerWithOrder(30))).toEqual([
      dayNumber('2025-07-10'),
      dayNumber('2026-04-07'),
    ]);
    expect(await retentionEverywhere()).toEqual(direct);
    // Nothing listed: a re-run builds nothing.
    expect(await refreshLifecycleBoundaries(t.deps.db, org.orgId)).toEqual({ built: 0, all: false });
  });

  it('answers are read from the stored boundaries (a tampered array shows) until the customer is listed', async () => {
    const c8 = await customerWithOrder(30);
    await t.deps.db.execute(
      sql`update customers set lifecycle_days = '{}' where org_id = ${org.orgId} and id = ${c8}`,
    );
    // C8 no longer live on 31 March: m1's base is C1 and C2, both kept.
    expect(await kpis(`manager:${org.users.m1.id}`)).toMatchObject({ retention_rate: 1, churn_rate: 0 });
    // Any write to one of its orders lists it: computed from its orders again.
    await t.deps.db.execute(
      sql`update orders set amount = amount where org_id = ${org.orgId} and customer_id = ${c8}`,
    );
    expect(await listed()).toEqual([c8]);
    expect(await kpis(`manager:${org.users.m1.id}`)).toMatchObject({
      retention_rate: 0.6667,
      churn_rate: 0.3333,
    });
    expect(await refreshLifecycleBoundaries(t.deps.db, org.orgId)).toEqual({ built: 1, all: false });
    expect(await boundariesOf(c8)).toEqual([dayNumber('2025-07-10'), dayNumber('2026-04-07')]);
    await expectBoundariesEqualDirect();
  });

  it('inserting, moving and deleting orders lists the customers they touch; the job rebuilds those only', async () => {
    const c8 = await customerWithOrder(30);
    const c9 = await customerWithOrder(60);
    // C8 won back on 20 April (local): retained after all.
    const late = await addOrder(c8, '2026-04-20T02:00:00Z');
    expect(await listed()).toEqual([c8]);
    expect(await kpis(`manager:${org.users.m1.id}`)).toMatchObject({ retention_rate: 1, churn_rate: 0.3333 });
    await refreshLifecycleBoundaries(t.deps.db, org.orgId);
    expect(await boundariesOf(c8)).toEqual([
      dayNumber('2025-07-10'),
      dayNumber('2026-04-07'),
      dayNumber('2026-04-20'),
      // Usual interval 284 days: churned max(3 × 284, 180) + 1 days after the win-back.
      dayNumber('2026-04-20') + 853,
    ]);
    await expectBoundariesEqualDirect();

    // Moved to C9: both customers change.
    await t.deps.db
      .update(orders)
      .set({ customerId: c9 })
      .where(and(eq(orders.orgId, org.orgId), eq(orders.id, late)));
    expect(await listed()).toEqual([c8, c9].sort());
    await expectBoundariesEqualDirect();
    expect(await refreshLifecycleBoundaries(t.deps.db, org.orgId)).toEqual({ built: 2, all: false });
    await expectBoundariesEqualDirect();

    await t.deps.db.delete(orders).where(and(eq(orders.orgId, org.orgId), eq(orders.id, late)));
    expect(await listed()).toEqual([c9]);
    await refreshLifecycleBoundaries(t.deps.db, org.orgId);
    expect(await listed()).toEqual([]);
    await expectBoundariesEqualDirect();
  });

  it('an order written between the job reading a customer and writing it keeps the customer listed', async () => {
    const c8 = await customerWithOrder(30);
    await t.deps.db.execute(
      sql`update orders set amount = amount where org_id = ${org.orgId} and customer_id = ${c8}`,
    );
    const rows = await readBoundaryChunk(
      t.deps.db,
      org.orgId,
      await orgTz(),
      false,
      '00000000-0000-0000-0000-000000000000',
    );
    expect(rows.map((r) => r.id)).toEqual([c8]);
    expect(rows.length).toBeLessThan(BOUNDARY_CHUNK);
    const won = await addOrder(c8, '2026-04-20T02:00:00Z');
    await writeBoundaryChunk(t.deps.db, org.orgId, rows);
    // The boundaries written miss the new order, and the customer stays listed: not used.
    expect(await boundariesOf(c8)).toEqual([dayNumber('2025-07-10'), dayNumber('2026-04-07')]);
    expect(await listed()).toEqual([c8]);
    expect(await kpis(`manager:${org.users.m1.id}`)).toMatchObject({ retention_rate: 1, churn_rate: 0.3333 });
    await refreshLifecycleBoundaries(t.deps.db, org.orgId);
    expect(await listed()).toEqual([]);
    await expectBoundariesEqualDirect();
    await t.deps.db.delete(orders).where(and(eq(orders.orgId, org.orgId), eq(orders.id, won)));
    await refreshLifecycleBoundaries(t.deps.db, org.orgId);
  });

  it('an order later on the last day than the moment asked for is not counted (the boundaries already hold it)', async () => {
    const c8 = await customerWithOrder(30);
    // 10 May 20:00 local, after asOf (08:00 local): C8 is won back on 10 May, but not yet.
    const future = await addOrder(c8, '2026-05-10T12:00:00Z');
    await refreshLifecycleBoundaries(t.deps.db, org.orgId);
    expect(await boundariesOf(c8)).toContain(dayNumber('2026-05-10'));
    expect(await kpis(`manager:${org.users.m1.id}`, 'from=2026-04-01&to=2026-05-10')).toMatchObject({
      retention_rate: 0.6667,
      churn_rate: 0.3333,
    });
    await expectBoundariesEqualDirect();
    await t.deps.db.delete(orders).where(and(eq(orders.orgId, org.orgId), eq(orders.id, future)));
    await refreshLifecycleBoundaries(t.deps.db, org.orgId);
  });

  it('a new time zone leaves the boundaries unused until the job rebuilds every customer in it', async () => {
    await t.deps.db
      .update(organizations)
      .set({ timeZone: 'America/New_York' })
      .where(eq(organizations.id, org.orgId));
    try {
      const direct = await retentionEverywhere();
      // Built in Asia/Shanghai: not used. The same answers as with no boundaries at all.
      await expectBoundariesEqualDirect();
      const built = await refreshLifecycleBoundaries(t.deps.db, org.orgId);
      expect(built.all).toBe(true);
      expect(built.built).toBeGreaterThan(0);
      expect(await retentionEverywhere()).toEqual(direct);
      await expectBoundariesEqualDirect();
    } finally {
      await t.deps.db
        .update(organizations)
        .set({ timeZone: 'Asia/Shanghai' })
        .where(eq(organizations.id, org.orgId));
      await refreshLifecycleBoundaries(t.deps.db, org.orgId);
    }
  });
});
