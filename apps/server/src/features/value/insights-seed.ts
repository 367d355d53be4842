/**
 * Test support for the value insight tests (alerts, at-risk, dashboard, re-evaluation): a small
 * organization whose numbers can be worked out by hand. Not a test file itself.
 */
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer } from '../../../test/factories.js';
import { organizations } from '../../db/schema/index.js';

export type Job = { status: string; error?: string; result?: Record<string, unknown> };

/** Runs a job through POST /jobs/{name}/run and waits for it. */
export async function runJob(admin: Client, name: string, body: object): Promise<Job> {
  const res = await admin.post(`/api/v1/jobs/${name}/run`, body);
  expect(res.statusCode, res.body).toBe(202);
  const { jobId } = res.json();
  for (let i = 0; i < 1200; i++) {
    const job = (await admin.get(`/api/v1/jobs/${jobId}`)).json() as Job;
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not finish`);
}

/**
 * Purchases (UTC days) of the seeded customers, up to the second refresh as of 2025-06-30:
 * | customer | owner | purchases                                  | F | M    | days since last |
 * | c1       | m1    | 03-20, 04-20, 05-20, 06-20 (500 each)      | 4 | 2000 | 10              |
 * | c2       | m1    | 05-01, 06-01, 06-25 (100 each)             | 3 | 300  | 5               |
 * | c3       | m1    | 2025-01-10, 02-10 (50 each)                | 2 | 100  | 140             |
 * | c4       | m2    | 2024-09-01, 2024-10-01 (10 each)           | 2 | 20   | 272             |
 * | c5       | m4    | 06-27, 06-28 (500 each)                    | 2 | 1000 | 2               |
 * | c6       | m1    | none (never scored)                        |   |      |                 |
 */
export const PURCHASES: Record<string, [string, number][]> = {
  c1: [
    ['2025-03-20', 500],
    ['2025-04-20', 500],
    ['2025-05-20', 500],
    ['2025-06-20', 500],
  ],
  c2: [
    ['2025-05-01', 100],
    ['2025-06-01', 100],
    ['2025-06-25', 100],
  ],
  c3: [
    ['2025-01-10', 50],
    ['2025-02-10', 50],
  ],
  c4: [
    ['2024-09-01', 10],
    ['2024-10-01', 10],
  ],
  c5: [
    ['2025-06-27', 500],
    ['2025-06-28', 500],
  ],
  c6: [],
};

/** The test clock after the refresh: the day after asOf. */
export const NOW = new Date('2025-07-01T12:00:00Z');

/**
 * Seeds the organization, posts the orders and runs value-refresh as of 2025-06-30 in weeks. By
 * hand (docs/decisions/0011 rules): RFM (R, F, M → FM, segment) c1 3 5 5 → 5 loyal; c2 4 4 3 → 4
 * loyal; c3 2 1 2 → 2 hibernating; c4 1 1 1 → 1 lost; c5 5 1 4 → 3 potential. Tiers on the 12
 * months' spend (2000, 300, 100, 20, 1000; percentiles 0.8, 0.4, 0.2, 0, 0.6): A, C, C, D, B.
 * Stages: c1 active, c2 new, c3 at_risk, c4 churned, c5 at_risk (its usual interval is one day,
 * and two quiet days are more than 1.5 × that), c6 prospect. Churn alerts: c3
 * (overdue against its usual interval, low P(alive)) and c5 (low P(alive)); none for churned c4.
 */
export async function seedValueOrg(t: TestApp, name = 'Value') {
  const org = await createTestOrg(t.deps.db, name);
  await t.deps.db.update(organizations).set({ timeZone: 'UTC' }).where(eq(organizations.id, org.orgId));
  const admin = await login(t.app, org.users.admin.email);
  const owner = (u: 'm1' | 'm2' | 'm4') => ({
    id: org.users[u].id,
    teamId: u === 'm4' ? org.team.b : org.team.a,
  });
  const owners = { c1: 'm1', c2: 'm1', c3: 'm1', c4: 'm2', c5: 'm4', c6: 'm1' } as const;
  const c: Record<string, string> = {};
  for (const [key, u] of Object.entries(owners)) {
    const row = await insertCustomer(t.deps.db, org.orgId, owner(u), {
      name: `Value ${key}`,
      createdAt: new Date('2024-06-01T00:00:00Z'),
      tier: null,
      stage: 'prospect',
      lastContactedAt: null,
    });
    c[key] = row.id;
  }
  const orders = Object.entries(PURCHASES).flatMap(([key, list]) =>
    list.map(([day, amount], i) => ({
      customerId: c[key]!,
      orderedAt: `${day}T12:00:00Z`,
      amount,
      externalId: `${key}-${i}`,
    })),
  );
  const res = await admin.post('/api/v1/orders/bulk', { orders });
  expect(res.json()).toMatchObject({ created: orders.length, errors: [] });
  const job = await runJob(admin, 'value-refresh', { asOf: '2025-06-30', unit: 'week' });
  expect(job.status, job.error).toBe('succeeded');
  expect(job.result).toMatchObject({ customers: 5, fitted: true, alertsOpened: 2 });
  t.setNow(NOW);
  return { org, admin, c };
}
