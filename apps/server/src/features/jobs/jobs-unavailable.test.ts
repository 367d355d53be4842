import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';

// A server started without background jobs refuses to queue — and records nothing it cannot run.
let t: TestApp;
let org: TestOrg;
let admin: Client;

beforeAll(async () => {
  t = await buildTestApp({}, { jobs: false });
  org = await createTestOrg(t.deps.db, 'No jobs');
  admin = await login(t.app, org.users.admin.email);
});
afterAll(() => t.close());

const count = async (q: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(t.deps.db, q))[0]!.n;

describe('without a job queue', () => {
  it('answers 503 jobs_unavailable and leaves no queued job, export audit or import behind', async () => {
    const run = await admin.post('/api/v1/jobs/visit-plan/run', {});
    expect(run.statusCode).toBe(503);
    expect(run.json().error.code).toBe('jobs_unavailable');
    const exp = await admin.post('/api/v1/exports', { list: 'customers', format: 'csv', filters: {} });
    expect(exp.statusCode).toBe(503);
    expect(await count(sql`select count(*)::int as n from jobs where org_id = ${org.orgId}`)).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from audit_log where org_id = ${org.orgId} and action = 'export.create'`,
      ),
    ).toBe(0);
  });
});
