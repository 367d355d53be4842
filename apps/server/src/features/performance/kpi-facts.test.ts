import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { assignmentHistory, customers, orders, organizations, tasks } from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';
import { runKpiFacts, runsOf } from './kpi-facts.js';
import { computeKpis, computeKpisByUser } from './kpis.js';
import { bookOwnersAt, ownerAt, ownersAt } from './kpi-repo.js';
import { kpiValues, seedKpiScenario } from './kpi-scenario.js';

let t: TestApp;
let org: TestOrg;
let admin: Client;
let director: Client;
const APRIL = 'from=2026-04-01&to=2026-04-30';
const AS_OF = new Date('2026-05-10T00:00:00Z');

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  await seedKpiScenario(t.deps.db, org);
  admin = await login(t.app, org.users.admin.email);
  director = await login(t.app, org.users.director.email);
  t.setNow(AS_OF);
});
afterAll(() => t.close());

/** Builds the missing days (since SINCE unless `all`: the periods the tests read, fewer batches). */
const SINCE = '2025-05-01';
const buildFacts = (opts: { all?: boolean } = {}) =>
  runKpiFacts({
    deps: t.deps,
    orgId: org.orgId,
    jobId: newId(),
    actorId: null,
    asOf: AS_OF,
    options: opts.all ? {} : { since: SINCE },
    progress: async () => {},
  });

const coveredDays = async () =>
  (
    await queryRows<{ day: string }>(
      t.deps.db,
      sql`select day::text as day from kpi_fact_days where org_id = ${org.orgId} and covered_until is null order by day`,
    )
  ).map((r) => r.day);

/** The days built while they ran, with the instant their facts reach (decision 0061). */
const partialDays = async () =>
  (
    await queryRows<{ day: string; until: string }>(
      t.deps.db,
      sql`select day::text as day, covered_until as until from kpi_fact_days
           where org_id = ${org.orgId} and covered_until is not null order by day`,
    )
  ).map((r) => ({ day: r.day, until: new Date(r.until).toISOString() }));

const forgetFacts = () => t.deps.db.execute(sql`delete from kpi_fact_days where org_id = ${org.orgId}`);

const kpis = (subject: string, period = APRIL) => kpiValues(admin, subject, period);
async function board(period = APRIL) {
  const res = await director.get(`/api/v1/scorecards/rankings?organization=true&${period}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as { managerId: string; overall: number | null; companyRank: number | null }[];
}

/** Every subject's KPIs and the leaderboard, for April and for 10 April – 9 May (a range across the month). */
async function everything() {
  const subjects = [
    'organization',
    `team:${org.team.a}`,
    `team:${org.team.b}`,
    ...(['m1', 'm2', 'm3', 'm4'] as const).map((k) => `manager:${org.users[k].id}`),
  ];
  const out: Record<string, unknown> = {};
  for (const period of [APRIL, 'from=2026-04-10&to=2026-05-09', 'from=2026-05-01&to=2026-05-31'])
    for (const s of subjects) out[`${s} ${period}`] = await kpis(s, period);
  out.board = await board();
  return out;
}

/**
 * The same answers from the facts as computed directly with no facts at all — the days a test's
 * writes delisted built again first, so that they are compared too.
 */
async function expectFactsEqualDirect() {
  await buildFacts();
  expect((await coveredDays()).length).toBeGreaterThan(0);
  const withFacts = await everything();
  await forgetFacts();
  const direct = await everything();
  expect(withFacts).toEqual(direct);
  await buildFacts();
}

describe(
  'KPI facts (pre-aggregated orders and new customers per manager and day)',
  { timeout: 180_000 },
  () => {
    it('the job builds every whole local day up to asOf; the hand-computed April holds with facts', async () => {
      const before = await everything();
      const result = await buildFacts({ all: true });
      const days = await coveredDays();
      // From the first customer (2024-01-01 local) to 9 May, the last whole day before asOf (10 May 08:00 local).
      expect(days[0]).toBe('2024-01-01');
      expect(days[days.length - 1]).toBe('2026-05-09');
      expect(result.days).toBe(days.length);
      expect((await buildFacts({ all: true })).days).toBe(0); // nothing missing on a re-run
      // The hand-computed values of kpis.test.ts, now from the facts.
      expect(await kpis(`manager:${org.users.m1.id}`)).toMatchObject({
        sales_amount: 1270,
        order_count: 3,
        new_customers: 1,
      });
      expect(await kpis(`team:${org.team.a}`)).toMatchObject({ sales_amount: 2170, order_count: 5 });
      expect(await kpis('organization')).toMatchObject({
        sales_amount: 2370,
        order_count: 7,
        new_customers: 2,
      });
      expect(await everything()).toEqual(before);
    });

    it('answers are read from the facts of covered days (a tampered fact shows)', async () => {
      await t.deps.db.execute(
        sql`update kpi_day_facts set orders = orders + 100 where org_id = ${org.orgId}
            and user_id = ${org.users.m4.id} and day = '2026-04-18'`,
      );
      expect((await kpis(`manager:${org.users.m4.id}`)).order_count).toBe(101);
      await forgetFacts(); // the day is computed directly again
      expect((await kpis(`manager:${org.users.m4.id}`)).order_count).toBe(1);
      await buildFacts();
      expect((await kpis(`manager:${org.users.m4.id}`)).order_count).toBe(1);
    });

    it('a late order, an order moved to another day or customer and a deleted order invalidate their days', async () => {
      const [c2] = await queryRows<{ id: string }>(
        t.deps.db,
        sql`select customer_id as id from orders where org_id = ${org.orgId} and amount = 200`,
      );
      const late = newId();
      // 15 April 10:00 local, entered on 10 May.
      await t.deps.db.insert(orders).values({
        orgId: org.orgId,
        id: late,
        customerId: c2!.id,
        orderedAt: new Date('2026-04-15T02:00:00Z'),
        amount: 1000,
      });
      expect(await coveredDays()).not.toContain('2026-04-15');
      expect(await kpis(`manager:${org.users.m1.id}`)).toMatchObject({ sales_amount: 2270, order_count: 4 });
      await expectFactsEqualDirect();

      // Moved to 2 May local and to C9 (owned by m2): April loses it, May gains it for m2.
      const [c9] = await queryRows<{ id: string }>(
        t.deps.db,
        sql`select customer_id as id from orders where org_id = ${org.orgId} and amount = 60`,
      );
      await t.deps.db
        .update(orders)
        .set({ orderedAt: new Date('2026-05-02T02:00:00Z'), customerId: c9!.id })
        .where(and(eq(orders.orgId, org.orgId), eq(orders.id, late)));
      const days = await coveredDays();
      expect(days).not.toContain('2026-04-15');
      expect(days).not.toContain('2026-05-02');
      expect(await kpis(`manager:${org.users.m1.id}`)).toMatchObject({ sales_amount: 1270, order_count: 3 });
      expect(await kpis(`manager:${org.users.m2.id}`, 'from=2026-05-01&to=2026-05-31')).toMatchObject({
        sales_amount: 1000,
        order_count: 1,
      });
      await expectFactsEqualDirect();

      await t.deps.db.delete(orders).where(and(eq(orders.orgId, org.orgId), eq(orders.id, late)));
      expect(await coveredDays()).not.toContain('2026-05-02');
      expect(await kpis(`manager:${org.users.m2.id}`, 'from=2026-05-01&to=2026-05-31')).toMatchObject({
        sales_amount: null,
        order_count: null,
      });
      await expectFactsEqualDirect();
    });

    it('a customer moved between managers mid-period (history written late) re-credits the affected days only', async () => {
      // C3 has no history: its orders go to the current owner m3. A hand-over m4 → m3 recorded on
      // 1 April 00:00 local makes it the first row: earlier orders now go to m4, April's stay m3's.
      const [c3] = await queryRows<{ id: string }>(
        t.deps.db,
        sql`select customer_id as id from orders where org_id = ${org.orgId} and amount = 400`,
      );
      await t.deps.db.insert(assignmentHistory).values({
        orgId: org.orgId,
        id: newId(),
        customerId: c3!.id,
        kind: 'handover',
        fromUserId: org.users.m4.id,
        toUserId: org.users.m3.id,
        at: new Date('2026-03-31T16:00:00Z'),
      });
      const days = await coveredDays();
      expect(days).not.toContain('2025-06-01'); // C3's order of 1 June 2025, before the row
      expect(days).not.toContain('2026-04-05'); // and of 5 April, after it
      expect(days).toContain('2026-04-18'); // other customers' days keep their facts
      expect(await kpis(`manager:${org.users.m4.id}`, 'from=2025-06-01&to=2025-06-30')).toMatchObject({
        sales_amount: 20,
      });
      expect(await kpis(`manager:${org.users.m3.id}`)).toMatchObject({ sales_amount: 400 });
      await expectFactsEqualDirect();

      // A later move on 20 April local: the order of 5 April stays m3's (moving never moves past sales).
      await t.deps.db.insert(assignmentHistory).values({
        orgId: org.orgId,
        id: newId(),
        customerId: c3!.id,
        kind: 'assign',
        fromUserId: org.users.m3.id,
        toUserId: org.users.m2.id,
        at: new Date('2026-04-20T00:00:00Z'),
      });
      expect(await coveredDays()).toContain('2026-04-05');
      expect(await kpis(`manager:${org.users.m3.id}`)).toMatchObject({ sales_amount: 400 });
      await expectFactsEqualDirect();
    });

    it('new customers: created late, re-owned without history, deleted; other changes keep the day', async () => {
      const created = await insertCustomer(
        t.deps.db,
        org.orgId,
        { id: org.users.m4.id, teamId: org.team.b },
        {
          createdAt: new Date('2026-04-22T04:00:00Z'),
        },
      );
      expect(await coveredDays()).not.toContain('2026-04-22');
      expect((await kpis(`manager:${org.users.m4.id}`)).new_customers).toBe(1);
      await expectFactsEqualDirect();

      // No history: changing the owner re-credits its creation.
      await t.deps.db
        .update(customers)
        .set({ ownerId: org.users.m2.id, teamId: org.team.a })
        .where(and(eq(customers.orgId, org.orgId), eq(customers.id, created.id)));
      expect(await coveredDays()).not.toContain('2026-04-22');
      expect((await kpis(`manager:${org.users.m4.id}`)).new_customers).toBeNull();
      expect((await kpis(`manager:${org.users.m2.id}`)).new_customers).toBe(1);
      await expectFactsEqualDirect();

      await t.deps.db
        .update(customers)
        .set({ deletedAt: AS_OF })
        .where(and(eq(customers.orgId, org.orgId), eq(customers.id, created.id)));
      expect(await coveredDays()).not.toContain('2026-04-22');
      expect((await kpis(`manager:${org.users.m2.id}`)).new_customers).toBeNull();
      await expectFactsEqualDirect();

      // A change that cannot matter (completeness) keeps the day.
      await t.deps.db
        .update(customers)
        .set({ completeness: 55 })
        .where(and(eq(customers.orgId, org.orgId), eq(customers.id, created.id)));
      expect(await coveredDays()).toContain('2026-04-22');
    });

    it('a new time zone or currency rebuilds every day', async () => {
      const before = (await coveredDays()).length;
      expect(before).toBeGreaterThan(300);
      await t.deps.db.update(organizations).set({ timeZone: 'UTC' }).where(eq(organizations.id, org.orgId));
      expect(await coveredDays()).toEqual([]);
      // In UTC the order of 31 March 16:30 UTC is March's, the one of 30 April 16:10 UTC April's.
      expect(await kpis(`manager:${org.users.m1.id}`)).toMatchObject({ sales_amount: 1500, order_count: 3 });
      await buildFacts();
      expect(await kpis(`manager:${org.users.m1.id}`)).toMatchObject({ sales_amount: 1500, order_count: 3 });
      await expectFactsEqualDirect();
      await t.deps.db
        .update(organizations)
        .set({ timeZone: 'Asia/Shanghai' })
        .where(eq(organizations.id, org.orgId));
      await buildFacts();
      expect(await kpis(`manager:${org.users.m1.id}`)).toMatchObject({ sales_amount: 1270, order_count: 3 });
      // Sales sum only the organization's currency: in USD the CNY orders still count, their amounts not.
      await t.deps.db.update(organizations).set({ currency: 'USD' }).where(eq(organizations.id, org.orgId));
      expect(await coveredDays()).toEqual([]);
      await buildFacts();
      expect(await kpis(`manager:${org.users.m1.id}`)).toMatchObject({ sales_amount: null, order_count: 3 });
      await t.deps.db.update(organizations).set({ currency: 'CNY' }).where(eq(organizations.id, org.orgId));
      await buildFacts();
      expect(await kpis(`manager:${org.users.m1.id}`)).toMatchObject({ sales_amount: 1270, order_count: 3 });
    });

    it('task facts: read for covered days (a tampered fact shows); each task write that can change a day delists it, others keep it', async () => {
      const m1 = `manager:${org.users.m1.id}`;
      const m2 = `manager:${org.users.m2.id}`;
      // m1's April, by hand (kpi-scenario): visits on time 10 April, late 12 April, never done 20 April; a call on time.
      await buildFacts();
      expect(await coveredDays()).toContain('2026-04-12');
      expect(await kpis(m1)).toMatchObject({ visit_completion_rate: 0.3333, task_on_time_rate: 0.5 });
      await t.deps.db.execute(
        sql`update kpi_task_facts set on_time = on_time + 2, visits_on_time = visits_on_time + 2
             where org_id = ${org.orgId} and day = '2026-04-12'`,
      );
      expect(await kpis(m1)).toMatchObject({ visit_completion_rate: 1, task_on_time_rate: 1 });
      await forgetFacts();
      expect(await kpis(m1)).toMatchObject({ visit_completion_rate: 0.3333, task_on_time_rate: 0.5 });
      await buildFacts();

      // A visit of m2 on 8 April (local), done at 20:00 that day, entered on 20 April: the day is delisted.
      const x = newId();
      const byId = (id: string) => and(eq(tasks.orgId, org.orgId), eq(tasks.id, id));
      await t.deps.db.insert(tasks).values({
        orgId: org.orgId,
        id: x,
        type: 'visit',
        title: 'late entry',
        assigneeId: org.users.m2.id,
        dueAt: new Date('2026-04-08T02:00:00Z'),
        status: 'done',
        completedAt: new Date('2026-04-08T12:00:00Z'),
        createdAt: new Date('2026-04-20T00:00:00Z'),
        updatedAt: new Date('2026-04-20T00:00:00Z'),
      });
      expect(await coveredDays()).not.toContain('2026-04-08');
      expect(await kpis(m2)).toMatchObject({ visit_completion_rate: 1, task_on_time_rate: 1 });
      await buildFacts();
      expect(await kpis(m2)).toMatchObject({ visit_completion_rate: 1, task_on_time_rate: 1 });
      // A reminder, an escalation or a new title change no judgement: the day stays.
      await t.deps.db
        .update(tasks)
        .set({ title: 'renamed', remindedAt: AS_OF, escalatedAt: AS_OF, escalationLevel: 1 })
        .where(byId(x));
      expect(await coveredDays()).toContain('2026-04-08');
      // Done the next day instead (00:30 local on 9 April): late.
      await t.deps.db
        .update(tasks)
        .set({ completedAt: new Date('2026-04-08T16:30:00Z') })
        .where(byId(x));
      expect(await coveredDays()).not.toContain('2026-04-08');
      expect(await kpis(m2)).toMatchObject({ visit_completion_rate: 0, task_on_time_rate: 0 });
      await expectFactsEqualDirect();
      // Moved to 3 April and to m1: both days delisted; m1 has 4 visits, 1 on time.
      await t.deps.db
        .update(tasks)
        .set({ dueAt: new Date('2026-04-03T02:00:00Z'), assigneeId: org.users.m1.id })
        .where(byId(x));
      expect(await coveredDays()).not.toContain('2026-04-08');
      expect(await coveredDays()).not.toContain('2026-04-03');
      expect(await kpis(m1)).toMatchObject({ visit_completion_rate: 0.25, task_on_time_rate: 0.4 });
      expect(await kpis(m2)).toMatchObject({ visit_completion_rate: null, task_on_time_rate: null });
      await expectFactsEqualDirect();
      // Cancelled: no longer counted.
      await t.deps.db.update(tasks).set({ status: 'cancelled' }).where(byId(x));
      expect(await coveredDays()).not.toContain('2026-04-03');
      expect(await kpis(m1)).toMatchObject({ visit_completion_rate: 0.3333, task_on_time_rate: 0.5 });
      await buildFacts();

      // Open on 3 April, entered on 20 April: a reader as of 15 April would not count it, so it
      // computes that day directly (tasks_created_max) — the same answer as with no facts at all.
      await t.deps.db.update(tasks).set({ status: 'open', completedAt: null }).where(byId(x));
      await buildFacts();
      expect(await coveredDays()).toContain('2026-04-03');
      const mid = new Date('2026-04-15T00:00:00Z');
      const m1Alone = (asOf: Date) =>
        computeKpis(t.deps.db, org.orgId, [org.users.m1.id], '2026-04-01', '2026-04-30', asOf);
      const atMid = (await m1Alone(mid)).values;
      // Judged by 15 April 08:00 local: the visits of 10 (on time) and 12 April (late), the call done early.
      expect(atMid).toMatchObject({ visit_completion_rate: 0.5, task_on_time_rate: 0.6667 });
      // A visit due 25 April: done on 14 April it counts as on time by 15 April; done on
      // 20 April it is not judged yet on 15 April (neither done nor due-day over).
      const y = newId();
      await t.deps.db.insert(tasks).values({
        orgId: org.orgId,
        id: y,
        type: 'visit',
        title: 'done early',
        assigneeId: org.users.m1.id,
        dueAt: new Date('2026-04-25T02:00:00Z'),
        status: 'done',
        completedAt: new Date('2026-04-14T02:00:00Z'),
        createdAt: new Date('2026-04-01T00:00:00Z'),
        updatedAt: new Date('2026-04-01T00:00:00Z'),
      });
      expect((await m1Alone(mid)).values).toMatchObject({
        visit_completion_rate: 0.6667,
        task_on_time_rate: 0.75,
      });
      await t.deps.db
        .update(tasks)
        .set({ completedAt: new Date('2026-04-20T02:00:00Z') })
        .where(byId(y));
      expect((await m1Alone(mid)).values).toEqual(atMid);
      await t.deps.db.delete(tasks).where(byId(y));
      expect((await m1Alone(AS_OF)).values).toMatchObject({
        visit_completion_rate: 0.25,
        task_on_time_rate: 0.4,
      });
      await forgetFacts();
      expect((await m1Alone(mid)).values).toEqual(atMid);
      await buildFacts();

      // Deleted: its day is delisted, and the scenario is as it was.
      await t.deps.db.delete(tasks).where(byId(x));
      expect(await coveredDays()).not.toContain('2026-04-03');
      expect(await kpis(m1)).toMatchObject({ visit_completion_rate: 0.3333, task_on_time_rate: 0.5 });
      await expectFactsEqualDirect();
    });

    it('all managers at once (rankings, payouts) equal each one computed alone, every KPI', async () => {
      const ids = (['m1', 'm2', 'm3', 'm4', 'leadA'] as const).map((k) => org.users[k].id);
      for (const [from, to] of [
        ['2026-04-01', '2026-04-30'],
        ['2026-04-10', '2026-05-09'],
        ['2025-06-01', '2025-06-30'],
      ] as const) {
        const together = await computeKpisByUser(t.deps.db, org.orgId, ids, from, to, AS_OF);
        for (const id of ids) {
          const alone = await computeKpis(t.deps.db, org.orgId, [id], from, to, AS_OF);
          expect(together.get(id), `${id} ${from}`).toEqual(alone.values);
        }
      }
      // Not trivially empty: m1's April.
      const m1 = (await computeKpisByUser(t.deps.db, org.orgId, ids, '2026-04-01', '2026-04-30', AS_OF)).get(
        org.users.m1.id,
      );
      expect(m1).toMatchObject({ sales_amount: 1270, retention_rate: 0.6667, book_value: 1750, nps: 25 });
    });

    it('the day still running is built up to asOf; later orders leave it valid, earlier ones invalidate it', async () => {
      await buildFacts(); // at AS_OF, 10 May 08:00 local: 10 May is covered up to then
      expect(await partialDays()).toEqual([{ day: '2026-05-10', until: AS_OF.toISOString() }]);
      expect((await buildFacts()).partial).toBe(false); // already reaches asOf: nothing to do
      const [c2] = await queryRows<{ id: string }>(
        t.deps.db,
        sql`select customer_id as id from orders where org_id = ${org.orgId} and amount = 200`,
      );
      const MAY = 'from=2026-05-01&to=2026-05-31';
      t.setNow(new Date('2026-05-10T04:00:00Z')); // 12:00 local
      const m1May = () => kpis(`manager:${org.users.m1.id}`, MAY);
      const base = await m1May();
      const n0 = base.order_count ?? 0;
      const s0 = base.sales_amount ?? 0;
      try {
        // The partial day's facts are read (a fact row added by hand shows).
        const after = newId();
        await t.deps.db.execute(
          sql`insert into kpi_day_facts (org_id, day, user_id, orders, sales, new_customers)
              values (${org.orgId}, '2026-05-10', ${org.users.m1.id}, 100, null, 0)`,
        );
        expect((await m1May()).order_count).toBe(n0 + 100);
        await t.deps.db.execute(
          sql`delete from kpi_day_facts where org_id = ${org.orgId} and day = '2026-05-10' and orders = 100`,
        );
        // 10:00 local, after the facts' end: the day stays covered, the order is added directly.
        await t.deps.db.insert(orders).values({
          orgId: org.orgId,
          id: after,
          customerId: c2!.id,
          orderedAt: new Date('2026-05-10T02:00:00Z'),
          amount: 300,
        });
        expect(await partialDays()).toEqual([{ day: '2026-05-10', until: AS_OF.toISOString() }]);
        expect(await m1May()).toMatchObject({ sales_amount: s0 + 300, order_count: n0 + 1 });
        // At 10:00 local sharp the order counts; one millisecond before, not.
        t.setNow(new Date('2026-05-10T02:00:00Z'));
        expect((await m1May()).order_count).toBe(n0 + 1);
        t.setNow(new Date('2026-05-10T01:59:59.999Z'));
        expect(await m1May()).toEqual(base);
        t.setNow(new Date('2026-05-10T04:00:00Z'));
        // A later run extends the day up to its asOf, the same answers.
        const noon = new Date('2026-05-10T04:00:00Z');
        const run = await runKpiFacts({
          deps: t.deps,
          orgId: org.orgId,
          jobId: newId(),
          actorId: null,
          asOf: noon,
          options: { since: SINCE },
          progress: async () => {},
        });
        expect(run).toMatchObject({ days: 0, partial: true });
        expect(await partialDays()).toEqual([{ day: '2026-05-10', until: noon.toISOString() }]);
        expect(await m1May()).toMatchObject({ sales_amount: s0 + 300, order_count: n0 + 1 });
        // An order placed before the facts' end (07:00 local, entered late) invalidates the day.
        const early = newId();
        await t.deps.db.insert(orders).values({
          orgId: org.orgId,
          id: early,
          customerId: c2!.id,
          orderedAt: new Date('2026-05-09T23:00:00Z'),
          amount: 5,
        });
        expect(await partialDays()).toEqual([]);
        expect(await m1May()).toMatchObject({ sales_amount: s0 + 305, order_count: n0 + 2 });
        // A hand-over of C2 at 11:00 local re-credits only what comes after it: the day stays valid.
        await runKpiFacts({
          ...{ deps: t.deps, orgId: org.orgId, jobId: newId(), actorId: null },
          asOf: noon,
          options: { since: SINCE },
          progress: async () => {},
        });
        expect(await partialDays()).toHaveLength(1);
        await t.deps.db.insert(assignmentHistory).values({
          orgId: org.orgId,
          id: newId(),
          customerId: c2!.id,
          kind: 'handover',
          fromUserId: org.users.m1.id,
          toUserId: org.users.m2.id,
          at: new Date('2026-05-10T03:00:00Z'),
        });
        expect(await partialDays()).toHaveLength(1);
        expect(await m1May()).toMatchObject({ sales_amount: s0 + 305, order_count: n0 + 2 });
        const withFacts = await everything();
        await forgetFacts();
        expect(await everything()).toEqual(withFacts);
        await t.deps.db.delete(orders).where(and(eq(orders.orgId, org.orgId), eq(orders.id, after)));
        await t.deps.db.delete(orders).where(and(eq(orders.orgId, org.orgId), eq(orders.id, early)));
        await t.deps.db.execute(
          sql`delete from assignment_history where org_id = ${org.orgId} and customer_id = ${c2!.id} and at = '2026-05-10T03:00:00Z'`,
        );
      } finally {
        t.setNow(AS_OF);
      }
      await buildFacts();
      // Once the day is over, the job replaces the partial day by the whole day.
      const nextDay = new Date('2026-05-11T01:00:00Z');
      const later = await runKpiFacts({
        deps: t.deps,
        orgId: org.orgId,
        jobId: newId(),
        actorId: null,
        asOf: nextDay,
        options: { since: SINCE },
        progress: async () => {},
      });
      expect(later).toMatchObject({ days: 1, partial: true });
      expect(await coveredDays()).toContain('2026-05-10');
      expect(await partialDays()).toEqual([{ day: '2026-05-11', until: nextDay.toISOString() }]);
      await t.deps.db.execute(
        sql`delete from kpi_fact_days where org_id = ${org.orgId} and day >= '2026-05-10'`,
      );
      await buildFacts();
    });

    it('the owners at two instants from one scan of the history equal ownerAt, every customer and instant', async () => {
      const instants = (
        await queryRows<{ at: string }>(
          t.deps.db,
          sql`select distinct at from assignment_history where org_id = ${org.orgId}`,
        )
      ).flatMap((r) => {
        const ms = new Date(r.at).getTime();
        return [ms - 1, ms, ms + 1];
      });
      instants.push(Date.parse('2023-01-01T00:00:00Z'), AS_OF.getTime());
      expect(instants.length).toBeGreaterThan(6);
      const at = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`;
      for (const [i, t0] of instants.entries()) {
        const t1 = instants[(i + 1) % instants.length]!;
        const rows = await queryRows<{
          a0: string | null;
          a1: string | null;
          o0: string | null;
          o1: string | null;
          b0: string | null;
          b1: string | null;
        }>(
          t.deps.db,
          sql`select ${ownerAt(at(t0))} as a0, ${ownerAt(at(t1))} as a1, o.o0, o.o1, b.o0 as b0, b.o1 as b1
                from customers c cross join lateral (${ownersAt(at(t0), at(t1))}) o
                cross join lateral (${bookOwnersAt(at(t0), at(t1))}) b
               where c.org_id = ${org.orgId}`,
        );
        expect(rows.length).toBeGreaterThan(5);
        for (const r of rows) {
          expect({ o0: r.o0, o1: r.o1 }).toEqual({ o0: r.a0, o1: r.a1 });
          // The same from the customer's row where it has not changed hands since (decision 0067).
          expect({ o0: r.b0, o1: r.b1 }).toEqual({ o0: r.a0, o1: r.a1 });
        }
      }
    });

    it('each customer carries its latest history row (instant, new owner) through inserts, updates and deletes', async () => {
      const mismatches = () =>
        queryRows<{ id: string }>(
          t.deps.db,
          sql`select c.id from customers c
               left join lateral (select h.at, h.to_user_id from assignment_history h
                                   where h.org_id = c.org_id and h.customer_id = c.id
                                   order by h.at desc, h.id desc limit 1) l on true
               where c.org_id = ${org.orgId}
                 and (c.owner_changed_at is distinct from l.at or c.owner_changed_to is distinct from l.to_user_id)`,
        );
      const [some] = await queryRows<{ n: number }>(
        t.deps.db,
        sql`select count(*)::int as n from customers where org_id = ${org.orgId} and owner_changed_at is not null`,
      );
      expect(some!.n).toBeGreaterThan(2);
      expect(await mismatches()).toEqual([]);
      const c = await insertCustomer(t.deps.db, org.orgId, { id: org.users.m1.id, teamId: org.team.a });
      const row = (at: string, to: string, id = newId()) => ({
        orgId: org.orgId,
        id,
        customerId: c.id,
        kind: 'handover',
        fromUserId: org.users.m1.id,
        toUserId: to,
        at: new Date(at),
      });
      const owned = async () =>
        (
          await queryRows<{ at: Date | string | null; to: string | null }>(
            t.deps.db,
            sql`select owner_changed_at as at, owner_changed_to as to from customers where org_id = ${org.orgId} and id = ${c.id}`,
          )
        ).map((r) => ({ at: r.at === null ? null : new Date(r.at).toISOString(), to: r.to }))[0];
      expect(await owned()).toEqual({ at: null, to: null });
      // Two rows in one statement, the later one written first; then an earlier one: no change.
      const later = newId();
      await t.deps.db
        .insert(assignmentHistory)
        .values([
          row('2026-03-10T00:00:00Z', org.users.m3.id, later),
          row('2026-02-01T00:00:00Z', org.users.m2.id),
        ]);
      expect(await owned()).toEqual({ at: '2026-03-10T00:00:00.000Z', to: org.users.m3.id });
      await t.deps.db.insert(assignmentHistory).values(row('2026-01-01T00:00:00Z', org.users.m4.id));
      expect(await owned()).toEqual({ at: '2026-03-10T00:00:00.000Z', to: org.users.m3.id });
      // The latest moved back before the others: the one of 1 February is the latest now.
      await t.deps.db
        .update(assignmentHistory)
        .set({ at: new Date('2025-12-01T00:00:00Z') })
        .where(and(eq(assignmentHistory.orgId, org.orgId), eq(assignmentHistory.id, later)));
      expect(await owned()).toEqual({ at: '2026-02-01T00:00:00.000Z', to: org.users.m2.id });
      expect(await mismatches()).toEqual([]);
      // No history left: nothing.
      await t.deps.db
        .delete(assignmentHistory)
        .where(and(eq(assignmentHistory.orgId, org.orgId), eq(assignmentHistory.customerId, c.id)));
      expect(await owned()).toEqual({ at: null, to: null });
      expect(await mismatches()).toEqual([]);
      await t.deps.db.delete(customers).where(and(eq(customers.orgId, org.orgId), eq(customers.id, c.id)));
    });

    it('groups consecutive days into batches of at most 7', () => {
      expect(runsOf(['2026-04-01', '2026-04-02', '2026-04-04'], 7)).toEqual([
        { first: '2026-04-01', last: '2026-04-02' },
        { first: '2026-04-04', last: '2026-04-04' },
      ]);
      const days = Array.from({ length: 9 }, (_, i) => `2026-04-${String(i + 1).padStart(2, '0')}`);
      expect(runsOf(days, 7)).toEqual([
        { first: '2026-04-01', last: '2026-04-07' },
        { first: '2026-04-08', last: '2026-04-09' },
      ]);
    });
  },
);
