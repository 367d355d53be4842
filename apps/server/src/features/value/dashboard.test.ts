import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { CLV_EDGES } from './dashboard.js';
import { NOW, seedValueOrg } from './insights-seed.js';

let t: TestApp;
let admin: Client;
let seed: Awaited<ReturnType<typeof seedValueOrg>>;
const clv: Record<string, number> = {};

beforeAll(async () => {
  t = await buildTestApp({}, { jobs: true });
  seed = await seedValueOrg(t, 'Dashboard');
  admin = seed.admin;
  for (const key of ['c1', 'c2', 'c3', 'c4', 'c5']) {
    const v = (await admin.get(`/api/v1/customers/${seed.c[key]}/value`)).json();
    clv[key] = v.clv.value;
  }
});
afterAll(() => t.close());

const sum = (...keys: string[]) => keys.reduce((s, k) => s + clv[k]!, 0);
const byKey = <T extends Record<string, unknown>>(rows: T[], key: keyof T) =>
  Object.fromEntries(rows.map((r) => [String(r[key]), r]));

describe('GET /analytics/value', () => {
  it('gives segment, tier, CLV, lifecycle and alert numbers that match the hand computation', async () => {
    const res = await admin.get('/api/v1/analytics/value');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d).toMatchObject({ customers: 6, scored: 5 });

    const seg = byKey(d.segments, 'segment');
    expect(Object.keys(seg).sort()).toEqual(['hibernating', 'lost', 'loyal', 'potential']);
    expect(seg.loyal).toMatchObject({ customers: 2, monetary: 2300 });
    expect(seg.loyal!.clv).toBeCloseTo(sum('c1', 'c2'), 6);
    expect(seg.hibernating).toMatchObject({ customers: 1, monetary: 100 });
    expect(seg.lost).toMatchObject({ customers: 1, monetary: 20 });
    expect(seg.potential).toMatchObject({ customers: 1, monetary: 1000 });
    expect(seg.potential!.clv).toBeCloseTo(clv.c5!, 6);

    expect(
      d.tiers.map((r: { tier: string | null; customers: number; monetary: number }) => [
        r.tier,
        r.customers,
        r.monetary,
      ]),
    ).toEqual([
      ['A', 1, 2000],
      ['B', 1, 1000],
      ['C', 2, 400],
      ['D', 1, 20],
      [null, 1, 0],
    ]);
    expect(byKey(d.tiers, 'tier').C!.clv).toBeCloseTo(sum('c2', 'c3'), 6);

    // Histogram: each customer's CLV in its [from, to) bucket; buckets from the first to the last filled.
    const bucketOf = (v: number) => CLV_EDGES.findLastIndex((e) => e <= v);
    const want = new Map<number, number>();
    for (const v of Object.values(clv)) want.set(bucketOf(v), (want.get(bucketOf(v)) ?? 0) + 1);
    const lo = Math.min(...want.keys());
    const hi = Math.max(...want.keys());
    expect(d.clvHistogram).toHaveLength(hi - lo + 1);
    d.clvHistogram.forEach((b: { from: number; to: number; customers: number }, i: number) => {
      expect(b.from).toBe(CLV_EDGES[lo + i]);
      expect(b.to).toBe(CLV_EDGES[lo + i + 1]);
      expect(b.customers).toBe(want.get(lo + i) ?? 0);
    });
    expect(d.clvHistogram.reduce((s: number, b: { customers: number }) => s + b.customers, 0)).toBe(5);

    expect(byKey(d.lifecycle.stages, 'stage')).toEqual({
      new: { stage: 'new', customers: 1 },
      active: { stage: 'active', customers: 1 },
      at_risk: { stage: 'at_risk', customers: 2 },
      churned: { stage: 'churned', customers: 1 },
      prospect: { stage: 'prospect', customers: 1 },
    });
    // The refresh (at asOf, within the last 30 days of NOW) moved every scored customer out of prospect.
    expect(d.lifecycle.flowDays).toBe(30);
    expect(d.lifecycle.transitions).toEqual([
      { from: 'prospect', to: 'at_risk', customers: 2 },
      { from: 'prospect', to: 'active', customers: 1 },
      { from: 'prospect', to: 'churned', customers: 1 },
      { from: 'prospect', to: 'new', customers: 1 },
    ]);

    expect(d.alertsByManager.map((a: { ownerId: string; open: number }) => [a.ownerId, a.open])).toEqual(
      expect.arrayContaining([
        [seed.org.users.m1.id, 1],
        [seed.org.users.m4.id, 1],
      ]),
    );
    expect(d.alertsByManager).toHaveLength(2);
  });

  it('counts an alert resolved as retained, and the flow only within flowDays', async () => {
    const m4 = await login(t.app, seed.org.users.m4.email);
    const [alert] = (await m4.get('/api/v1/churn-alerts')).json().data;
    const res = await m4.post(`/api/v1/churn-alerts/${alert.id}/resolve`, {
      outcome: 'retained',
      note: 'called',
    });
    expect(res.statusCode, res.body).toBe(200);
    const d = (await admin.get('/api/v1/analytics/value')).json();
    expect(
      d.alertsByManager.find((a: { ownerId: string }) => a.ownerId === seed.org.users.m4.id),
    ).toMatchObject({
      open: 0,
      retained: 1,
      lost: 0,
    });
    t.setNow(new Date(NOW.getTime() + 3 * 86_400_000));
    expect((await admin.get('/api/v1/analytics/value?flowDays=1')).json().lifecycle.transitions).toEqual([]);
    t.setNow(NOW);
  });

  it('is scoped: a manager sees their book, a lead their teams; filters by team and owner', async () => {
    const m1 = await login(t.app, seed.org.users.m1.email);
    const mine = (await m1.get('/api/v1/analytics/value')).json();
    expect(mine).toMatchObject({ customers: 4, scored: 3 });
    expect(mine.tiers.map((r: { tier: string | null; customers: number }) => [r.tier, r.customers])).toEqual([
      ['A', 1],
      ['C', 2],
      [null, 1],
    ]);
    expect(mine.alertsByManager.map((a: { ownerId: string }) => a.ownerId)).toEqual([seed.org.users.m1.id]);

    const leadB = await login(t.app, seed.org.users.leadB.email);
    const b = (await leadB.get('/api/v1/analytics/value')).json();
    expect(b).toMatchObject({ customers: 1, scored: 1 });
    expect(b.segments).toEqual([{ segment: 'potential', customers: 1, monetary: 1000, clv: clv.c5 }]);

    const director = await login(t.app, seed.org.users.director.email);
    const teamB = (await director.get(`/api/v1/analytics/value?teamId=${seed.org.team.b}`)).json();
    expect(teamB.customers).toBe(1);
    const ofM2 = (await director.get(`/api/v1/analytics/value?ownerId=${seed.org.users.m2.id}`)).json();
    expect(ofM2.segments.map((s: { segment: string }) => s.segment)).toEqual(['lost']);
    const unknownTeam = await director.get(`/api/v1/analytics/value?teamId=${seed.org.users.m2.id}`);
    expect(unknownTeam.statusCode).toBe(400);
    expect(unknownTeam.json().error.details[0].path).toBe('teamId');
  });
});
