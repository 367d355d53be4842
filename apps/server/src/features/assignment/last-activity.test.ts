import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { runImport } from '../imports/test-support.js';

// customers.last_contacted_at / last_order_at must always be the latest interaction / order
// (decision 0023): the pool-reclaim job trusts them when they are not after its asOf.

let t: TestApp;
let org: TestOrg;
let admin: Client;

beforeAll(async () => {
  t = await buildTestApp({}, { jobs: true });
  org = await createTestOrg(t.deps.db);
  admin = await login(t.app, org.users.admin.email);
});
afterAll(() => t.close());

const owner = () => ({ id: org.users.m1.id, teamId: org.team.a });
const customer = async (name: string, extra: Record<string, unknown> = {}) =>
  (await insertCustomer(t.deps.db, org.orgId, owner(), { name, ...extra })).id;

async function stored(id: string) {
  const [row] = await queryRows<{ last_contacted_at: Date | null; last_order_at: Date | null }>(
    t.deps.db,
    sql`select last_contacted_at, last_order_at from customers where org_id = ${org.orgId} and id = ${id}`,
  );
  const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());
  return { contact: iso(row!.last_contacted_at), order: iso(row!.last_order_at) };
}

/** Every customer of the organization whose stored dates differ from its interactions and orders. */
async function drift() {
  return queryRows<{ id: string }>(
    t.deps.db,
    sql`select c.id from customers c
         where c.org_id = ${org.orgId}
           and (c.last_order_at is distinct from
                  (select max(o.ordered_at) from orders o where o.org_id = c.org_id and o.customer_id = c.id)
             or c.last_contacted_at is distinct from
                  (select max(i.occurred_at) from interactions i where i.org_id = c.org_id and i.customer_id = c.id))`,
  );
}

const bulk = async (orders: object[]) => {
  const res = await admin.post('/api/v1/orders/bulk', { orders });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().errors).toEqual([]);
  return res.json() as { created: number; updated: number };
};

describe("a customer's last contact and last order", () => {
  it('follow logged interactions: a later one moves the last contact, an earlier one does not', async () => {
    const id = await customer('la contact');
    const log = async (at: string) =>
      expect(
        (
          await admin.post(`/api/v1/customers/${id}/interactions`, {
            type: 'call',
            occurredAt: at,
            summary: 'x',
          })
        ).statusCode,
      ).toBe(201);
    expect(await stored(id)).toEqual({ contact: null, order: null });
    await log('2026-05-01T08:00:00.000Z');
    await log('2026-06-01T08:00:00.000Z');
    await log('2026-04-01T08:00:00.000Z');
    expect((await stored(id)).contact).toBe('2026-06-01T08:00:00.000Z');
    expect(await drift()).toEqual([]);
  });

  it('follow bulk orders, including orders re-sent by external id with another date or customer', async () => {
    const a = await customer('la orders a');
    const b = await customer('la orders b');
    expect(
      await bulk([
        { customerId: a, orderedAt: '2026-03-01T00:00:00Z', amount: 10 },
        { customerId: a, orderedAt: '2026-05-01T00:00:00Z', amount: 10, externalId: 'LA-1' },
        { customerId: b, orderedAt: '2026-02-01T00:00:00Z', amount: 10 },
      ]),
    ).toMatchObject({ created: 3, updated: 0 });
    expect((await stored(a)).order).toBe('2026-05-01T00:00:00.000Z');
    expect((await stored(b)).order).toBe('2026-02-01T00:00:00.000Z');
    // Re-dated back in time: a's last order falls back to its other order.
    expect(
      await bulk([{ customerId: a, orderedAt: '2026-01-15T00:00:00Z', amount: 10, externalId: 'LA-1' }]),
    ).toMatchObject({ created: 0, updated: 1 });
    expect((await stored(a)).order).toBe('2026-03-01T00:00:00.000Z');
    // Moved to b: b gains it, a keeps only its own.
    await bulk([{ customerId: b, orderedAt: '2026-06-01T00:00:00Z', amount: 10, externalId: 'LA-1' }]);
    expect((await stored(a)).order).toBe('2026-03-01T00:00:00.000Z');
    expect((await stored(b)).order).toBe('2026-06-01T00:00:00.000Z');
    expect(await drift()).toEqual([]);
  });

  it('follow imported orders and interactions, including an imported order re-dated by external id', async () => {
    const id = await customer('la import', { externalId: `LA-IMP-${org.orgId.slice(0, 8)}` });
    const ext = `LA-IMP-${org.orgId.slice(0, 8)}`;
    const orders = (at: string) => ({
      name: 'orders.csv',
      content: `externalId,customerExternalId,orderedAt,amount\nLA-O1,${ext},${at},5\nLA-O2,${ext},2026-02-01T00:00:00Z,5\n`,
    });
    const mapping = JSON.stringify({
      externalId: 'externalId',
      customerExternalId: 'customerExternalId',
      orderedAt: 'orderedAt',
      amount: 'amount',
    });
    const first = await runImport(admin, { entity: 'orders', mapping }, orders('2026-04-01T00:00:00Z'));
    expect(first.result).toMatchObject({ status: 'succeeded', created: 2, failed: 0 });
    expect((await stored(id)).order).toBe('2026-04-01T00:00:00.000Z');
    const again = await runImport(
      admin,
      { entity: 'orders', mapping, dedupe: 'update' },
      orders('2026-01-01T00:00:00Z'),
    );
    expect(again.result).toMatchObject({ status: 'succeeded', created: 0, failed: 0 });
    expect((await stored(id)).order).toBe('2026-02-01T00:00:00.000Z');
    const inter = await runImport(
      admin,
      {
        entity: 'interactions',
        mapping: JSON.stringify({
          customerExternalId: 'customerExternalId',
          type: 'type',
          occurredAt: 'occurredAt',
          summary: 'summary',
        }),
      },
      {
        name: 'i.csv',
        content: `customerExternalId,type,occurredAt,summary\n${ext},call,2026-03-01T00:00:00Z,a\n${ext},visit,2026-03-05T00:00:00Z,b\n`,
      },
    );
    expect(inter.result).toMatchObject({ status: 'succeeded', created: 2, failed: 0 });
    expect((await stored(id)).contact).toBe('2026-03-05T00:00:00.000Z');
    expect(await drift()).toEqual([]);
  });

  it('follow a merge: the survivor carries the later of both', async () => {
    const survivor = await customer('la survivor');
    const source = await customer('la source');
    await bulk([
      { customerId: survivor, orderedAt: '2026-02-01T00:00:00Z', amount: 1 },
      { customerId: source, orderedAt: '2026-03-01T00:00:00Z', amount: 1 },
    ]);
    expect(
      (
        await admin.post(`/api/v1/customers/${source}/interactions`, {
          type: 'visit',
          occurredAt: '2026-04-01T00:00:00Z',
          summary: 'y',
        })
      ).statusCode,
    ).toBe(201);
    const res = await admin.post(`/api/v1/customers/${survivor}/merge`, { sourceId: source });
    expect(res.statusCode, res.body).toBe(200);
    expect(await stored(survivor)).toEqual({
      contact: '2026-04-01T00:00:00.000Z',
      order: '2026-03-01T00:00:00.000Z',
    });
    // The merged-away source keeps its old values but is deleted; only live customers count.
    const live = await drift();
    expect(live.map((r) => r.id).filter((id) => id !== source)).toEqual([]);
  });
});
