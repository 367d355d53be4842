import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { poolPolicies } from '../../db/schema/index.js';
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
  // Interactions and orders go through the API, which keeps the customer's last contact and
  // last order (the columns the job reads; decision 0023).
  const contact = async (key: string, daysAgo: number) => {
    const res = await admin.post(`/api/v1/customers/${ids[key]}/interactions`, {
      type: 'call',
      occurredAt: daysBefore(daysAgo).toISOString(),
      summary: `contact ${key}`,
    });
    expect(res.statusCode, res.body).toBe(201);
  };
  const order = async (key: string, daysAgo: number) => {
    const res = await admin.post('/api/v1/orders/bulk', {
      orders: [{ customerId: ids[key], orderedAt: daysBefore(daysAgo).toISOString(), amount: 100 }],
    });
    expect(res.json()).toMatchObject({ created: 1, errors: [] });
  };
  await mk('cOrdered', 'C', 35); // an order 5 days ago exempts it from the follow-up rule
  await order('cOrdered', 5);
  await mk('cProtected', 'C', 200, { protected: true });
  await mk('cLaterContact', 'C', 35); // contacted only after asOf: the job must not see it
  await contact('cLaterContact', -1);
  await mk('cContacted', 'C', 35); // contacted 3 days before asOf → keep
  await contact('cContacted', 3);
  // Contacted 3 days before asOf and again after it: the stored last contact is after asOf, so
  // the job looks up the one before → keep.
  await mk('cContactedAround', 'C', 35);
  await contact('cContactedAround', 3);
  await contact('cContactedAround', -2);
  // An order 5 days before asOf and one after it: the order before asOf exempts it → keep.
  await mk('cOrderedAround', 'C', 35);
  await order('cOrderedAround', 5);
  await order('cOrderedAround', -2);
  // Only an order after asOf: as of asOf there is none → reclaim.
  await mk('cLaterOrder', 'C', 35);
  await order('cLaterOrder', -2);
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
    expect(job.result).toMatchObject({ checked: 11, reclaimed: 4, warned: 1 });
    for (const k of ['aOverdue', 'cOverdue', 'cLaterContact', 'cLaterOrder'])
      expect(await ownerOf(k), k).toBeNull();
    for (const k of [
      'aSoon',
      'cFresh',
      'cOrdered',
      'cProtected',
      'cContacted',
      'cContactedAround',
      'cOrderedAround',
    ])
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
    expect(notes.filter((n) => n.kind === 'customer_reclaimed')).toHaveLength(4);
    // Each reclaimed customer: assignment history with the reasons, field history, audit row.
    const [rec] = await queryRows<{ reason: string; old_value: unknown; new_value: unknown; data: unknown }>(
      t.deps.db,
      sql`select h.reason, f.old_value, f.new_value, a.data
            from assignment_history h
            join field_history f on f.org_id = h.org_id and f.entity_id = h.customer_id and f.field = 'ownerId'
            join audit_log a on a.org_id = h.org_id and a.entity_id = h.customer_id and a.action = 'customer.reclaim'
           where h.org_id = ${org.orgId} and h.customer_id = ${ids.cOverdue} and h.kind = 'reclaim'`,
    );
    expect(JSON.parse(rec!.reason)).toMatchObject([
      { code: 'no_follow_up', data: { daysSince: 35, limitDays: 30 } },
    ]);
    expect(rec!.old_value).toBe(org.users.m1.id);
    expect(rec!.new_value).toBeNull();
    expect(rec!.data).toEqual({ from: org.users.m1.id, jobId: job.id });
    const [warning] = await queryRows<{ data: { dueAt: string; reasons: { code: string }[] } }>(
      t.deps.db,
      sql`select data from notifications where org_id = ${org.orgId} and kind = 'reclaim_warning'`,
    );
    expect(warning!.data.dueAt).toBe(daysBefore(-10).toISOString());
    expect(warning!.data.reasons.map((r) => r.code)).toEqual(['reclaim_warning']);
  });

  it('is idempotent: a second run with the same asOf reclaims and warns nothing more', async () => {
    const job = await runJob({ asOf: asOf.toISOString() });
    expect(job.result).toMatchObject({ checked: 7, reclaimed: 0, warned: 0 });
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

  it('uses the windows per tier the organization stored', async () => {
    const other = await createTestOrg(t.deps.db);
    await t.deps.db.insert(poolPolicies).values({
      orgId: other.orgId,
      id: newId(),
      scope: 'organization',
      scopeId: null,
      reclaim: { default: { noFollowUpDays: 50 }, C: { noFollowUpDays: 20 } },
    });
    const mk = (tier: 'B' | 'C', days: number) =>
      insertCustomer(
        t.deps.db,
        other.orgId,
        { id: other.users.m1.id, teamId: other.team.a },
        { tier, assignedAt: daysBefore(days), createdAt: daysBefore(400) },
      );
    const c25 = await mk('C', 25); // C: 20 days → reclaim
    const b25 = await mk('B', 25); // the stored default: 50 days → keep
    const otherAdmin = await login(t.app, other.users.admin.email);
    const res = await otherAdmin.post('/api/v1/jobs/pool-reclaim/run', { asOf: asOf.toISOString() });
    expect(res.statusCode).toBe(202);
    let job = { status: 'queued', result: {} };
    for (let i = 0; i < 200 && !['succeeded', 'failed'].includes(job.status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await otherAdmin.get(`/api/v1/jobs/${res.json().jobId}`)).json();
    }
    expect(job).toMatchObject({ status: 'succeeded', result: { checked: 2, reclaimed: 1, warned: 0 } });
    const owners = await queryRows<{ id: string; owner_id: string | null }>(
      t.deps.db,
      sql`select id, owner_id from customers where org_id = ${other.orgId}`,
    );
    expect(owners.find((o) => o.id === c25.id)!.owner_id).toBeNull();
    expect(owners.find((o) => o.id === b25.id)!.owner_id).toBe(other.users.m1.id);
  });

  it('reads a date-only asOf as the end of that day in the organization’s time zone', async () => {
    const res = await admin.post('/api/v1/jobs/pool-reclaim/run', { asOf: '2026-07-01' });
    const job = (await admin.get(`/api/v1/jobs/${res.json().jobId}`)).json();
    expect(job.options.asOf).toBe('2026-07-01T15:59:59.999Z');
  });

  it('leaves each customer carrying its latest hand-over, as the history says (decision 0067)', async () => {
    const rows = await queryRows<{ reclaimed: number; wrong: number }>(
      t.deps.db,
      sql`select count(*) filter (where c.owner_changed_at is not null and c.owner_id is null)::int as reclaimed,
                 count(*) filter (where c.owner_changed_at is distinct from l.at
                                     or c.owner_changed_to is distinct from l.to_user_id)::int as wrong
            from customers c
            left join lateral (select h.at, h.to_user_id from assignment_history h
                                where h.org_id = c.org_id and h.customer_id = c.id
                                order by h.at desc, h.id desc limit 1) l on true
           where c.org_id = ${org.orgId}`,
    );
    expect(rows[0]!.reclaimed).toBeGreaterThan(0);
    expect(rows[0]!.wrong).toBe(0);
  });
});
