import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { orders } from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';

let t: TestApp;
let org: TestOrg;
let m1: Client;
let lead: Client;
let admin: Client;

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  m1 = await login(t.app, org.users.m1.email);
  lead = await login(t.app, org.users.leadA.email);
  admin = await login(t.app, org.users.admin.email);
});
afterAll(() => t.close());

const auditCount = async (action: string, entityId: string) =>
  (
    await queryRows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from audit_log where org_id = ${org.orgId} and action = ${action} and entity_id = ${entityId}`,
    )
  )[0]!.n;

describe('creating customers', () => {
  it('creates with every profile field and answers 201 with the resource', async () => {
    const res = await m1.post('/api/v1/customers', {
      name: '杭州云帆科技有限公司',
      type: 'company',
      industry: '互联网',
      region: '浙江·杭州',
      source: '展会',
      tier: 'B',
      tags: ['VIP', 'VIP', '长期合作'],
      phone: '+86 138-0013-8000',
      email: 'Contact@YunFan.example',
      needs: { productInterests: ['专业版软件'], preferredChannel: '微信', notes: '关注价格' },
      externalId: 'ERP-1001',
    });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      name: '杭州云帆科技有限公司',
      type: 'company',
      tier: 'B',
      stage: 'prospect',
      ownerId: org.users.m1.id,
      tags: ['VIP', '长期合作'],
      externalId: 'ERP-1001',
      masked: false,
    });
    expect(c.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(c.createdAt).toMatch(/Z$|[+-]\d\d:\d\d$/);
    expect(c.completeness).toBe(75); // name 10, industry 10, region 10, source 5, phone 15, email 10, needs 10, tags 5
    expect((await m1.get(`/api/v1/customers/${c.id}`)).json()).toEqual({ ...c });
    expect(await auditCount('customer.create', c.id)).toBe(1);
  });

  it('rejects bad fields with 400 validation_failed and one detail per field', async () => {
    const res = await m1.post('/api/v1/customers', {
      name: '',
      email: 'nope',
      phone: 'abc',
      tier: 'E',
      type: 'robot',
    });
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('validation_failed');
    expect(err.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'email',
      'name',
      'phone',
      'tier',
      'type',
    ]);
  });

  it('answers 400 for malformed JSON and an unknown owner, 404 for an unknown route', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { cookie: m1.cookie, 'x-csrf-token': m1.csrfToken, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    const owner = await lead.post('/api/v1/customers', { name: 'Owner test', ownerId: newId() });
    expect(owner.statusCode).toBe(400);
    expect(owner.json().error.details[0].path).toBe('ownerId');
    const nope = await m1.get('/api/v1/nothing-here');
    expect(nope.statusCode).toBe(404);
    expect(nope.json().error.code).toBe('not_found');
    const badId = await m1.get('/api/v1/customers/not-a-uuid');
    expect(badId.statusCode).toBe(400);
  });

  it('answers 422 when a business rule refuses the owner: departed, or a role that cannot own customers', async () => {
    await t.deps.db.execute(sql`update users set status = 'departed' where id = ${org.users.m4.id}`);
    const departed = await admin.post('/api/v1/customers', { name: 'Rule Co', ownerId: org.users.m4.id });
    expect(departed.statusCode).toBe(422);
    expect(departed.json().error).toMatchObject({
      code: 'owner_inactive',
      details: [{ path: 'ownerId', message: 'not active' }],
    });
    const agent = await admin.post('/api/v1/customers', { name: 'Rule Co', ownerId: org.users.agent.id });
    expect(agent.statusCode).toBe(422);
    expect(agent.json().error.code).toBe('owner_role_not_allowed');
  });

  it('answers 413 for a body over the size limit', async () => {
    const res = await m1.post('/api/v1/customers', {
      name: 'Big',
      needs: { notes: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });
});

describe('duplicate detection and merge', () => {
  it('answers 409 duplicate_suspected with candidates on phone, e-mail or name + region, and creates with ?force=true', async () => {
    const first = (
      await m1.post('/api/v1/customers', {
        name: 'Bluepeak Trading Co.',
        region: '上海',
        phone: '021-5555 0101',
        email: 'ops@bluepeak.example',
      })
    ).json();
    const byPhone = await m1.post('/api/v1/customers', { name: 'Other name', phone: '+86 (021) 5555-0101' });
    expect(byPhone.statusCode).toBe(409);
    expect(byPhone.json().error.code).toBe('duplicate_suspected');
    expect(byPhone.json().error.candidates).toEqual([
      { id: first.id, name: 'Bluepeak Trading Co.', matchedOn: ['phone'], accessible: true },
    ]);
    const byEmail = await m1.post('/api/v1/customers', { name: 'Third', email: 'OPS@bluepeak.example ' });
    expect(byEmail.json().error.candidates[0].matchedOn).toEqual(['email']);
    const byName = await m1.post('/api/v1/customers', { name: 'bluepeak  trading co', region: '上海' });
    expect(byName.json().error.candidates[0].matchedOn).toEqual(['name_region']);
    const otherRegion = await m1.post('/api/v1/customers', { name: 'Bluepeak Trading Co.', region: '北京' });
    expect(otherRegion.statusCode).toBe(201);
    const forced = await m1.post('/api/v1/customers?force=true', {
      name: 'Other name',
      phone: '021 5555 0101',
    });
    expect(forced.statusCode).toBe(201);
  });

  it('names a duplicate owned by a colleague without opening it', async () => {
    const m2 = await login(t.app, org.users.m2.email);
    const theirs = (
      await m2.post('/api/v1/customers', { name: 'Keystone Foods Ltd.', phone: '13611112222' })
    ).json();
    const mine = await m1.post('/api/v1/customers', { name: 'Keystone', phone: '136 1111 2222' });
    expect(mine.statusCode).toBe(409);
    expect(mine.json().error.candidates).toEqual([
      { id: theirs.id, name: 'Keystone Foods Ltd.', matchedOn: ['phone'], accessible: false },
    ]);
    expect((await m1.get(`/api/v1/customers/${theirs.id}`)).statusCode).toBe(404);
  });

  it('refuses a second customer with the same external id even when forced', async () => {
    await lead.post('/api/v1/customers', { name: 'Ext One', externalId: 'EXT-9' });
    const res = await lead.post('/api/v1/customers?force=true', { name: 'Ext Two', externalId: 'EXT-9' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('external_id_taken');
  });

  it('merges: contacts, interactions and orders move to the survivor, empty fields are filled, the source is gone', async () => {
    const survivor = (await lead.post('/api/v1/customers', { name: 'Harbor Logistics', tags: ['A'] })).json();
    const source = (
      await lead.post('/api/v1/customers?force=true', {
        name: 'Harbor Logistics (dup)',
        phone: '13755556666',
        industry: '物流',
        tags: ['B'],
        externalId: 'H-1',
      })
    ).json();
    await lead.post(`/api/v1/customers/${source.id}/contacts`, { name: '王伟', isPrimary: true });
    await lead.post(`/api/v1/customers/${source.id}/interactions`, {
      type: 'call',
      occurredAt: '2026-11-01T10:00:00+08:00',
      summary: '询价',
    });
    await t.deps.db.insert(orders).values({
      orgId: org.orgId,
      id: newId(),
      customerId: source.id,
      orderedAt: new Date('2026-10-01T00:00:00Z'),
      amount: 99.5,
    });

    expect(
      (await m1.post(`/api/v1/customers/${survivor.id}/merge`, { sourceId: source.id })).statusCode,
    ).toBe(403);
    expect(
      (await lead.post(`/api/v1/customers/${survivor.id}/merge`, { sourceId: survivor.id })).statusCode,
    ).toBe(400);
    const res = await lead.post(`/api/v1/customers/${survivor.id}/merge`, { sourceId: source.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: survivor.id,
      phone: '13755556666',
      industry: '物流',
      externalId: 'H-1',
    });
    expect(res.json().tags.sort()).toEqual(['A', 'B']);
    expect((await lead.get(`/api/v1/customers/${source.id}`)).statusCode).toBe(404);
    expect(
      (await lead.get(`/api/v1/customers/${survivor.id}/contacts`))
        .json()
        .data.map((x: { name: string }) => x.name),
    ).toEqual(['王伟']);
    expect((await lead.get(`/api/v1/customers/${survivor.id}/interactions`)).json().data).toHaveLength(1);
    const ords = (await lead.get(`/api/v1/customers/${survivor.id}/orders`)).json().data;
    expect(ords.map((o: { amount: number }) => o.amount)).toEqual([99.5]);
    const history = (await lead.get(`/api/v1/customers/${survivor.id}/history`)).json().data;
    expect(history.map((h: { field: string }) => h.field)).toEqual(
      expect.arrayContaining(['mergedFrom', 'phone', 'industry']),
    );
    expect(await auditCount('customer.merge', survivor.id)).toBe(1);
  });
});

describe('history, timeline, contacts and interactions', () => {
  it('keeps every field change with who, when, old → new', async () => {
    const c = (await m1.post('/api/v1/customers', { name: 'Summit Medical', industry: '医疗健康' })).json();
    t.setNow(new Date('2026-12-01T08:00:00Z'));
    await m1.patch(`/api/v1/customers/${c.id}`, { industry: '制造业', tags: ['VIP'] });
    t.setNow(new Date('2026-12-02T08:00:00Z'));
    const res = await m1.patch(`/api/v1/customers/${c.id}`, {
      industry: '制造业',
      name: 'Summit Medical Ltd.',
    });
    t.setNow(null);
    expect(res.json().name).toBe('Summit Medical Ltd.');
    const h = (await m1.get(`/api/v1/customers/${c.id}/history`)).json().data;
    type H = { field: string; oldValue: unknown; newValue: unknown; at: string };
    expect(h).toHaveLength(3);
    expect(h[0]).toMatchObject({
      field: 'name',
      oldValue: 'Summit Medical',
      newValue: 'Summit Medical Ltd.',
      at: '2026-12-02T08:00:00.000Z',
    });
    // Two fields changed in one request share a moment; their order among themselves is not defined.
    expect(
      h
        .slice(1)
        .map((x: H) => [x.at, x.field, x.oldValue, x.newValue])
        .sort(),
    ).toEqual([
      ['2026-12-01T08:00:00.000Z', 'industry', '医疗健康', '制造业'],
      ['2026-12-01T08:00:00.000Z', 'tags', [], ['VIP']],
    ]);
    expect(h[0].actorId).toBe(org.users.m1.id);
    expect(h[0].actorName).toBe(org.users.m1.name);
  });

  it('merges interactions, orders and changes into one timeline, newest first, paged', async () => {
    const c = (await m1.post('/api/v1/customers', { name: 'Timeline Co' })).json();
    await m1.post(`/api/v1/customers/${c.id}/interactions`, {
      type: 'visit',
      occurredAt: '2026-11-20T09:00:00+08:00',
      summary: '上门拜访',
    });
    await m1.post(`/api/v1/customers/${c.id}/interactions`, {
      type: 'call',
      occurredAt: '2026-11-25T09:00:00+08:00',
      summary: '电话',
      nextStep: '报价',
    });
    await t.deps.db.insert(orders).values({
      orgId: org.orgId,
      id: newId(),
      customerId: c.id,
      orderedAt: new Date('2026-11-22T00:00:00Z'),
      amount: 1200,
    });
    t.setNow(new Date('2026-11-30T00:00:00Z'));
    await m1.patch(`/api/v1/customers/${c.id}`, { region: '北京' });
    t.setNow(null);
    const first = (await m1.get(`/api/v1/customers/${c.id}/timeline?limit=2`)).json();
    const second = (
      await m1.get(`/api/v1/customers/${c.id}/timeline?limit=2&cursor=${first.nextCursor}`)
    ).json();
    const all = [...first.data, ...second.data];
    const kinds = all.map((x: { kind: string; title: string }) => `${x.kind}:${x.title}`);
    expect(kinds.slice(1)).toEqual(['change:region', 'interaction:call', 'order:order']);
    const rest = (
      await m1.get(`/api/v1/customers/${c.id}/timeline?limit=10&cursor=${second.nextCursor}`)
    ).json();
    expect(rest.data.map((x: { kind: string }) => x.kind)).toEqual(['interaction']);
    expect(rest.nextCursor).toBeNull();
    expect((await m1.get(`/api/v1/customers/${c.id}`)).json().lastContactedAt).toBe(
      '2026-11-25T01:00:00.000Z',
    );
  });

  it('keeps contacts, a single primary one, and the completeness score in step', async () => {
    const c = (await m1.post('/api/v1/customers', { name: 'Contact Co' })).json();
    expect(c.completeness).toBe(10);
    const a = (
      await m1.post(`/api/v1/customers/${c.id}/contacts`, {
        name: '李娜',
        isPrimary: true,
        phone: '13912345678',
        birthday: '1985-02-03',
      })
    ).json();
    const b = (
      await m1.post(`/api/v1/customers/${c.id}/contacts`, { name: 'Grace Lee', isPrimary: true })
    ).json();
    const list = (await m1.get(`/api/v1/customers/${c.id}/contacts`)).json().data;
    expect(list.map((x: { name: string; isPrimary: boolean }) => [x.name, x.isPrimary])).toEqual([
      ['李娜', false],
      ['Grace Lee', true],
    ]);
    expect((await m1.get(`/api/v1/customers/${c.id}`)).json().completeness).toBe(25);
    expect((await m1.get(`/api/v1/customers/${c.id}/completeness`)).json().missing).toContain('industry');
    const bad = await m1.patch(`/api/v1/customers/${c.id}/contacts/${a.id}`, { birthday: '03/02/1985' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('birthday');
    expect((await m1.delete(`/api/v1/customers/${c.id}/contacts/${a.id}`)).statusCode).toBe(204);
    expect((await m1.delete(`/api/v1/customers/${c.id}/contacts/${b.id}`)).statusCode).toBe(204);
    expect((await m1.get(`/api/v1/customers/${c.id}`)).json().completeness).toBe(10);
    const analyst = await login(t.app, org.users.analyst.email);
    await m1.post(`/api/v1/customers/${c.id}/contacts`, {
      name: 'Masked',
      phone: '13912345678',
      email: 'masked@x.example',
    });
    const masked = (await analyst.get(`/api/v1/customers/${c.id}/contacts`)).json().data[0];
    expect(masked).toMatchObject({ phone: '139****5678', email: 'm***@x.example' });
  });
});

describe('custom fields', () => {
  it('validates values against the organization’s typed definitions', async () => {
    expect(
      (
        await m1.post('/api/v1/custom-fields', {
          key: 'contract_no',
          labelZh: '合同号',
          labelEn: 'Contract',
          type: 'text',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await admin.post('/api/v1/custom-fields', {
          key: 'contract_no',
          labelZh: '合同号',
          labelEn: 'Contract no.',
          type: 'text',
          required: true,
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await admin.post('/api/v1/custom-fields', {
          key: 'level',
          labelZh: '等级',
          labelEn: 'Level',
          type: 'select',
          options: ['gold', 'silver'],
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await admin.post('/api/v1/custom-fields', {
          key: 'level',
          labelZh: '等级',
          labelEn: 'Level',
          type: 'number',
        })
      ).statusCode,
    ).toBe(409);
    const missing = await m1.post('/api/v1/customers', {
      name: 'CF Co',
      customFields: { level: 'bronze', nope: 1 },
    });
    expect(missing.statusCode).toBe(400);
    expect(
      missing
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['customFields.contract_no', 'customFields.level', 'customFields.nope']);
    const ok = await m1.post('/api/v1/customers', {
      name: 'CF Co',
      customFields: { contract_no: 'HT-1', level: 'gold' },
    });
    expect(ok.statusCode).toBe(201);
    const patched = await m1.patch(`/api/v1/customers/${ok.json().id}`, {
      customFields: { level: 'silver' },
    });
    expect(patched.json().customFields).toEqual({ contract_no: 'HT-1', level: 'silver' });
    const h = (await m1.get(`/api/v1/customers/${ok.json().id}/history`)).json().data[0];
    expect(h).toMatchObject({ field: 'customFields.level', oldValue: 'gold', newValue: 'silver' });
    const defs = (await m1.get('/api/v1/custom-fields')).json().data;
    expect(defs.map((d: { key: string }) => d.key)).toEqual(['contract_no', 'level']);
  });
});
