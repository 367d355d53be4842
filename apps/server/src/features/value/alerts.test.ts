import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { queryRows } from '../../db/client.js';
import { seedValueOrg } from './insights-seed.js';

let t: TestApp;
let seed: Awaited<ReturnType<typeof seedValueOrg>>;
const as: Record<string, Client> = {};
type Alert = { id: string; customerId: string; ownerId: string; status: string; taskId: string | null };

beforeAll(async () => {
  t = await buildTestApp({}, { jobs: true });
  seed = await seedValueOrg(t, 'Alerts');
  for (const who of ['m1', 'm2', 'm4', 'leadA', 'leadB', 'director', 'analyst'] as const)
    as[who] = await login(t.app, seed.org.users[who].email);
});
afterAll(() => t.close());

const list = async (who: string, query = '') => {
  const res = await as[who]!.get(`/api/v1/churn-alerts${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as Alert[];
};

describe('churn alerts', () => {
  it('lists alerts scoped like customers, with filters and paging', async () => {
    const { c } = seed;
    const customersOf = async (who: string, q = '') => (await list(who, q)).map((a) => a.customerId).sort();
    expect(await customersOf('m1')).toEqual([c.c3]);
    expect(await customersOf('m4')).toEqual([c.c5]);
    expect(await customersOf('m2')).toEqual([]);
    expect(await customersOf('leadA')).toEqual([c.c3]);
    expect(await customersOf('leadB')).toEqual([c.c5]);
    expect(await customersOf('director')).toEqual([c.c3, c.c5].sort());
    expect(await customersOf('analyst')).toEqual([c.c3, c.c5].sort());
    expect(await customersOf('director', `?ownerId=${seed.org.users.m4.id}`)).toEqual([c.c5]);
    expect(await customersOf('director', `?customerId=${c.c3}`)).toEqual([c.c3]);
    expect(await customersOf('director', '?status=lost')).toEqual([]);
    const first = (await as.director!.get('/api/v1/churn-alerts?limit=1')).json();
    expect(first.data).toHaveLength(1);
    const second = (await as.director!.get(`/api/v1/churn-alerts?limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.data).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(second.data[0].id).not.toBe(first.data[0].id);
    expect((await as.director!.get('/api/v1/churn-alerts?status=closed')).statusCode).toBe(400);
  });

  it('shows one alert with its reasons and retention task; 404 outside scope', async () => {
    const [alert] = await list('m1');
    const res = await as.m1!.get(`/api/v1/churn-alerts/${alert!.id}`);
    expect(res.statusCode).toBe(200);
    const a = res.json();
    expect(a).toMatchObject({
      customerId: seed.c.c3,
      customerName: 'Value c3',
      ownerId: seed.org.users.m1.id,
      status: 'open',
      taskStatus: 'open',
      closedAt: null,
      resolution: null,
    });
    expect(a.reasons.map((r: { code: string }) => r.code)).toEqual([
      'overdue_vs_usual_interval',
      'p_alive_low',
    ]);
    expect((await as.m4!.get(`/api/v1/churn-alerts/${alert!.id}`)).statusCode).toBe(404);
    expect((await as.leadB!.get(`/api/v1/churn-alerts/${alert!.id}`)).statusCode).toBe(404);
  });

  it('is resolved by the owner as retained: the retention task is done, the note audited', async () => {
    const [alert] = await list('m1');
    const body = { outcome: 'retained', note: 'Visited; new order promised' };
    expect((await as.analyst!.post(`/api/v1/churn-alerts/${alert!.id}/resolve`, body)).statusCode).toBe(403);
    expect((await as.m4!.post(`/api/v1/churn-alerts/${alert!.id}/resolve`, body)).statusCode).toBe(404);
    const bad = await as.m1!.post(`/api/v1/churn-alerts/${alert!.id}/resolve`, { outcome: 'won', note: '' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['note', 'outcome']);

    const res = await as.m1!.post(`/api/v1/churn-alerts/${alert!.id}/resolve`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'retained',
      taskStatus: 'done',
      resolution: { outcome: 'retained', note: body.note, by: seed.org.users.m1.id },
    });
    expect(res.json().closedAt).toBe('2025-07-01T12:00:00.000Z');
    const task = (await as.m1!.get(`/api/v1/tasks/${alert!.taskId}`)).json();
    expect(task).toMatchObject({ type: 'retention', status: 'done' });
    const audits = await queryRows<{ action: string; data: { outcome?: string; note?: string } }>(
      t.deps.db,
      sql`select action, data from audit_log where org_id = ${seed.org.orgId}
            and entity_id in (${alert!.id}, ${alert!.taskId}) order by action`,
    );
    expect(audits.map((a) => a.action)).toEqual(['churn_alert.resolve', 'task.update']);
    expect(audits[0]!.data).toMatchObject({ outcome: 'retained', note: body.note });

    const again = await as.leadA!.post(`/api/v1/churn-alerts/${alert!.id}/resolve`, body);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('alert_closed');
    expect(await list('m1', '?status=open')).toEqual([]);
    expect((await list('m1', '?status=retained')).map((a) => a.id)).toEqual([alert!.id]);
  });

  it('is resolved by a lead as lost: the retention task is cancelled', async () => {
    const [alert] = await list('leadB');
    const res = await as.leadB!.post(`/api/v1/churn-alerts/${alert!.id}/resolve`, {
      outcome: 'lost',
      note: 'Moved to a competitor',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'lost', taskStatus: 'cancelled' });
    expect(res.json().resolution).toMatchObject({ outcome: 'lost', by: seed.org.users.leadB.id });
    const task = (await as.m4!.get(`/api/v1/tasks/${alert!.taskId}`)).json();
    expect(task.status).toBe('cancelled');
  });
});
