import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, type TestOrg } from '../../../test/factories.js';
import { classifyVisit, summarizeVisits, type VisitOutcome } from '@steward/core';
import { tasks } from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';

let t: TestApp;
let org: TestOrg;
const cl: Record<string, Client> = {};
const now = new Date('2026-06-01T00:00:00Z');
type Spec = { who: string; due: string; status: string; completedAt?: string; type?: string };
const specs: Spec[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  t.setNow(now);
  org = await createTestOrg(t.deps.db);
  for (const k of ['m1', 'leadA', 'director', 'agent'] as const)
    cl[k] = await login(t.app, org.users[k].email);
  specs.push(
    { who: 'm1', due: '2026-05-05T02:00:00Z', status: 'done', completedAt: '2026-05-05T15:59:59Z' }, // on time (23:59 local)
    { who: 'm1', due: '2026-05-05T02:00:00Z', status: 'done', completedAt: '2026-05-05T16:00:00Z' }, // late (next local day)
    { who: 'm1', due: '2026-05-20T02:00:00Z', status: 'open' }, // missed: grace ended 27 May
    { who: 'm1', due: '2026-05-30T02:00:00Z', status: 'in_progress' }, // pending: grace until 6 June
    { who: 'm1', due: '2026-05-10T02:00:00Z', status: 'cancelled' }, // not counted
    { who: 'm1', due: '2026-05-10T02:00:00Z', status: 'open', type: 'call' }, // not a visit
    { who: 'm1', due: '2026-04-30T17:00:00Z', status: 'done', completedAt: '2026-04-28T00:00:00Z' }, // 1 May local: on time
    { who: 'm1', due: '2026-05-31T16:30:00Z', status: 'open' }, // 1 June local: outside May
    { who: 'm3', due: '2026-05-10T02:00:00Z', status: 'done', completedAt: '2026-05-12T02:00:00Z' }, // late
    { who: 'm4', due: '2026-05-02T02:00:00Z', status: 'open' }, // missed
  );
  const users = org.users as Record<string, { id: string }>;
  await t.deps.db.insert(tasks).values(
    specs.map((s) => ({
      orgId: org.orgId,
      id: newId(),
      type: s.type ?? 'visit',
      title: 'visit',
      assigneeId: users[s.who]!.id,
      dueAt: new Date(s.due),
      status: s.status,
      completedAt: s.completedAt ? new Date(s.completedAt) : null,
      createdAt: new Date('2026-04-01T00:00:00Z'),
      updatedAt: new Date('2026-04-01T00:00:00Z'),
    })),
  );
});
afterAll(() => t.close());

const may = '/api/v1/analytics/visits?from=2026-05-01&to=2026-05-31';
const expected = (who: string[]) => {
  const counts: Partial<Record<VisitOutcome, number>> = {};
  for (const s of specs.filter((x) => who.includes(x.who) && (x.type ?? 'visit') === 'visit')) {
    if (s.due < '2026-04-30T16:00:00Z' || s.due >= '2026-05-31T16:00:00Z') continue;
    const o = classifyVisit(
      {
        dueAt: new Date(s.due),
        status: s.status,
        completedAt: s.completedAt ? new Date(s.completedAt) : null,
      },
      { now, timeZone: 'Asia/Shanghai', graceDays: 7 },
    );
    counts[o] = (counts[o] ?? 0) + 1;
  }
  return summarizeVisits(counts);
};

describe('visit plan completion', () => {
  it('classifies each planned visit as core classifyVisit does, per manager', async () => {
    const res = await cl.director!.get(may);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const m1 = body.data.find((g: { id: string }) => g.id === org.users.m1.id);
    expect(m1).toMatchObject({
      name: org.users.m1.name,
      planned: 5,
      doneOnTime: 2,
      doneLate: 1,
      missed: 1,
      pending: 1,
      completionRate: 0.6,
      onTimeRate: 0.4,
    });
    expect(m1).toMatchObject(expected(['m1']));
    expect(body.data.find((g: { id: string }) => g.id === org.users.m3.id)).toMatchObject(expected(['m3']));
    expect(body.data.find((g: { id: string }) => g.id === org.users.m4.id)).toMatchObject({
      planned: 1,
      missed: 1,
    });
    expect(body.total).toEqual(expected(['m1', 'm3', 'm4']));
    expect(body).toMatchObject({ from: '2026-05-01', to: '2026-05-31', groupBy: 'manager', graceDays: 7 });
  });

  it('groups by the assignee’s team', async () => {
    const body = (await cl.director!.get(`${may}&groupBy=team`)).json();
    const by = Object.fromEntries(body.data.map((g: { id: string; planned: number }) => [g.id, g]));
    expect(by[org.team.a]).toMatchObject({ name: 'Team A', planned: 5 });
    expect(by[org.team.a1]).toMatchObject({ name: 'Team A1', planned: 1, doneLate: 1 });
    expect(by[org.team.b]).toMatchObject({ name: 'Team B', planned: 1, missed: 1 });
  });

  it('stays within the caller’s scope', async () => {
    const mine = (await cl.m1!.get(may)).json();
    expect(mine.data.map((g: { id: string }) => g.id)).toEqual([org.users.m1.id]);
    const lead = (await cl.leadA!.get(may)).json();
    expect(lead.data.map((g: { id: string }) => g.id).sort()).toEqual(
      [org.users.m1.id, org.users.m3.id].sort(),
    );
    expect((await cl.agent!.get(may)).json().total.planned).toBe(0);
  });

  it('validates the period', async () => {
    const res = await cl.director!.get(
      '/api/v1/analytics/visits?from=2026-06-01&to=2026-05-01&groupBy=region',
    );
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['groupBy']);
    const reversed = await cl.director!.get('/api/v1/analytics/visits?from=2026-06-01&to=2026-05-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.details[0].path).toBe('to');
    expect((await cl.director!.get('/api/v1/analytics/visits?to=2026-05-01')).statusCode).toBe(400);
  });
});
