import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';

let t: TestApp;
let org: TestOrg;
let other: TestOrg;
/** Signed-in clients by who they are (levels set before signing in). */
let as: Record<
  | 'admin'
  | 'director'
  | 'seniorManager'
  | 'keyAccountLead'
  | 'juniorManager'
  | 'juniorLead'
  | 'analyst'
  | 'agent',
  Client
>;
let otherAdmin: Client;

const product = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  name: `产品 ${code}`,
  category: '设备',
  unitPrice: 1280.5,
  unit: '台',
  ...extra,
});

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  other = await createTestOrg(t.deps.db, 'Other Org');
  const db = t.deps.db;
  await db.execute(sql`update users set level = 'senior' where id = ${org.users.m1.id}`);
  await db.execute(sql`update users set level = 'key_account' where id = ${org.users.leadB.id}`);
  await db.execute(sql`update organizations set currency = 'USD' where id = ${other.orgId}`);
  const u = org.users;
  as = {
    admin: await login(t.app, u.admin.email),
    director: await login(t.app, u.director.email),
    seniorManager: await login(t.app, u.m1.email),
    keyAccountLead: await login(t.app, u.leadB.email),
    juniorManager: await login(t.app, u.m2.email),
    juniorLead: await login(t.app, u.leadA.email),
    analyst: await login(t.app, u.analyst.email),
    agent: await login(t.app, u.agent.email),
  };
  otherAdmin = await login(t.app, other.users.admin.email);
});
afterAll(() => t.close());

const auditCount = async (orgId: string, action: string, entityId: string) => {
  const [row] = await queryRows<{ n: number }>(
    t.deps.db,
    sql`select count(*)::int as n from audit_log where org_id = ${orgId} and action = ${action}
        and entity = 'product' and entity_id = ${entityId}`,
  );
  return row?.n ?? 0;
};

describe('who may edit shared reference data', () => {
  const matrix = [
    ['admin', true],
    ['director', true],
    ['seniorManager', true],
    ['keyAccountLead', true],
    ['juniorManager', false],
    ['juniorLead', false],
    ['analyst', false],
    ['agent', false],
  ] as const;

  it.each(matrix)('%s: edits the catalog = %s; reads it either way', async (who, edits) => {
    const c = as[who];
    const created = await c.post('/api/v1/products', product(`M-${who}`));
    expect(created.statusCode, created.body).toBe(edits ? 201 : 403);
    if (!edits) {
      expect(created.json().error.code).toBe('forbidden');
      expect(created.json().error.message).toMatch(/senior and key-account managers/);
    }
    // Someone who may edits the seed product; everyone reads it and only editors change it.
    const seeded = await as.admin.post('/api/v1/products', product(`S-${who}`));
    expect(seeded.statusCode, seeded.body).toBe(201);
    const id = seeded.json().id as string;
    expect((await c.get(`/api/v1/products/${id}`)).statusCode).toBe(200);
    const list = await c.get(`/api/v1/products?q=S-${who}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().data.map((p: { id: string }) => p.id)).toEqual([id]);
    const patched = await c.patch(`/api/v1/products/${id}`, { name: 'Renamed' });
    expect(patched.statusCode, patched.body).toBe(edits ? 200 : 403);
    expect((await c.get(`/api/v1/products/${id}`)).json().name).toBe(edits ? 'Renamed' : `产品 S-${who}`);
    const me = await c.get('/api/v1/me');
    expect(me.json().permissions.editReferenceData).toBe(edits);
  });

  it.each(matrix)('%s: edits the visit cadence and care templates = %s', async (who, edits) => {
    const c = as[who];
    const cadence = await c.get('/api/v1/settings/visit-plan');
    expect(cadence.statusCode).toBe(200);
    const put = await c.put('/api/v1/settings/visit-plan', { ...(cadence.json() as object), graceDays: 4 });
    expect(put.statusCode, put.body).toBe(edits ? 200 : 403);
    const care = await c.get('/api/v1/settings/care');
    expect(care.statusCode).toBe(200);
    const body = care.json();
    body.templates.birthday = { ...body.templates.birthday, title: `生日 ${who} {customer}` };
    const putCare = await c.put('/api/v1/settings/care', body);
    expect(putCare.statusCode, putCare.body).toBe(edits ? 200 : 403);
    if (!edits) expect(putCare.json().error.message).toMatch(/care templates/);
    const after = (await c.get('/api/v1/settings/care')).json();
    expect(after.templates.birthday.title === `生日 ${who} {customer}`).toBe(edits);
  });

  it('keeps task escalation to administrators and directors', async () => {
    const body = { delayHours: 12 };
    expect((await as.seniorManager.put('/api/v1/settings/task-escalation', body)).statusCode).toBe(403);
    expect((await as.keyAccountLead.put('/api/v1/settings/task-escalation', body)).statusCode).toBe(403);
    expect((await as.director.put('/api/v1/settings/task-escalation', body)).statusCode).toBe(200);
  });

  it('follows a level change at once, without signing in again', async () => {
    const id = org.users.m2.id;
    expect((await as.juniorManager.post('/api/v1/products', product('LVL-1'))).statusCode).toBe(403);
    const up = await as.admin.patch(`/api/v1/users/${id}`, { level: 'senior' });
    expect(up.statusCode, up.body).toBe(200);
    expect((await as.juniorManager.post('/api/v1/products', product('LVL-1'))).statusCode).toBe(201);
    const down = await as.admin.patch(`/api/v1/users/${id}`, { level: 'junior' });
    expect(down.statusCode, down.body).toBe(200);
    expect((await as.juniorManager.post('/api/v1/products', product('LVL-2'))).statusCode).toBe(403);
    expect((await as.juniorManager.get('/api/v1/me')).json().permissions.editReferenceData).toBe(false);
  });

  it('does not let a team lead raise their own level to gain editing', async () => {
    const self = await as.juniorLead.patch(`/api/v1/users/${org.users.leadA.id}`, { level: 'senior' });
    expect(self.statusCode, self.body).toBe(403);
    expect((await as.juniorLead.post('/api/v1/products', product('SELF-1'))).statusCode).toBe(403);
    // Their other profile fields, and their members' levels, stay theirs to change.
    const cap = await as.juniorLead.patch(`/api/v1/users/${org.users.leadA.id}`, { capacity: 150 });
    expect(cap.statusCode, cap.body).toBe(200);
  });
});

describe('product catalog', () => {
  it('creates a product with the organization currency by default, and audits it', async () => {
    const res = await as.seniorManager.post('/api/v1/products', {
      ...product('CAT-1'),
      description: '工业级',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      code: 'CAT-1',
      name: '产品 CAT-1',
      category: '设备',
      unitPrice: 1280.5,
      currency: 'CNY',
      unit: '台',
      description: '工业级',
      active: true,
      createdBy: org.users.m1.id,
      updatedBy: org.users.m1.id,
    });
    expect(await auditCount(org.orgId, 'product.create', res.json().id)).toBe(1);

    const usd = await otherAdmin.post('/api/v1/products', product('CAT-1'));
    expect(usd.statusCode, usd.body).toBe(201);
    expect(usd.json().currency).toBe('USD');
    const eur = await otherAdmin.post('/api/v1/products', product('CAT-EUR', { currency: 'EUR' }));
    expect(eur.json().currency).toBe('EUR');
  });

  it('refuses a used code with 409 on the field, on create and on rename', async () => {
    expect((await as.admin.post('/api/v1/products', product('DUP-1'))).statusCode).toBe(201);
    const dup = await as.director.post('/api/v1/products', product('DUP-1', { name: 'Other' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({
      code: 'product_code_taken',
      details: [{ path: 'code', message: 'already used' }],
    });
    const second = await as.admin.post('/api/v1/products', product('DUP-2'));
    const rename = await as.admin.patch(`/api/v1/products/${second.json().id}`, { code: 'DUP-1' });
    expect(rename.statusCode).toBe(409);
    expect(rename.json().error.details).toEqual([{ path: 'code', message: 'already used' }]);
    // Keeping its own code is no conflict.
    const same = await as.admin.patch(`/api/v1/products/${second.json().id}`, { code: 'DUP-2', unit: '套' });
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json().unit).toBe('套');
  });

  it('answers bad input with 400 and the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [product('BAD-1', { unitPrice: -1 }), 'unitPrice'],
      [product('BAD-2', { unitPrice: 1.005 }), 'unitPrice'],
      [product('BAD-3', { name: '   ' }), 'name'],
      [product('BAD-4', { currency: 'rmb' }), 'currency'],
      [product('BAD 5'), 'code'],
      [{ ...product('BAD-6'), unit: undefined }, 'unit'],
      [product('BAD-7', { category: 'x'.repeat(101) }), 'category'],
    ];
    for (const [body, path] of cases) {
      const res = await as.admin.post('/api/v1/products', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const created = await as.admin.post('/api/v1/products', product('BAD-OK'));
    const id = created.json().id as string;
    const patch = await as.admin.patch(`/api/v1/products/${id}`, { active: 'no' });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().error.details[0].path).toBe('active');
    expect((await as.admin.get('/api/v1/products?cursor=nonsense')).statusCode).toBe(400);
    expect((await as.admin.get('/api/v1/products?active=maybe')).statusCode).toBe(400);
    expect((await as.admin.get('/api/v1/products/not-a-uuid')).statusCode).toBe(400);
  });

  it('deactivates and reactivates rather than deletes, with the change audited', async () => {
    const created = await as.keyAccountLead.post('/api/v1/products', product('ACT-1', { category: '服务' }));
    const id = created.json().id as string;
    const off = await as.keyAccountLead.patch(`/api/v1/products/${id}`, { active: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ active: false, updatedBy: org.users.leadB.id });
    const ids = async (qs: string) =>
      (await as.juniorManager.get(`/api/v1/products?${qs}`)).json().data.map((p: { id: string }) => p.id);
    expect(await ids('q=ACT-1&active=true')).toEqual([]);
    expect(await ids('q=ACT-1&active=false')).toEqual([id]);
    expect(await ids('q=ACT-1')).toEqual([id]);
    expect((await as.juniorManager.get(`/api/v1/products/${id}`)).json().active).toBe(false);
    expect((await as.keyAccountLead.patch(`/api/v1/products/${id}`, { active: true })).json().active).toBe(
      true,
    );
    const rows = await queryRows<{ data: { changes: { field: string; old: unknown; new: unknown }[] } }>(
      t.deps.db,
      sql`select data from audit_log where org_id = ${org.orgId} and action = 'product.update'
          and entity_id = ${id} order by at`,
    );
    expect(rows.map((r) => r.data.changes)).toEqual([
      [{ field: 'active', old: true, new: false }],
      [{ field: 'active', old: false, new: true }],
    ]);
    // An unchanged patch writes nothing.
    await as.keyAccountLead.patch(`/api/v1/products/${id}`, { active: true, unitPrice: 1280.5 });
    expect(await auditCount(org.orgId, 'product.update', id)).toBe(2);
  });

  it('filters by text and category and pages by code', async () => {
    for (const code of ['PG-03', 'PG-01', 'PG-02', 'PG-04'])
      await as.admin.post(
        '/api/v1/products',
        product(code, { category: code === 'PG-04' ? '耗材' : '配件' }),
      );
    const first = (await as.analyst.get('/api/v1/products?q=pg-&category=配件&limit=2')).json();
    expect(first.data.map((p: { code: string }) => p.code)).toEqual(['PG-01', 'PG-02']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (
      await as.analyst.get(`/api/v1/products?q=pg-&category=配件&limit=2&cursor=${first.nextCursor}`)
    ).json();
    expect(second.data.map((p: { code: string }) => p.code)).toEqual(['PG-03']);
    expect(second.nextCursor).toBeNull();
    // q matches names as well; % and _ are literal.
    expect((await as.analyst.get('/api/v1/products?q=产品 PG-04')).json().data).toHaveLength(1);
    expect((await as.analyst.get('/api/v1/products?q=PG%25')).json().data).toHaveLength(0);
    const categories = (await as.analyst.get('/api/v1/products/categories')).json().data;
    expect(categories).toEqual(expect.arrayContaining(['配件', '耗材', '设备']));
  });

  it('keeps organizations apart', async () => {
    const mine = await as.admin.post('/api/v1/products', product('TEN-1', { category: '只在本组织' }));
    const id = mine.json().id as string;
    expect((await otherAdmin.get(`/api/v1/products/${id}`)).statusCode).toBe(404);
    expect((await otherAdmin.patch(`/api/v1/products/${id}`, { name: 'Stolen' })).statusCode).toBe(404);
    const list = (await otherAdmin.get('/api/v1/products?limit=500')).json().data as { code: string }[];
    expect(list.map((p) => p.code).sort()).toEqual(['CAT-1', 'CAT-EUR']);
    expect((await otherAdmin.get('/api/v1/products/categories')).json().data).not.toContain('只在本组织');
    expect((await as.admin.get(`/api/v1/products/${id}`)).json().name).toBe('产品 TEN-1');
    // The same code is free in another organization.
    expect((await otherAdmin.post('/api/v1/products', product('TEN-1'))).statusCode).toBe(201);
  });
});
