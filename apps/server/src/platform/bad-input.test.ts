import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Client, type TestApp } from '../../test/build-test-app.js';
import { createTestOrg } from '../../test/factories.js';

/** Bad input answers 4xx with the error body of API.md, never a 5xx — across the write endpoints. */
let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await buildTestApp({}, { jobs: true });
  const org = await createTestOrg(t.deps.db);
  admin = await login(t.app, org.users.admin.email);
});
afterAll(() => t.close());

const garbage: unknown[] = [
  [],
  'text',
  42,
  null,
  { nested: { deep: [1, { x: null }] } },
  { name: 123, email: [], limit: -1 },
];
const writes: [string, string][] = [
  ['POST', '/api/v1/customers'],
  ['POST', '/api/v1/customers/00000000-0000-4000-8000-000000000000/interactions'],
  ['POST', '/api/v1/customers/00000000-0000-4000-8000-000000000000/merge'],
  ['POST', '/api/v1/orders/bulk'],
  ['POST', '/api/v1/tasks'],
  ['POST', '/api/v1/users'],
  ['POST', '/api/v1/teams'],
  ['POST', '/api/v1/assignment-rules'],
  ['POST', '/api/v1/assignment-rules/dry-run'],
  ['POST', '/api/v1/rebalancing/proposals'],
  ['POST', '/api/v1/rebalancing/apply'],
  ['PUT', '/api/v1/pool/policies'],
  ['POST', '/api/v1/jobs/value-refresh/run'],
  ['POST', '/api/v1/jobs/pool-reclaim/run'],
  ['POST', '/api/v1/custom-fields'],
  ['POST', '/api/v1/auth/login'],
  ['POST', '/api/v1/complaints'],
  ['POST', '/api/v1/complaints/00000000-0000-4000-8000-000000000000/transition'],
  ['PUT', '/api/v1/settings/sla-policy'],
  ['PUT', '/api/v1/settings/business-calendar'],
  ['POST', '/api/v1/survey-templates'],
  ['POST', '/api/v1/surveys/send'],
  ['POST', '/api/v1/public/surveys/not-a-token'],
  ['PUT', '/api/v1/settings/visit-plan'],
  ['PUT', '/api/v1/settings/care'],
  ['POST', '/api/v1/goals'],
  ['POST', '/api/v1/reviews'],
  ['POST', '/api/v1/scorecard-templates'],
  ['POST', '/api/v1/commission-plans'],
  ['POST', '/api/v1/training-records'],
  ['POST', '/api/v1/exports'],
  ['POST', '/api/v1/views'],
  ['POST', '/api/v1/api-tokens'],
  ['POST', '/api/v1/webhooks'],
  ['POST', '/api/v1/churn-alerts/00000000-0000-4000-8000-000000000000/resolve'],
  ['POST', '/api/v1/reevaluation/apply'],
  ['POST', '/api/v1/products'],
  ['PATCH', '/api/v1/products/00000000-0000-4000-8000-000000000000'],
];
const OPTIONAL_BODY = new Set([
  '/api/v1/assignment-rules/dry-run',
  '/api/v1/rebalancing/proposals',
  '/api/v1/jobs/value-refresh/run',
  '/api/v1/jobs/pool-reclaim/run',
]);
const reads = [
  '/api/v1/customers?cursor=%7B%7D',
  '/api/v1/customers?limit=abc',
  '/api/v1/customers?q=' + '%25'.repeat(300),
  '/api/v1/customers/not-a-uuid/timeline',
  '/api/v1/tasks?dueFrom=yesterday',
  '/api/v1/orders?from=13-13-13',
  '/api/v1/notifications?cursor=zzz',
  '/api/v1/audit-log?limit=100000',
  '/api/v1/jobs/not-a-uuid',
  // Impossible calendar dates and forged cursors (a cursor is opaque, but clients can send anything).
  '/api/v1/analytics/complaints?from=2024-13-01&to=2024-12-31',
  '/api/v1/analytics/surveys?from=2024-02-30&to=2024-03-31',
  '/api/v1/analytics/visits?from=2024-00-10&to=2024-01-31',
  '/api/v1/kpis?subject=organization&from=2024-02-30&to=2024-03-31',
  ...['complaints', 'tasks', 'surveys/sends', 'goals', 'reviews', 'imports', 'churn-alerts'].flatMap(
    (list) => [
      `/api/v1/${list}?cursor=WyJ4IiwieSJd`,
      `/api/v1/${list}?cursor=${Buffer.from(JSON.stringify(['not-a-date', '00000000-0000-4000-8000-000000000000'])).toString('base64url')}`,
    ],
  ),
];

describe('bad input', () => {
  it.each(writes)('%s %s answers 4xx with an error body for every garbage payload', async (method, url) => {
    for (const body of garbage) {
      const res = await t.app.inject({
        method: method as 'POST',
        url,
        headers: {
          cookie: admin.cookie,
          'x-csrf-token': admin.csrfToken,
          'content-type': 'application/json',
        },
        payload: JSON.stringify(body),
      });
      // Some endpoints take an empty body (every field optional): those may succeed.
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)}: ${res.body}`).toBeLessThan(500);
      if (res.statusCode >= 400) expect(res.json().error.code).toMatch(/^[a-z_]+$/);
      else expect(OPTIONAL_BODY.has(url), `${method} ${url} accepted ${JSON.stringify(body)}`).toBe(true);
    }
  });

  it('refuses options a job does not have, naming them', async () => {
    const res = await admin.post('/api/v1/jobs/pool-reclaim/run', { asOf: '2026-01-01', horizon: 5 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ path: 'horizon', message: 'not an option of pool-reclaim' }]);
    const v = await admin.post('/api/v1/jobs/value-refresh/run', { unit: 'week', nested: { deep: 1 } });
    expect(v.json().error.details[0].path).toBe('nested');
  });

  it.each(reads)('GET %s answers 4xx, not 5xx', async (url) => {
    const res = await admin.get(url);
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, res.body).toBeLessThan(500);
    expect(res.json().error.code).toBeDefined();
  });
});
