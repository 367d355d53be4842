import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, login, type TestApp } from '../../test/build-test-app.js';
import { createTestOrg, type TestOrg } from '../../test/factories.js';
import { queryRows } from '../db/client.js';
import { audit } from './audit.js';

let t: TestApp;
let org: TestOrg;
beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
});
afterAll(() => t.close());

const rows = (action: string) =>
  queryRows<{ action: string; actor_id: string; entity_id: string }>(
    t.deps.db,
    sql`select action, actor_id, entity_id from audit_log where org_id = ${org.orgId} and action = ${action}`,
  );

describe('audit log', () => {
  it('writes one row per write, with the actor, in the same transaction as the write', async () => {
    const m1 = await login(t.app, org.users.m1.email);
    const c = (await m1.post('/api/v1/customers', { name: 'Audited Co' })).json();
    await m1.patch(`/api/v1/customers/${c.id}`, { region: '上海' });
    await m1.post(`/api/v1/customers/${c.id}/interactions`, {
      type: 'note',
      occurredAt: new Date().toISOString(),
      summary: 'n',
    });
    expect(await rows('customer.create')).toEqual([
      { action: 'customer.create', actor_id: org.users.m1.id, entity_id: c.id },
    ]);
    expect(await rows('customer.update')).toHaveLength(1);
    expect(await rows('interaction.create')).toHaveLength(1);
  });

  it('is readable by administrators through GET /audit-log, and by no manager', async () => {
    const admin = await login(t.app, org.users.admin.email);
    const res = await admin.get('/api/v1/audit-log?action=customer.create&limit=5');
    expect(res.statusCode).toBe(200);
    expect(res.json().data[0]).toMatchObject({
      action: 'customer.create',
      actorId: org.users.m1.id,
      actorName: org.users.m1.name,
    });
    const m1 = await login(t.app, org.users.m1.email);
    expect((await m1.get('/api/v1/audit-log')).statusCode).toBe(403);
  });

  it('rolls the audit row back with its transaction', async () => {
    const actor = { orgId: org.orgId, userId: org.users.admin.id };
    await expect(
      t.deps.db.transaction(async (tx) => {
        await audit(tx, actor, 'test.rolled_back', 'customer', null);
        throw new Error('the write failed after its audit row');
      }),
    ).rejects.toThrow('the write failed');
    expect(await rows('test.rolled_back')).toEqual([]);
    await t.deps.db.transaction(async (tx) => audit(tx, actor, 'test.committed', 'customer', null));
    expect(await rows('test.committed')).toHaveLength(1);
  });

  it('leaves neither the change, its history nor its audit row when a write is refused half-way', async () => {
    const admin = await login(t.app, org.users.admin.email);
    await admin.post('/api/v1/custom-fields', {
      key: 'po',
      labelZh: '采购单',
      labelEn: 'PO',
      type: 'number',
    });
    const c = (await admin.post('/api/v1/customers', { name: 'Half Co' })).json();
    const before = (await rows('customer.update')).length;
    // The custom field check fails inside the transaction, after the row was locked.
    const res = await admin.patch(`/api/v1/customers/${c.id}`, {
      name: 'Renamed',
      customFields: { po: 'not a number' },
    });
    expect(res.statusCode).toBe(400);
    expect((await admin.get(`/api/v1/customers/${c.id}`)).json().name).toBe('Half Co');
    expect((await admin.get(`/api/v1/customers/${c.id}/history`)).json().data).toEqual([]);
    expect(await rows('customer.update')).toHaveLength(before);
  });
});
