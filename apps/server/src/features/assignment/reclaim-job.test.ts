import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { interactions, orders } from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';

let t: TestApp;
let org: TestOrg;
let admin: Client;
let m1: Client;
const asOf = new Date('2026-06-30T12:00:00Z');
const daysBefore = (n: number) => new Date(asOf.getTime() - n * 86_400_000);
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp({}, { jobs: true });
  org = await createTestOrg(t.deps.db);
  admin = await login(t.app, org.users.admin.email);
  m1 = await login(t.app, org.users.m1.email);
  const owner = { id: org.users.m1.id, teamId: org.team.a };
  const mk = async (
    key: string,
    tier: 'A' | 'B' | 'C' | 'D',
    assignedDaysAgo: number,
    extra: Record<string, unknown> = {},
  ) => {
    const c = await insertCustomer(t.deps.db, org.orgId, owner, {
      name: `reclaim ${key}`,
      tier,
      assignedAt: daysBefore(assignedDaysAgo),
      createdAt: daysBefore(400),
      ...extra,
    });
    ids[key] = c.id;
    return c;
  };
  await mk('aOverdue', 'A', 70); // A: 60 days without follow-up → reclaim
  await mk('cOverdue', 'C', 35); // C (default): 30 days → reclaim
  await mk('aSoon', 'A', 50); // A: due in 10 days, warned 14 days ahead → warn
  await mk('cFresh', 'C', 10); // C: due in 20 days, warned 7 ahead → keep
  await mk('cOrdered', 'C', 35); // an order 5 days ago exempts it from the follow-up rule
  await t.deps.db.insert(orders).values({
    orgId: org.orgId,
    id: newId(),
    customerId: ids.cOrdered!,
    orderedAt: daysBefore(5),
    amount: 100,
  });
  await mk('cProtected', 'C', 200, { protected: true });
  await mk('cLaterContact', 'C', 35); // contacted only after asOf: the job must not see it
  await t.deps.db.insert(interactions).values({
    orgId: org.orgId,
    id: newId(),
    customerId: ids.cLaterContact!,
    type: 'call',
    occurredAt: daysBefore(-1),
    summary: 'later',
  });
  await mk('cContacted', 'C', 35); // contacted 3 days before asOf → keep
  await t.deps.db.insert(interactions).values({
    orgId: org.orgId,
    id: newId(),
    customerId: ids.cContacted!,
    type: 'visit',
    occurredAt: daysBefore(3),
    summary: 'visit',
  });
});
afterAll(() => t.close());

async function runJob(body: object) {
  const res = await admin.post('/api/v1/jobs/pool-reclaim/run', body);
  expect(res.statusCode).toBe(202);
  const { jobId } = res.json();
  for (let i = 0; i < 200; i++) {
    const job = (await admin.get(`/api/v1/jobs/${jobId}`)).json();
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('job did not finish');
}

const ownerOf = async (key: string) =>
  (
    await queryRows<{ owner_id: string | null }>(
      t.deps.db,
      sql`select owner_id from customers where id = ${ids[key]}`,
    )
  )[0]!.owner_id;

describe('the pool-reclaim job', () => {
  it('is run by admins only, and rejects a bad asOf with 400', async () => {
    expect((await m1.post('/api/v1/jobs/pool-reclaim/run', {})).statusCode).toBe(403);
    const bad = await admin.post('/api/v1/jobs/pool-reclaim/run', { asOf: 'yesterday' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('asOf');
    expect((await admin.post('/api/v1/jobs/no-such-job/run', {})).statusCode).toBe(404);
  });

  it('reclaims by tier windows as of a moment, warns those coming due, exempts orders and protected customers', async () => {
    const job = await runJob({ asOf: asOf.toISOString() });
    expect(job.status).toBe('succeeded');
    expect(job.progress).toBe(1);
    expect(job.result).toMatchObject({ checked: 8, reclaimed: 3, warned: 1 });
    for (const k of ['aOverdue', 'cOverdue', 'cLaterContact']) expect(await ownerOf(k), k).toBeNull();
    for (const k of ['aSoon', 'cFresh', 'cOrdered', 'cProtected', 'cContacted'])
      expect(await ownerOf(k), k).toBe(org.users.m1.id);
    const h = (await admin.get(`/api/v1/customers/${ids.aOverdue}/assignments`)).json().data[0];
    expect(h).toMatchObject({
      kind: 'reclaim',
      fromUserId: org.users.m1.id,
      toUserId: null,
      at: asOf.toISOString(),
    });
    const notes = await queryRows<{ kind: string; entity_id: string }>(
      t.deps.db,
      sql`select kind, entity_id from notifications where org_id = ${org.orgId} and user_id = ${org.users.m1.id} order by kind`,
    );
    expect(notes.filter((n) => n.kind === 'reclaim_warning').map((n) => n.entity_id)).toEqual([ids.aSoon]);
    expect(notes.filter((n) => n.kind === 'customer_reclaimed')).toHaveLength(3);
  });

  it('is idempotent: a second run with the same asOf reclaims and warns nothing more', async () => {
    const job = await runJob({ asOf: asOf.toISOString() });
    expect(job.result).toMatchObject({ checked: 5, reclaimed: 0, warned: 0 });
  });

  it('keeps the manager from re-claiming what was reclaimed from them (cool-down)', async () => {
    t.setNow(new Date(asOf.getTime() + 86_400_000));
    const res = await m1.post(`/api/v1/pool/${ids.aOverdue}/claim`);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('cooldown_active');
    const other = await login(t.app, org.users.m2.email);
    expect((await other.post(`/api/v1/pool/${ids.aOverdue}/claim`)).statusCode).toBe(200);
    t.setNow(null);
  });

  it('reads a date-only asOf as the end of that day in the organization’s time zone', async () => {
    const res = await admin.post('/api/v1/jobs/pool-reclaim/run', { asOf: '2026-07-01' });
    const job = (await admin.get(`/api/v1/jobs/${res.json().jobId}`)).json();
    expect(job.options.asOf).toBe('2026-07-01T15:59:59.999Z');
  });
});
