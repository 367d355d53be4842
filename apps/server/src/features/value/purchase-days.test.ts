import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';
import { queryRows, type Db } from '../../db/client.js';
import { orders } from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';
import { refreshPurchaseDays } from './purchase-days.js';

// The purchase-day store (decision 0071) must hold, after every refresh, exactly what aggregating
// the orders up to the refresh's moment gives — whichever way the orders changed in between.
let t: TestApp;
let org: TestOrg;
let other: TestOrg;
const customerIds: string[] = [];
const DAY = 86_400_000;
const T1 = new Date('2026-03-01T00:00:00Z');
const T2 = new Date('2026-03-08T00:00:00Z');

type Order = { id: string; orgId: string; customerId: string; orderedAt: Date; amount: number };
const placed: Order[] = [];

async function place(list: Omit<Order, 'id'>[]) {
  const rows = list.map((o) => ({ ...o, id: newId() }));
  await t.deps.db.insert(orders).values(rows);
  placed.push(...rows);
  return rows;
}

/** The store as the test computes it from the orders it placed: local days in `offsetHours`. */
function expected(orgId: string, asOf: Date, offsetHours: number) {
  const byCustomer = new Map<string, Map<number, number>>();
  for (const o of placed) {
    if (o.orgId !== orgId || o.orderedAt.getTime() > asOf.getTime()) continue;
    const day = Math.floor((o.orderedAt.getTime() + offsetHours * 3_600_000) / DAY);
    const days = byCustomer.get(o.customerId) ?? new Map<number, number>();
    days.set(day, (days.get(day) ?? 0) + o.amount);
    byCustomer.set(o.customerId, days);
  }
  return [...byCustomer.entries()]
    .map(([customerId, days]) => {
      const sorted = [...days.entries()].sort((a, b) => a[0] - b[0]);
      return {
        customerId,
        days: sorted.map(([d]) => d),
        cents: sorted.map(([, a]) => Math.round(a * 100)),
      };
    })
    .sort((a, b) => (a.customerId < b.customerId ? -1 : 1));
}

async function stored(orgId: string) {
  const rows = await queryRows<{ customer_id: string; days: number[]; cents: (string | number)[] }>(
    t.deps.db,
    sql`select customer_id, days, cents from purchase_days where org_id = ${orgId} order by customer_id`,
  );
  return rows.map((r) => ({
    customerId: r.customer_id,
    days: r.days.map(Number),
    cents: r.cents.map(Number),
  }));
}

const refresh = (orgId: string, asOf: Date, tz = 'Asia/Shanghai') =>
  t.deps.db.transaction((tx) => refreshPurchaseDays(tx as unknown as Db, orgId, asOf, tz));

const stale = async (orgId: string) =>
  (
    await queryRows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from value_stale where org_id = ${orgId}`,
    )
  )[0]!.n;

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db, 'Store');
  other = await createTestOrg(t.deps.db, 'Other');
  for (let i = 0; i < 12; i++) customerIds.push((await insertCustomer(t.deps.db, org.orgId, null)).id);
  const foreign = await insertCustomer(t.deps.db, other.orgId, null);
  // Two years of orders, some customers with two orders on one local day (merged into one day),
  // one order at 23:30 UTC (the next local day in Asia/Shanghai), one customer with no order yet.
  const list: Omit<Order, 'id'>[] = [];
  customerIds.slice(0, 11).forEach((customerId, c) => {
    for (let k = 0; k <= c % 5; k++)
      list.push({
        orgId: org.orgId,
        customerId,
        orderedAt: new Date(T1.getTime() - (30 + 41 * k + c) * DAY + 3_600_000 * (c % 3)),
        amount: 10 + c + k / 4,
      });
    if (c % 4 === 0)
      list.push({ orgId: org.orgId, customerId, orderedAt: new Date(T1.getTime() - 29.5 * DAY), amount: 5 });
  });
  list.push({
    orgId: org.orgId,
    customerId: customerIds[1]!,
    orderedAt: new Date('2026-02-10T23:30:00Z'),
    amount: 7,
  });
  // An order after T1 (already written before the first refresh) and one of another organization.
  list.push({
    orgId: org.orgId,
    customerId: customerIds[2]!,
    orderedAt: new Date(T1.getTime() + 2 * DAY),
    amount: 3,
  });
  list.push({
    orgId: other.orgId,
    customerId: foreign.id,
    orderedAt: new Date(T1.getTime() - DAY),
    amount: 99,
  });
  await place(list);
});
afterAll(() => t.close());

describe('purchase-day store', () => {
  it('is built in full on the first refresh, from the orders up to its moment only', async () => {
    const res = await refresh(org.orgId, T1);
    expect(res.mode).toBe('full');
    expect(res.rebuilt).toBe(11);
    const got = await stored(org.orgId);
    expect(got).toEqual(expected(org.orgId, T1, 8));
    // Same-day orders are one day; the 23:30 UTC order is the next local day.
    expect(got.some((r) => r.days.length < new Set(r.days).size)).toBe(false);
    expect(await stale(org.orgId)).toBe(0);
    // Another organization's store and stale list are untouched by this one's refresh.
    expect(await stored(other.orgId)).toEqual([]);
    expect(await stale(other.orgId)).toBe(1);
  });

  it('catches up incrementally with every kind of order change since', async () => {
    const db = t.deps.db;
    // Backdated orders (before T1, written after the refresh), orders of the new days, an order
    // after T2 (not counted yet), a deleted order, an order moved to another customer, an amount
    // corrected, and the first order of the customer who had none.
    await place([
      {
        orgId: org.orgId,
        customerId: customerIds[3]!,
        orderedAt: new Date(T1.getTime() - 100 * DAY),
        amount: 11,
      },
      {
        orgId: org.orgId,
        customerId: customerIds[4]!,
        orderedAt: new Date(T1.getTime() + 3 * DAY),
        amount: 12,
      },
      {
        orgId: org.orgId,
        customerId: customerIds[11]!,
        orderedAt: new Date(T1.getTime() + 4 * DAY),
        amount: 13,
      },
      { orgId: org.orgId, customerId: customerIds[5]!, orderedAt: new Date(T2.getTime() + DAY), amount: 14 },
    ]);
    const gone = placed.find((o) => o.customerId === customerIds[6] && o.orderedAt < T1)!;
    await db.delete(orders).where(eq(orders.id, gone.id));
    placed.splice(placed.indexOf(gone), 1);
    const moved = placed.find((o) => o.customerId === customerIds[7] && o.orderedAt < T1)!;
    await db.update(orders).set({ customerId: customerIds[8]! }).where(eq(orders.id, moved.id));
    moved.customerId = customerIds[8]!;
    const corrected = placed.find((o) => o.customerId === customerIds[9] && o.orderedAt < T1)!;
    await db.update(orders).set({ amount: 250.5 }).where(eq(orders.id, corrected.id));
    corrected.amount = 250.5;
    // Customer 0 has a single order: deleting it leaves no purchase at all.
    const only = placed.filter((o) => o.customerId === customerIds[0]);
    expect(only).toHaveLength(2);
    for (const o of only) await db.delete(orders).where(eq(orders.id, o.id));
    for (const o of only) placed.splice(placed.indexOf(o), 1);

    const res = await refresh(org.orgId, T2);
    expect(res.mode).toBe('incremental');
    // Customers 3, 4, 11, 5 (listed by the insert; 5's new order is after T2), 6, 7, 8, 9 and 0
    // (listed) and 2 (its order after T1 was already there) are aggregated again; all but 0, who
    // has no order any more, get a row.
    expect(res.rebuilt).toBe(9);
    expect(await stored(org.orgId)).toEqual(expected(org.orgId, T2, 8));
    expect((await stored(org.orgId)).some((r) => r.customerId === customerIds[0])).toBe(false);
    expect(await stale(org.orgId)).toBe(0);
  });

  it('reaches an order dated after the last refresh once its moment is passed', async () => {
    const later = new Date(T2.getTime() + 2 * DAY);
    const res = await refresh(org.orgId, later);
    expect(res).toEqual({ mode: 'incremental', rebuilt: 1 });
    expect(await stored(org.orgId)).toEqual(expected(org.orgId, later, 8));
  });

  it('is rebuilt in full as of an earlier moment, and in another time zone', async () => {
    const early = await refresh(org.orgId, T1);
    expect(early.mode).toBe('full');
    expect(await stored(org.orgId)).toEqual(expected(org.orgId, T1, 8));
    const utc = await refresh(org.orgId, T2, 'UTC');
    expect(utc.mode).toBe('full');
    expect(await stored(org.orgId)).toEqual(expected(org.orgId, T2, 0));
    const back = await refresh(org.orgId, T2, 'Asia/Shanghai');
    expect(back.mode).toBe('full');
    expect(await stored(org.orgId)).toEqual(expected(org.orgId, T2, 8));
  });

  it('keeps a customer listed again by an order written while the refresh runs', async () => {
    const customerId = customerIds[10]!;
    await place([{ orgId: org.orgId, customerId, orderedAt: new Date(T1.getTime() - 3 * DAY), amount: 4 }]);
    // Another connection writes an order of the same customer (the trigger lists it again and
    // holds the entry) and commits only once the refresh has started. On PostgreSQL the refresh
    // must neither wait for that writer nor drop the entry (it does not see the order), so the
    // next run rebuilds the customer. PGlite has one connection: there the refresh runs after the
    // writer.
    const late = {
      orgId: org.orgId,
      id: newId(),
      customerId,
      orderedAt: new Date(T1.getTime() - 2 * DAY),
      amount: 6,
    };
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let written!: () => void;
    const isWritten = new Promise<void>((r) => (written = r));
    const writer = t.deps.db.transaction(async (tx) => {
      await tx.insert(orders).values(late);
      written();
      await held;
    });
    await isWritten;
    const refreshing = refresh(org.orgId, T2);
    const first = await Promise.race([refreshing, new Promise((r) => setTimeout(() => r('waiting'), 2_000))]);
    release();
    await writer;
    placed.push(late);
    if (t.deps.dbKind === 'postgres') expect(first).toMatchObject({ mode: 'incremental' });
    expect(await refreshing).toMatchObject({ mode: 'incremental' });
    if (t.deps.dbKind === 'postgres') expect(await stale(org.orgId)).toBe(1);
    await refresh(org.orgId, T2);
    expect(await stale(org.orgId)).toBe(0);
    expect(await stored(org.orgId)).toEqual(expected(org.orgId, T2, 8));
  });
});
