import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';

let t: TestApp;
let org: TestOrg;
let other: TestOrg;
let admin: Client;
let m1: Client;
let analyst: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  other = await createTestOrg(t.deps.db, 'Other Org');
  admin = await login(t.app, org.users.admin.email);
  m1 = await login(t.app, org.users.m1.email);
  analyst = await login(t.app, org.users.analyst.email);
  const mine = await insertCustomer(
    t.deps.db,
    org.orgId,
    { id: org.users.m1.id, teamId: org.team.a },
    {
      externalId: 'C-1',
    },
  );
  const theirs = await insertCustomer(
    t.deps.db,
    org.orgId,
    { id: org.users.m4.id, teamId: org.team.b },
    {
      externalId: 'C-2',
    },
  );
  const foreign = await insertCustomer(t.deps.db, other.orgId, null, { externalId: 'X-1' });
  Object.assign(ids, { mine: mine.id, theirs: theirs.id, foreign: foreign.id });
});
afterAll(() => t.close());

const countOrders = async (orgId: string) =>
  (
    await queryRows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from orders where org_id = ${orgId}`,
    )
  )[0]!.n;

describe('POST /orders/bulk', () => {
  it('writes the valid items and reports the others by index, in one call', async () => {
    const res = await admin.post('/api/v1/orders/bulk', {
      orders: [
        { customerId: ids.mine, orderedAt: '2026-03-01T10:00:00+08:00', amount: 120.5, externalId: 'O-1' },
        { customerExternalId: 'C-2', orderedAt: '2026-03-02', amount: 0, externalId: 'O-2', channel: 'web' },
        { customerExternalId: 'X-1', orderedAt: '2026-03-02', amount: 10 }, // another tenant's customer
        { customerId: ids.mine, orderedAt: 'yesterday', amount: 10 },
        { customerId: ids.mine, orderedAt: '2026-03-03', amount: -5 },
        { customerId: ids.foreign, orderedAt: '2026-03-03', amount: 5 },
        { customerId: 'not-a-uuid', orderedAt: '2026-03-03', amount: 5 },
        { orderedAt: '2026-03-03', amount: 5 },
        {
          customerId: ids.mine,
          orderedAt: '2026-03-04T09:00:00Z',
          amount: 30,
          currency: 'USD',
          lines: [{ product: 'Widget', quantity: 3, unitPrice: 10 }],
        },
      ],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.created).toBe(3);
    expect(body.updated).toBe(0);
    expect(body.errors.map((e: { index: number; code: string }) => [e.index, e.code])).toEqual([
      [2, 'customer_not_found'],
      [3, 'invalid_date'],
      [4, 'invalid_amount'],
      [5, 'customer_not_found'],
      [6, 'customer_not_found'],
      [7, 'customer_required'],
    ]);
    expect(await countOrders(org.orgId)).toBe(3);
    expect(await countOrders(other.orgId)).toBe(0);
    const list = (await admin.get(`/api/v1/orders?customerId=${ids.mine}`)).json();
    expect(list.data.map((o: { amount: number }) => o.amount)).toEqual([30, 120.5]);
    expect(list.data[0]).toMatchObject({ currency: 'USD', lines: [{ product: 'Widget', quantity: 3 }] });
    const audit = await queryRows<{ data: Record<string, number> }>(
      t.deps.db,
      sql`select data from audit_log where org_id = ${org.orgId} and action = 'orders.bulk'`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({ created: 3, updated: 0, failed: 6 });
  });

  it('is idempotent by externalId: sending again updates, never duplicates', async () => {
    const before = await countOrders(org.orgId);
    const res = await admin.post('/api/v1/orders/bulk', {
      orders: [
        { customerId: ids.mine, orderedAt: '2026-03-01T10:00:00+08:00', amount: 99, externalId: 'O-1' },
        { customerExternalId: 'C-2', orderedAt: '2026-03-02', amount: 0, externalId: 'O-2', channel: 'web' },
        { customerExternalId: 'C-2', orderedAt: '2026-03-05', amount: 7, externalId: 'O-3' },
        { customerExternalId: 'C-2', orderedAt: '2026-03-06', amount: 8, externalId: 'O-3' },
      ],
    });
    expect(res.json()).toEqual({ created: 1, updated: 3, errors: [] });
    expect(await countOrders(org.orgId)).toBe(before + 1);
    const rows = await queryRows<{ external_id: string; amount: string }>(
      t.deps.db,
      sql`select external_id, amount from orders where org_id = ${org.orgId} and external_id is not null order by external_id`,
    );
    expect(rows.map((r) => [r.external_id, Number(r.amount)])).toEqual([
      ['O-1', 99],
      ['O-2', 0],
      ['O-3', 8],
    ]);
  });

  it('scopes writes and reads to the caller: a manager reaches only their own customers', async () => {
    const res = await m1.post('/api/v1/orders/bulk', {
      orders: [
        { customerId: ids.mine, orderedAt: '2026-04-01', amount: 1 },
        { customerId: ids.theirs, orderedAt: '2026-04-01', amount: 1 },
        { customerExternalId: 'C-2', orderedAt: '2026-04-01', amount: 1, externalId: 'O-2' },
      ],
    });
    expect(res.json().created).toBe(1);
    expect(res.json().errors.map((e: { code: string }) => e.code)).toEqual([
      'customer_not_found',
      'customer_not_found',
    ]);
    const list = (await m1.get('/api/v1/orders?limit=500')).json();
    expect(new Set(list.data.map((o: { customerId: string }) => o.customerId))).toEqual(new Set([ids.mine]));
    const paged = (await admin.get('/api/v1/orders?limit=2')).json();
    expect(paged.data).toHaveLength(2);
    const next = (await admin.get(`/api/v1/orders?limit=2&cursor=${paged.nextCursor}`)).json();
    expect(next.data.length).toBeGreaterThan(0);
    const ranged = (
      await admin.get('/api/v1/orders?from=2026-03-04T00:00:00Z&to=2026-03-31T00:00:00Z')
    ).json();
    expect(ranged.data.map((o: { amount: number }) => o.amount).sort()).toEqual([30, 8]);
  });

  it('refuses roles that do not write customers, and more than 10,000 orders', async () => {
    const one = { orders: [{ customerId: ids.mine, orderedAt: '2026-04-01', amount: 1 }] };
    expect((await analyst.post('/api/v1/orders/bulk', one)).statusCode).toBe(403);
    const many = Array.from({ length: 10_001 }, (_, i) => ({
      customerId: ids.mine,
      orderedAt: '2026-04-01',
      amount: i,
    }));
    const res = await admin.post('/api/v1/orders/bulk', { orders: many });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    const bad = await admin.get('/api/v1/orders?from=never');
    expect(bad.statusCode).toBe(400);
  });

  it('takes 10,000 orders in one call', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({
      customerId: ids.theirs,
      orderedAt: '2025-01-01T00:00:00Z',
      amount: i % 100,
      externalId: `bulk-${i}`,
      lines: [{ product: 'Sample product name', quantity: 1, unitPrice: i % 100 }],
    }));
    const res = await admin.post('/api/v1/orders/bulk', { orders: many });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 10_000, updated: 0, errors: [] });
  });
});
