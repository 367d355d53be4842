import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';

let t: TestApp;
let org: TestOrg;
let lead: Client;

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  lead = await login(t.app, org.users.leadA.email);
  // Team A (with sub-team A1): m1 holds 12, m2 holds 2, m3 holds 1; capacity 10 each.
  await t.deps.db.execute(
    sql`update users set capacity = 10 where id in (${org.users.m1.id}, ${org.users.m2.id}, ${org.users.m3.id})`,
  );
  const give = async (u: { id: string; teamId: string | null }, n: number) => {
    for (let i = 0; i < n; i++)
      await insertCustomer(t.deps.db, org.orgId, { id: u.id, teamId: u.teamId }, { tier: 'C' });
  };
  await give(org.users.m1, 12);
  await give(org.users.m2, 2);
  await give(org.users.m3, 1);
});
afterAll(() => t.close());

const loads = async () =>
  Object.fromEntries(
    (
      await queryRows<{ owner_id: string; n: number }>(
        t.deps.db,
        sql`select owner_id, count(*)::int n from customers where org_id = ${org.orgId} and owner_id is not null and deleted_at is null group by owner_id`,
      )
    ).map((r) => [r.owner_id, r.n]),
  );

describe('rebalancing', () => {
  it('proposes a few moves that even out load within capacity, each with a reason, and moves nobody yet', async () => {
    const res = await lead.post('/api/v1/rebalancing/proposals', { maxMoves: 10 });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.moves.length).toBeGreaterThan(0);
    expect(p.moves.length).toBeLessThanOrEqual(10);
    expect(p.after.total).toBeLessThan(p.before.total);
    for (const m of p.moves) {
      expect(m.fromManagerId).toBe(org.users.m1.id);
      expect(m.reason.code).toMatch(/even_load|improve_fit|swap/);
    }
    const after = Object.fromEntries(p.managers.map((m: { id: string; after: number }) => [m.id, m.after]));
    expect(Math.max(...(Object.values(after) as number[]))).toBeLessThanOrEqual(10);
    expect((await loads())[org.users.m1.id]).toBe(12);
  });

  it('applies some moves in one step, with history, and refuses a stale proposal', async () => {
    const p = (await lead.post('/api/v1/rebalancing/proposals', { maxMoves: 10 })).json();
    const some = p.moves
      .slice(0, 2)
      .map((m: { customerId: string; fromManagerId: string; toManagerId: string }) => ({
        customerId: m.customerId,
        fromManagerId: m.fromManagerId,
        toManagerId: m.toManagerId,
      }));
    const res = await lead.post('/api/v1/rebalancing/apply', { moves: some, reason: '均衡负载' });
    expect(res.statusCode).toBe(200);
    expect(res.json().applied).toBe(2);
    expect((await loads())[org.users.m1.id]).toBe(10);
    const h = (await lead.get(`/api/v1/customers/${some[0].customerId}/assignments`)).json().data[0];
    expect(h).toMatchObject({ kind: 'assign', reason: '均衡负载', toUserId: some[0].toManagerId });
    const again = await lead.post('/api/v1/rebalancing/apply', { moves: some });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('proposal_stale');
  });

  it('keeps leads within their teams and managers out', async () => {
    const m1 = await login(t.app, org.users.m1.email);
    expect((await m1.post('/api/v1/rebalancing/proposals', {})).statusCode).toBe(403);
    const leadB = await login(t.app, org.users.leadB.email);
    const res = await leadB.post('/api/v1/rebalancing/proposals', { teamId: org.team.a });
    expect(res.statusCode).toBe(400);
  });
});
