import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';

/**
 * Data scopes (PRODUCT.md C2): manager → own customers; team lead → team and sub-teams;
 * director/admin → all; service agent and analyst → read-only. Outside scope or tenant → 404.
 */
let t: TestApp;
let org: TestOrg;
let other: TestOrg;
type Row = Awaited<ReturnType<typeof insertCustomer>>;
let c: Record<'m1' | 'm2' | 'm3' | 'm4' | 'pool' | 'foreign', Row>;
const clients: Record<string, Client> = {};
const marker = `Scopeco${Date.now()}`;

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db, 'Scope Org');
  other = await createTestOrg(t.deps.db, 'Other Org');
  const u = org.users;
  const own = (x: { id: string; teamId: string | null }) => ({ id: x.id, teamId: x.teamId });
  const name = (k: string) => ({
    name: `${marker} ${k}`,
    phone: `1390000${String(Object.keys(c ?? {}).length).padStart(4, '0')}${k.length}`,
  });
  c = {} as typeof c;
  c.m1 = await insertCustomer(t.deps.db, org.orgId, own(u.m1), {
    ...name('m1'),
    phone: '13900001111',
    phoneNorm: '13900001111',
  });
  c.m2 = await insertCustomer(t.deps.db, org.orgId, own(u.m2), {
    ...name('m2'),
    phone: '13900002222',
    phoneNorm: '13900002222',
  });
  c.m3 = await insertCustomer(t.deps.db, org.orgId, own(u.m3), {
    ...name('m3'),
    phone: '13900003333',
    phoneNorm: '13900003333',
  });
  c.m4 = await insertCustomer(t.deps.db, org.orgId, own(u.m4), {
    ...name('m4'),
    phone: '13900004444',
    phoneNorm: '13900004444',
  });
  c.pool = await insertCustomer(t.deps.db, org.orgId, null, {
    ...name('pool'),
    phone: '13900005555',
    phoneNorm: '13900005555',
  });
  c.foreign = await insertCustomer(t.deps.db, other.orgId, own(other.users.m1), {
    ...name('foreign'),
    phone: '13900006666',
    phoneNorm: '13900006666',
  });
  for (const [k, user] of Object.entries(org.users)) clients[k] = await login(t.app, user.email);
  clients.otherAdmin = await login(t.app, other.users.admin.email);
});
afterAll(() => t.close());

const names = (res: { json: () => { data: { name: string }[] } }) =>
  res
    .json()
    .data.map((x) => x.name.replace(`${marker} `, ''))
    .sort();

const visible: Record<string, string[]> = {
  admin: ['m1', 'm2', 'm3', 'm4', 'pool'],
  director: ['m1', 'm2', 'm3', 'm4', 'pool'],
  leadA: ['m1', 'm2', 'm3'],
  leadB: ['m4'],
  m1: ['m1'],
  m2: ['m2'],
  m3: ['m3'],
  m4: ['m4'],
  agent: ['m1', 'm2', 'm3', 'm4', 'pool'],
  analyst: ['m1', 'm2', 'm3', 'm4', 'pool'],
  otherAdmin: ['foreign'],
};

describe.each(Object.keys(visible))('scope of %s', (who) => {
  it('lists, searches and counts only what the role may see', async () => {
    const cl = clients[who]!;
    const list = await cl.get(`/api/v1/customers?q=${encodeURIComponent(marker)}&limit=100`);
    expect(list.statusCode).toBe(200);
    expect(names(list)).toEqual(visible[who]);
    const byPhone = await cl.get('/api/v1/customers?q=0000');
    expect(names(byPhone)).toEqual(visible[who]);
    const count = await cl.get(`/api/v1/customers/count?q=${encodeURIComponent(marker)}`);
    expect(count.json().count).toBe(visible[who]!.length);
  });

  it('opens a visible record and gets 404 for every other one, in or out of the tenant', async () => {
    const cl = clients[who]!;
    for (const [k, row] of Object.entries(c)) {
      const res = await cl.get(`/api/v1/customers/${row.id}`);
      if (visible[who]!.includes(k)) expect(res.statusCode, `${who} → ${k}`).toBe(200);
      else {
        expect(res.statusCode, `${who} → ${k}`).toBe(404);
        expect(res.json().error.code).toBe('not_found');
      }
    }
  });
});

describe('writes by scope and role', () => {
  it('a manager updates their own customer but gets 404 on a colleague’s and on another tenant’s', async () => {
    expect((await clients.m1!.patch(`/api/v1/customers/${c.m1.id}`, { industry: '金融' })).statusCode).toBe(
      200,
    );
    for (const target of [c.m2, c.m4, c.pool, c.foreign]) {
      const res = await clients.m1!.patch(`/api/v1/customers/${target.id}`, { industry: '金融' });
      expect(res.statusCode).toBe(404);
    }
  });

  it('a team lead updates customers of a sub-team but not of a sibling team', async () => {
    expect((await clients.leadA!.patch(`/api/v1/customers/${c.m3.id}`, { size: '50-199' })).statusCode).toBe(
      200,
    );
    expect((await clients.leadA!.patch(`/api/v1/customers/${c.m4.id}`, { size: '50-199' })).statusCode).toBe(
      404,
    );
  });

  it('service agents and analysts may read but not write (403), and not delete', async () => {
    for (const who of ['agent', 'analyst']) {
      const patch = await clients[who]!.patch(`/api/v1/customers/${c.m1.id}`, { industry: 'X' });
      expect(patch.statusCode).toBe(403);
      expect(patch.json().error.code).toBe('forbidden');
      expect((await clients[who]!.post('/api/v1/customers', { name: 'Nope Co' })).statusCode).toBe(403);
      expect((await clients[who]!.delete(`/api/v1/customers/${c.m1.id}`)).statusCode).toBe(403);
    }
  });

  it('a manager may not delete (403) their own customer and gets 404 on others’; a lead deletes within the team', async () => {
    expect((await clients.m2!.delete(`/api/v1/customers/${c.m2.id}`)).statusCode).toBe(403);
    expect((await clients.m2!.delete(`/api/v1/customers/${c.m4.id}`)).statusCode).toBe(404);
    expect((await clients.leadB!.delete(`/api/v1/customers/${c.m2.id}`)).statusCode).toBe(404);
    const victim = await insertCustomer(
      t.deps.db,
      org.orgId,
      { id: org.users.m4.id, teamId: org.team.b },
      { name: `${marker}-victim` },
    );
    expect((await clients.leadB!.delete(`/api/v1/customers/${victim.id}`)).statusCode).toBe(204);
    expect((await clients.leadB!.get(`/api/v1/customers/${victim.id}`)).statusCode).toBe(404);
    expect((await clients.admin!.get(`/api/v1/customers/${victim.id}`)).statusCode).toBe(404);
  });

  it('an admin of another tenant cannot read, update or delete across tenants', async () => {
    const o = clients.otherAdmin!;
    expect((await o.get(`/api/v1/customers/${c.m1.id}`)).statusCode).toBe(404);
    expect((await o.patch(`/api/v1/customers/${c.m1.id}`, { name: 'hijack' })).statusCode).toBe(404);
    expect((await o.delete(`/api/v1/customers/${c.m1.id}`)).statusCode).toBe(404);
    expect((await o.get(`/api/v1/customers/${c.m1.id}/timeline`)).statusCode).toBe(404);
    expect(
      (
        await o.post(`/api/v1/customers/${c.m1.id}/interactions`, {
          type: 'call',
          occurredAt: new Date().toISOString(),
          summary: 'x',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('a manager creates customers for themself only', async () => {
    const own = await clients.m1!.post('/api/v1/customers', { name: `${marker} new-own ${Date.now()}` });
    expect(own.statusCode).toBe(201);
    expect(own.json().ownerId).toBe(org.users.m1.id);
    expect(own.json().teamId).toBe(org.team.a);
    const forOther = await clients.m1!.post('/api/v1/customers', {
      name: `${marker} for-m2`,
      ownerId: org.users.m2.id,
    });
    expect(forOther.statusCode).toBe(403);
  });
});

describe('masking of sensitive fields', () => {
  it('shows phone and e-mail to roles with the permission and masks them for the analyst', async () => {
    const full = (await clients.director!.get(`/api/v1/customers/${c.m1.id}`)).json();
    expect(full.phone).toBe('13900001111');
    expect(full.masked).toBe(false);
    const masked = (await clients.analyst!.get(`/api/v1/customers/${c.m1.id}`)).json();
    expect(masked.phone).toBe('139****1111');
    expect(masked.masked).toBe(true);
    if (full.email) expect(masked.email).toMatch(/^.\*\*\*@/);
    const list = (await clients.analyst!.get(`/api/v1/customers?q=${encodeURIComponent(marker)}`)).json();
    const phones = list.data.map((r: { phone: string | null }) => r.phone).filter(Boolean);
    expect(phones.length).toBeGreaterThanOrEqual(5);
    for (const p of phones) expect(p).toMatch(/\*{4}/);
  });
});
