import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';
import { orders } from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';

/** Complaints and orders export like every list: the caller's scope, the list's filters, both languages. */
let t: TestApp;
let org: TestOrg;
let admin: Client;
let m1: Client;
let ids: { c1: string; c4: string };
const tag = `xco${Date.now().toString(36)}`;

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  const { m1: u1, m4: u4 } = org.users;
  const c1 = await insertCustomer(t.deps.db, org.orgId, u1, { name: `${tag} 华东精密` });
  const c4 = await insertCustomer(t.deps.db, org.orgId, u4, { name: `${tag} Acme` });
  ids = { c1: c1.id, c4: c4.id };
  const order = (customerId: string, day: number, amount: number) => ({
    orgId: org.orgId,
    id: newId(),
    customerId,
    externalId: `${tag}-${customerId.slice(0, 4)}-${day}`,
    orderedAt: new Date(Date.UTC(2026, 9, day, 2)),
    amount,
    currency: 'CNY',
    channel: 'online',
    lines: [{ product: '数控机床', quantity: 2, unitPrice: amount / 2 }],
  });
  await t.deps.db
    .insert(orders)
    .values([
      order(c1.id, 1, 1200),
      order(c1.id, 5, 300.5),
      order(c1.id, 9, 80),
      order(c4.id, 2, 999),
      order(c4.id, 3, 1),
    ]);
  admin = await login(t.app, org.users.admin.email);
  m1 = await login(t.app, u1.email);
  for (const [customerId, description] of [
    [c1.id, `${tag} 交货延迟`],
    [c4.id, `${tag} wrong invoice`],
  ] as const) {
    const res = await admin.post('/api/v1/complaints', {
      customerId,
      severity: 'high',
      category: 'delivery',
      channel: 'phone',
      description,
    });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(() => t.close());

const csv = (body: string) => parse(body, { bom: true, columns: true }) as Record<string, string>[];

describe('orders export', () => {
  it("writes only the orders of the manager's customers, newest first, with the customer's name", async () => {
    const res = await m1.get('/api/v1/exports/orders.csv?lang=en-US');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/filename\*=UTF-8''orders-.*\.csv/);
    const rows = csv(res.body);
    expect(rows.map((r) => r.Amount)).toEqual(['80', '300.5', '1200']);
    expect(new Set(rows.map((r) => r.Customer))).toEqual(new Set([`${tag} 华东精密`]));
    expect(rows[2]).toMatchObject({
      'Ordered At': '2026-10-01 10:00:00', // Asia/Shanghai
      Currency: 'CNY',
      Lines: '数控机床 × 2 @ 600',
      'Customer Steward ID': ids.c1,
    });
  });

  it("keeps the list's filters, in Chinese headers when asked", async () => {
    const res = await admin.get(`/api/v1/exports/orders.csv?customerId=${ids.c4}&lang=zh-CN`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = csv(res.body);
    expect(rows.map((r) => r['金额'])).toEqual(['1', '999']);
    expect(rows.every((r) => r['客户'] === `${tag} Acme`)).toBe(true);
  });

  it('refuses a bad filter with the field and the reason', async () => {
    const res = await admin.get('/api/v1/exports/orders.csv?from=yesterday');
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('from');
  });
});

describe('complaints export', () => {
  it('a manager gets the complaints of their own customers only, statuses in words', async () => {
    const res = await m1.get(`/api/v1/exports/complaints.csv?q=${tag}&lang=zh-CN`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = csv(res.body);
    expect(rows.map((r) => r['投诉内容'])).toEqual([`${tag} 交货延迟`]);
    expect(rows[0]).toMatchObject({
      客户: `${tag} 华东精密`,
      状态: '待受理',
      严重程度: '高',
      投诉类别: '物流配送',
    });
  });

  it('the organization sees both', async () => {
    const res = await admin.get(`/api/v1/exports/complaints.csv?q=${tag}&lang=en-US`);
    const rows = csv(res.body);
    expect(rows.map((r) => r.Description).sort()).toEqual([`${tag} wrong invoice`, `${tag} 交货延迟`].sort());
    expect(rows.every((r) => r.Status === 'open' && r['SLA State'] === 'normal')).toBe(true);
  });
});
