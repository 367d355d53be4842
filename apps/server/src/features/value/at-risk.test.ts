import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { NOW, seedValueOrg } from './insights-seed.js';

let t: TestApp;
let seed: Awaited<ReturnType<typeof seedValueOrg>>;
const as: Record<string, Client> = {};
type Item = {
  customerId: string;
  clv: number;
  pAlive: number;
  valueAtRisk: number;
  priority: number;
  action: string;
  reasons: { code: string }[];
  openAlert: { id: string } | null;
  explanation: { score: string; result: string };
};

beforeAll(async () => {
  t = await buildTestApp({}, { jobs: true });
  seed = await seedValueOrg(t, 'At risk');
  for (const who of ['m1', 'm2', 'leadA', 'leadB', 'director'] as const)
    as[who] = await login(t.app, seed.org.users[who].email);
});
afterAll(() => t.close());

describe('GET /value/at-risk', () => {
  it("orders the caller's book by value at risk with its next-best action and reasons", async () => {
    const res = await as.m1!.get('/api/v1/value/at-risk');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.manager.id).toBe(seed.org.users.m1.id);
    expect(body.asOf).toBe('2025-06-30T23:59:59.999Z');
    // c6 has no purchase and is not scored; c1, c2, c3 are.
    expect(body.total).toBe(3);
    const items = body.data as Item[];
    expect(items.map((i) => i.customerId)).toEqual([seed.c.c3, seed.c.c2, seed.c.c1]);
    for (const i of items) {
      expect(i.valueAtRisk).toBeCloseTo(i.clv * (1 - i.pAlive), 9);
      expect(i.explanation).toMatchObject({ score: 'next_best_action', result: i.action });
    }
    // c3 has an open churn alert: priority = value at risk × (1 + 0.5), action retain.
    const [c3, c2, c1] = items;
    expect(c3!.priority).toBeCloseTo(c3!.valueAtRisk * 1.5, 9);
    expect(c3!.action).toBe('retain');
    expect(c3!.reasons.map((r) => r.code)).toEqual([
      'value_at_risk',
      'churn_alert',
      'overdue_vs_usual_interval',
      'p_alive_low',
    ]);
    expect(c3!.openAlert).not.toBeNull();
    // c1, c2: almost surely alive, nothing else fired.
    for (const i of [c2!, c1!]) {
      expect(i.priority).toBeCloseTo(i.valueAtRisk, 9);
      expect(i.action).toBe('check_in');
      expect(i.reasons.map((r) => r.code)).toEqual(['value_at_risk']);
      expect(i.openAlert).toBeNull();
    }
    expect(c2!.priority).toBeGreaterThan(c1!.priority);
    const limited = (await as.m1!.get('/api/v1/value/at-risk?limit=1')).json();
    expect(limited.total).toBe(3);
    expect(limited.data.map((i: Item) => i.customerId)).toEqual([seed.c.c3]);
  });

  it('adds overdue visits and a long contact gap to the reasons', async () => {
    const due = new Date(NOW.getTime() - 2 * 86_400_000).toISOString();
    const task = await as.m1!.post('/api/v1/tasks', {
      type: 'visit',
      title: 'Quarterly visit',
      customerId: seed.c.c1,
      assigneeId: seed.org.users.m1.id,
      dueAt: due,
      priority: 'normal',
    });
    expect(task.statusCode, task.body).toBe(201);
    const items = (await as.m1!.get('/api/v1/value/at-risk')).json().data as Item[];
    const c1 = items.find((i) => i.customerId === seed.c.c1)!;
    expect(c1.action).toBe('visit');
    expect(c1.reasons.map((r) => r.code)).toEqual(['value_at_risk', 'overdue_visits']);
    expect(c1.priority).toBeCloseTo(c1.valueAtRisk * 1.25, 9);
  });

  it("keeps a manager to their own book; a lead reaches their teams' members", async () => {
    const other = await as.m1!.get(`/api/v1/value/at-risk?managerId=${seed.org.users.m2.id}`);
    expect(other.statusCode).toBe(404);
    const unknownId = await as.m1!.get(
      `/api/v1/value/at-risk?managerId=00000000-0000-4000-8000-000000000000`,
    );
    expect(other.json()).toEqual(unknownId.json());
    const ofM1 = await as.leadA!.get(`/api/v1/value/at-risk?managerId=${seed.org.users.m1.id}`);
    expect(ofM1.statusCode).toBe(200);
    expect(ofM1.json().total).toBe(3);
    expect((await as.leadA!.get(`/api/v1/value/at-risk?managerId=${seed.org.users.m4.id}`)).statusCode).toBe(
      404,
    );
    const m4 = (await as.leadB!.get(`/api/v1/value/at-risk?managerId=${seed.org.users.m4.id}`)).json();
    expect(m4.data.map((i: Item) => i.customerId)).toEqual([seed.c.c5]);
    const m2 = (await as.director!.get(`/api/v1/value/at-risk?managerId=${seed.org.users.m2.id}`)).json();
    expect(m2.data.map((i: Item) => i.customerId)).toEqual([seed.c.c4]);
    const unknown = await as.director!.get(`/api/v1/value/at-risk?managerId=${seed.c.c1}`);
    expect(unknown.statusCode).toBe(404);
  });
});
