import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { queryRows } from '../../db/client.js';
import { orgSettings } from '../../db/schema/index.js';
import { NOW, seedValueOrg } from './insights-seed.js';
import { STANDARD_TEAM_KEY } from './reevaluation.js';

let t: TestApp;
let seed: Awaited<ReturnType<typeof seedValueOrg>>;
const as: Record<string, Client> = {};
type Proposal = {
  customerId: string;
  action: string;
  fromUserId: string;
  toUserId: string | null;
  currentValue: number;
  predictedValue: number;
  uplift: number;
  reason: { code: string };
};
const clv: Record<string, number> = {};

beforeAll(async () => {
  t = await buildTestApp({}, { jobs: true });
  seed = await seedValueOrg(t, 'Reevaluation');
  for (const who of ['m1', 'leadA', 'director', 'analyst'] as const)
    as[who] = await login(t.app, seed.org.users[who].email);
  for (const key of ['c2', 'c3', 'c4'])
    clv[key] = (await seed.admin.get(`/api/v1/customers/${seed.c[key]}/value`)).json().clv.value;
});
afterAll(() => t.close());

const propose = async (who: string, query = '') => {
  const res = await as[who]!.get(`/api/v1/reevaluation${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const ownerOf = async (key: string) =>
  (await as.director!.get(`/api/v1/customers/${seed.c[key]}`)).json().ownerId as string | null;

describe('low-value re-evaluation', () => {
  it('is for leads, directors and admins only', async () => {
    expect((await as.m1!.get('/api/v1/reevaluation')).statusCode).toBe(403);
    expect((await as.analyst!.get('/api/v1/reevaluation')).statusCode).toBe(403);
    const body = { moves: [{ customerId: seed.c.c3, toUserId: null }], reason: 'x' };
    expect((await as.m1!.post('/api/v1/reevaluation/apply', body)).statusCode).toBe(403);
    const notMine = await as.leadA!.get(`/api/v1/reevaluation?teamId=${seed.org.team.b}`);
    expect(notMine.statusCode).toBe(400);
    const unknown = await as.leadA!.get('/api/v1/reevaluation?teamId=00000000-0000-4000-8000-000000000000');
    expect(notMine.json()).toEqual(unknown.json());
  });

  it('proposes high-potential C/D customers to the best-fitting manager, the rest to the pool', async () => {
    const r = await propose('leadA');
    // C/D customers of team A with a CLV: c2 (C, 300 a year), c3 (C, 100), c4 (D, 20).
    expect(r.candidates).toBe(3);
    expect(r.standardTeam).toBeNull();
    const ps = r.proposals as Proposal[];
    expect(ps.map((p) => [p.customerId, p.action])).toEqual([
      [seed.c.c2, 'assign_manager'],
      [seed.c.c3, 'standard_team'],
      [seed.c.c4, 'standard_team'],
    ]);
    const [c2, c3, c4] = ps;
    expect(c2).toMatchObject({
      currentValue: 300,
      fromUserId: seed.org.users.m1.id,
      reason: { code: 'high_potential' },
    });
    expect(c2!.predictedValue).toBeCloseTo(clv.c2!, 6);
    expect(c2!.uplift).toBeCloseTo(clv.c2! / 300, 3);
    // All juniors fit a C customer alike; m3 has the most spare capacity (load 0 of 200).
    expect(c2!.toUserId).toBe(seed.org.users.m3.id);
    expect(c3).toMatchObject({ currentValue: 100, toUserId: null, reason: { code: 'low_value' } });
    expect(c4).toMatchObject({ currentValue: 20, toUserId: null, fromUserId: seed.org.users.m2.id });
    expect(r.freedCapacity).toEqual({ [seed.org.users.m1.id]: 2, [seed.org.users.m2.id]: 1 });
    // A stricter uplift keeps c2 off the manager list.
    const strict = await propose('leadA', '?upliftRatio=1000');
    expect(strict.proposals.every((p: Proposal) => p.action === 'standard_team')).toBe(true);
  });

  it('sends the rest to the standard-service team named in the org settings', async () => {
    await t.deps.db.insert(orgSettings).values({
      orgId: seed.org.orgId,
      key: STANDARD_TEAM_KEY,
      value: { teamId: seed.org.team.b },
      updatedAt: new Date(),
    });
    const r = await propose('leadA');
    expect(r.standardTeam).toEqual({ id: seed.org.team.b, name: 'Team B' });
    const to = Object.fromEntries((r.proposals as Proposal[]).map((p) => [p.customerId, p.toUserId]));
    expect(to).toEqual({
      [seed.c.c2!]: seed.org.users.m3.id,
      [seed.c.c3!]: seed.org.users.m4.id,
      [seed.c.c4!]: seed.org.users.m4.id,
    });
  });

  it('applies moves in one transaction: one refusal rolls back all', async () => {
    const res = await as.leadA!.post('/api/v1/reevaluation/apply', {
      moves: [
        { customerId: seed.c.c2, toUserId: seed.org.users.m3.id },
        { customerId: seed.c.c3, toUserId: seed.org.users.leadB.id },
      ],
      reason: 'Low-value review',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('moves.1.toUserId');
    expect(await ownerOf('c2')).toBe(seed.org.users.m1.id);
  });

  it('applies through the assignment service with the reason in the history', async () => {
    const res = await as.leadA!.post('/api/v1/reevaluation/apply', {
      moves: [
        { customerId: seed.c.c2, toUserId: seed.org.users.m3.id },
        { customerId: seed.c.c3, toUserId: seed.org.users.m4.id },
        { customerId: seed.c.c4, toUserId: seed.org.users.m4.id },
        { customerId: seed.c.c1, toUserId: seed.org.users.m1.id },
      ],
      reason: 'Low-value review',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ applied: 3, unchanged: 1 });
    expect(await ownerOf('c2')).toBe(seed.org.users.m3.id);
    expect(await ownerOf('c3')).toBe(seed.org.users.m4.id);
    expect(await ownerOf('c4')).toBe(seed.org.users.m4.id);
    for (const key of ['c2', 'c3']) {
      const hist = (await as.director!.get(`/api/v1/customers/${seed.c[key]}/assignments`)).json().data;
      expect(hist[0]).toMatchObject({
        kind: 'assign',
        reason: 'Low-value review',
        actorId: seed.org.users.leadA.id,
      });
    }
    const audits = await queryRows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from audit_log where org_id = ${seed.org.orgId}
            and action in ('customer.assign', 'customer.reevaluate')`,
    );
    expect(audits[0]!.n).toBe(4);
    // Customers already served by the standard team are not proposed again.
    const again = await propose('director', `?teamId=${seed.org.team.b}`);
    expect(again.candidates).toBe(2);
    expect(again.proposals).toEqual([]);
  });

  it('releases to the pool when the move names no one', async () => {
    t.setNow(new Date(NOW.getTime() + 3_600_000));
    const res = await as.director!.post('/api/v1/reevaluation/apply', {
      moves: [{ customerId: seed.c.c4, toUserId: null }],
      reason: 'Standard service by the pool',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await ownerOf('c4')).toBeNull();
    const hist = (await as.director!.get(`/api/v1/customers/${seed.c.c4}/assignments`)).json().data;
    expect(hist[0]).toMatchObject({ kind: 'release', reason: 'Standard service by the pool' });
  });
});
