import { sql } from 'drizzle-orm';
import { VISIT_TIERS } from '@steward/core';
import { queryRows } from '../../db/client.js';
import { auditLog } from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';
import { validationFailed } from '../../platform/errors.js';
import type { JobContext, JobDefinition } from '../../platform/jobs/types.js';
import { timeOrderedId } from './repo.js';
import { orgLocale } from './settings-repo.js';
import { visitCadenceOf } from './settings.js';

/** Validates the options of POST /jobs/visit-plan/run. */
export function parseVisitPlanOptions(raw: Record<string, unknown>): Record<string, unknown> {
  const lookaheadDays = raw.lookaheadDays ?? 7;
  if (
    typeof lookaheadDays !== 'number' ||
    !Number.isInteger(lookaheadDays) ||
    lookaheadDays < 0 ||
    lookaheadDays > 365
  )
    throw validationFailed([{ path: 'lookaheadDays', message: 'expected a whole number of days, 0–365' }]);
  return { ...raw, lookaheadDays };
}

/**
 * The scheduled job `visit-plan`: one set-based INSERT … SELECT creates a visit task for the owner
 * of every owned, live customer with a cadence whose next visit is due by `asOf` + lookahead. The
 * due date is the stored next due date, else the cadence counted from the last contact (by
 * `asOf`), the assignment or the creation. Exactly once per due visit: the task's source key
 * `visit:{customerId}:{local due day}` is unique per organization, and a key already taken is left
 * out by an anti-join; a customer with an open planned visit gets no second one (a call logged
 * meanwhile moves the due date, it does not double the task). The run is audited in the same
 * transaction.
 *
 * One statement rather than chunks by id: ids are random, so every chunk would read the whole
 * table. Runs of one organization take a transaction-level advisory lock before the statement, so
 * concurrent runs queue, and the statement's snapshot (taken after the lock) sees every key the
 * previous run committed: the anti-join replaces ON CONFLICT DO NOTHING, whose per-row probe of the
 * key index and speculative insertion were a tenth of a first run's work (decision 0052). Only this
 * job writes `visit:` keys; should another writer ever race it, the unique index still refuses the
 * second row (the run fails and is retried) rather than doubling a visit. Joins are forced to
 * hash joins, because right after a bulk load the statistics of `tasks` can be stale enough for the
 * planner to pick a nested loop over hundreds of thousands of rows.
 *
 * Written for the first run over a backlog (hundreds of thousands of tasks, issue #4, decision
 * 0052): the rows are inserted in customer order with time-ordered ids, so the primary key, the
 * source-key and the customer indexes of `tasks` grow at one end instead of dirtying random pages
 * (and logging each in full after every checkpoint); the sort gets the memory to stay in RAM, and
 * JIT compilation, which costs more than it saves on this one-pass statement, is off.
 */
export async function runVisitPlan(ctx: JobContext) {
  const { lookaheadDays } = parseVisitPlanOptions(ctx.options) as { lookaheadDays: number };
  const [cadence, { timeZone, language }] = await Promise.all([
    visitCadenceOf(ctx.deps.db, ctx.orgId),
    orgLocale(ctx.deps.db, ctx.orgId),
  ]);
  const asOf = sql`${ctx.asOf.toISOString()}::timestamptz`;
  const horizon = sql`${new Date(ctx.asOf.getTime() + lookaheadDays * 86_400_000).toISOString()}::timestamptz`;
  const cfg = sql.join(
    VISIT_TIERS.map((t) => sql`(${t}::text, ${cadence[t]}::int, ${cadence.channels[t]}::text)`),
    sql`, `,
  );
  const titlePrefix = language.startsWith('en') ? 'Visit: ' : '回访：';
  const created = await ctx.deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`visit-plan:${ctx.orgId}`}))`);
    await tx.execute(sql`set local enable_nestloop = off`);
    await tx.execute(sql`set local work_mem = '128MB'`);
    await tx.execute(sql`set local jit = off`);
    const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
      tx,
      sql`with cfg(tier, days, channel) as (values ${cfg}),
      due as (
        select c.org_id, c.id as customer_id, c.owner_id, c.name, p.days, p.channel, p.due_at
          from customers c
          left join visit_plan_overrides o on o.org_id = c.org_id and o.customer_id = c.id
          left join cfg on cfg.tier = c.tier
          cross join lateral (
            select x.days, coalesce(o.channel, cfg.channel) as channel,
                   case
                     when c.next_visit_due_at is not null and (c.last_contacted_at is null or c.last_contacted_at <= ${asOf})
                       then c.next_visit_due_at
                     else coalesce(
                       case
                         when c.last_contacted_at <= ${asOf} then c.last_contacted_at
                         when c.last_contacted_at is not null then
                           (select max(i.occurred_at) from interactions i
                             where i.org_id = c.org_id and i.customer_id = c.id and i.occurred_at <= ${asOf})
                       end,
                       c.assigned_at, c.created_at) + make_interval(days => x.days)
                   end as due_at
              from (select case when o.customer_id is not null then o.cadence_days else cfg.days end as days) x
          ) p
         where c.org_id = ${ctx.orgId} and c.deleted_at is null and c.owner_id is not null
           and c.created_at <= ${asOf} and coalesce(c.assigned_at, c.created_at) <= ${asOf}
           and p.days is not null and p.due_at <= ${horizon}
           and not exists (
             select 1 from tasks t
              where t.org_id = c.org_id and t.customer_id = c.id and t.type = 'visit'
                and t.status in ('open', 'in_progress') and t.source_key like 'visit:%')
      ),
      keyed as (
        select d.*, 'visit:' || d.customer_id || ':' || to_char(d.due_at at time zone ${timeZone}, 'YYYY-MM-DD') as source_key
          from due d
      ),
      ins as (
        insert into tasks (org_id, id, type, title, customer_id, assignee_id, due_at, priority, status,
                           source_key, data, created_at, updated_at)
        select k.org_id, ${timeOrderedId}, 'visit', ${titlePrefix} || k.name, k.customer_id, k.owner_id, k.due_at,
               'normal', 'open', k.source_key,
               jsonb_build_object('plan', true, 'channel', k.channel, 'cadenceDays', k.days),
               ${asOf}, ${asOf}
          from keyed k
         where not exists (
           select 1 from tasks t where t.org_id = k.org_id and t.source_key = k.source_key)
         order by k.customer_id
        returning 1
      )
      select count(*)::int as n from ins`,
    );
    // One audit row for the run: the tasks carry their source key, and a row per generated task
    // would double the writes of a run that plans hundreds of thousands of visits.
    if (n)
      await tx.insert(auditLog).values({
        orgId: ctx.orgId,
        id: newId(),
        actorId: ctx.actorId,
        action: 'task.generate',
        entity: 'job',
        entityId: ctx.jobId,
        data: { source: 'visit-plan', created: n, lookaheadDays, asOf: ctx.asOf.toISOString() },
        at: ctx.asOf,
      });
    return n;
  });
  await ctx.progress(1);
  return { created, lookaheadDays, asOf: ctx.asOf.toISOString() };
}

export const visitPlanJob: JobDefinition = {
  name: 'visit-plan',
  handler: runVisitPlan,
  options: ['lookaheadDays'],
  parseOptions: parseVisitPlanOptions,
  cron: '0 1 * * *',
};
