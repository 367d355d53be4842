import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';

let t: TestApp;
let org: TestOrg;
let m1: Client;

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  m1 = await login(t.app, org.users.m1.email);
  const director = await login(t.app, org.users.director.email);
  await director.put('/api/v1/pool/policies', { scope: 'user', scopeId: org.users.m1.id, maxProtected: 1 });
});
afterAll(() => t.close());

const mine = () => insertCustomer(t.deps.db, org.orgId, { id: org.users.m1.id, teamId: org.team.a });

describe('protecting customers from reclaim', () => {
  it('lets the owner protect up to their limit (422 protect_limit_reached after), and lift it', async () => {
    const a = await mine();
    const b = await mine();
    const res = await m1.put(`/api/v1/customers/${a.id}/protected`, { protected: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().protected).toBe(true);
    const second = await m1.put(`/api/v1/customers/${b.id}/protected`, { protected: true });
    expect(second.statusCode).toBe(422);
    expect(second.json().error.code).toBe('protect_limit_reached');
    expect((await m1.put(`/api/v1/customers/${a.id}/protected`, { protected: false })).json().protected).toBe(
      false,
    );
    expect((await m1.put(`/api/v1/customers/${b.id}/protected`, { protected: true })).statusCode).toBe(200);
  });

  it('refuses read-only roles (403), customers outside scope (404) and pool customers (422)', async () => {
    const a = await mine();
    const analyst = await login(t.app, org.users.analyst.email);
    expect((await analyst.put(`/api/v1/customers/${a.id}/protected`, { protected: true })).statusCode).toBe(
      403,
    );
    const m4 = await login(t.app, org.users.m4.email);
    expect((await m4.put(`/api/v1/customers/${a.id}/protected`, { protected: true })).statusCode).toBe(404);
    const pool = await insertCustomer(t.deps.db, org.orgId, null);
    const lead = await login(t.app, org.users.director.email);
    const res = await lead.put(`/api/v1/customers/${pool.id}/protected`, { protected: true });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('not_owned');
  });
});
