import { eq, sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { organizations } from '../../db/schema/index.js';
import type { JobContext, JobDefinition } from '../../platform/jobs/types.js';
import { timeOrderedId } from '../visits/repo.js';
import { outboxInsert } from '../webhooks/emit.js';

type Target = 'first_response' | 'resolution';
type Level = 'warning' | 'breach';

const TASK_TITLE: Record<string, string> = {
  zh: '投诉已超时：',
  en: 'Complaint SLA breached: ',
};

/**
 * One set-based statement for one target and level: flags every due complaint (the flag column
 * makes a re-run a no-op), and in the same statement writes a timeline event per complaint, one
 * summary audit row (the complaints are on their timelines), the notifications (dedupeKey) and —
 * on breach — one task per complaint and target (sourceKey).
 */
function flagStatement(ctx: JobContext, target: Target, level: Level, titlePrefix: string): SQL {
  const asOf = sql`${ctx.asOf.toISOString()}::timestamptz`;
  const org = sql`${ctx.orgId}::uuid`;
  const actor = sql`${ctx.actorId}::uuid`;
  const col = (name: string) => sql.raw(`c.${target}_${name}`);
  const flag = level === 'breach' ? col('breached_at') : col('warned_at');
  const instant = level === 'breach' ? col('due_at') : col('warn_at');
  const pending =
    target === 'first_response'
      ? sql`(c.first_responded_at is null or c.first_responded_at > ${asOf})`
      : sql`true`;
  const set =
    level === 'breach'
      ? sql`${sql.raw(`${target}_breached_at`)} = ${asOf}, ${sql.raw(`${target}_warned_at`)} = coalesce(${col('warned_at')}, ${asOf})`
      : sql`${sql.raw(`${target}_warned_at`)} = ${asOf}`;
  const notYetDue = level === 'warning' ? sql`and ${col('due_at')} > ${asOf}` : sql``;
  const kind = level === 'breach' ? 'complaint_sla_breach' : 'complaint_sla_warning';
  const digest = `${kind}_digest`;
  const eventKind = level === 'breach' ? 'sla_breach' : 'sla_warning';
  const leads =
    level === 'breach'
      ? sql`union all
        select h.id, t.lead_id, 'lead', h.due_at, h.severity, h.customer_name from hit h
          left join users u on u.org_id = ${org} and u.id = h.assignee_id
          join teams t on t.org_id = ${org} and t.id = coalesce(u.team_id, h.team_id)
         where t.lead_id is not null and t.lead_id is distinct from h.assignee_id`
      : sql``;
  const tasks =
    level === 'breach'
      ? sql`, tk as (
        insert into tasks (org_id, id, type, title, customer_id, assignee_id, due_at, priority, status,
                           source_key, data, created_at, updated_at)
        select ${org}, ${timeOrderedId}, 'complaint', ${titlePrefix}::text || coalesce(h.customer_name, ''),
               h.customer_id, h.assignee_id, ${asOf},
               case when h.severity in ('critical', 'high') then 'urgent' else 'high' end, 'open',
               'complaint_breach:' || h.id || ':' || ${target}::text || ':' || (extract(epoch from h.due_at) * 1000)::bigint,
               jsonb_build_object('complaintId', h.id, 'target', ${target}::text, 'dueAt', h.due_at),
               ${asOf}, ${asOf}
          from hit h where h.assignee_id is not null
         order by h.id
        on conflict do nothing
        returning id)`
      : sql``;
  return sql`
    with hit as (
      update complaints c set ${set}
       where c.org_id = ${org}
         and c.status not in ('resolved', 'closed')
         and c.paused_at is null
         and c.created_at <= ${asOf}
         and ${pending}
         and ${flag} is null
         and ${instant} is not null
         and ${instant} <= ${asOf}
         ${notYetDue}
      returning c.id, c.assignee_id, c.team_id, c.customer_id, c.severity, ${col('due_at')} as due_at,
                (select cu.name from customers cu where cu.org_id = c.org_id and cu.id = c.customer_id) as customer_name
    ), ev as (
      insert into complaint_events (org_id, id, complaint_id, kind, data, internal, actor_id, at)
      select ${org}, ${timeOrderedId}, h.id, ${eventKind}::text,
             jsonb_build_object('target', ${target}::text, 'dueAt', h.due_at, 'jobId', ${ctx.jobId}::text),
             true, null, ${asOf}
        from hit h
       order by h.id
    ), au as (
      insert into audit_log (org_id, id, actor_id, action, entity, entity_id, data, at)
      select ${org}, gen_random_uuid(), ${actor}, ${`complaint.${eventKind}`}::text, 'complaint', null,
             jsonb_build_object('target', ${target}::text, 'count', count(*), 'jobId', ${ctx.jobId}::text), ${asOf}
        from hit h
      having count(*) > 0
    ), rcpt as (
      select h.id, h.assignee_id as user_id, 'assignee' as role, h.due_at, h.severity, h.customer_name
        from hit h where h.assignee_id is not null
      ${leads}
    ), per as (
      select r.user_id, count(*) as n, min(r.due_at) as first_due, max(r.due_at) as last_due,
             count(*) filter (where r.role = 'assignee') as as_assignee,
             count(*) filter (where r.role = 'lead') as as_lead
        from rcpt r
       group by r.user_id
    ), nt as (
      insert into notifications (org_id, id, user_id, kind, data, entity, entity_id, dedupe_key, created_at)
      select ${org}, ${timeOrderedId}, n.user_id, n.kind, n.data, 'complaint', n.entity_id, n.dedupe_key, ${asOf}
        from (
          select r.user_id, ${kind}::text as kind,
                 jsonb_build_object('complaintId', r.id, 'target', ${target}::text, 'dueAt', r.due_at,
                                    'severity', r.severity, 'customerName', r.customer_name, 'as', r.role) as data,
                 r.id as entity_id,
                 ${kind}::text || ':' || r.id || ':' || ${target}::text || ':' || r.user_id || ':' ||
                   (extract(epoch from r.due_at) * 1000)::bigint as dedupe_key
            from rcpt r join per p on p.user_id = r.user_id and p.n = 1
          union all
          select p.user_id, ${digest}::text,
                 jsonb_build_object('target', ${target}::text, 'count', p.n, 'firstDueAt', p.first_due,
                                    'lastDueAt', p.last_due, 'asAssignee', p.as_assignee, 'asLead', p.as_lead,
                                    'jobId', ${ctx.jobId}::text),
                 null::uuid,
                 ${digest}::text || ':' || ${target}::text || ':' || p.user_id || ':' || ${ctx.jobId}::text
            from per p where p.n > 1
        ) n
       order by n.dedupe_key
      on conflict do nothing
      returning id
    )${tasks}${level === 'breach' ? breachedHooks(ctx, target) : sql``}
    select (select count(*) from hit)::int as flagged,
           (select count(*) from nt)::int as notified,
           ${level === 'breach' ? sql`(select count(*) from tk)::int` : sql`0`} as tasks`;
}

/** The `complaint.breached` webhook deliveries of the complaints flagged (`hit`), as a CTE. */
const breachedHooks = (ctx: JobContext, target: Target) =>
  sql`, wh as (${outboxInsert(
    sql`${ctx.orgId}::uuid`,
    'complaint.breached',
    sql`hit h`,
    sql`jsonb_build_object('complaintId', h.id, 'target', ${target}::text, 'dueAt', h.due_at, 'severity', h.severity,
        'customerId', h.customer_id, 'assigneeId', h.assignee_id, 'breachedAt', ${ctx.asOf.toISOString()}::timestamptz)`,
    sql`${ctx.asOf.toISOString()}::timestamptz`,
  )})`;

/**
 * The scheduled job `sla-watch`: as of `asOf`, flags the warnings and breaches that have come due
 * on running (not finished, not paused) complaints, with their events, audit rows, notifications
 * for the assignee (and the team lead on breach) and a complaint task on breach. Four set-based
 * statements in one transaction; running it again finds nothing left to flag.
 *
 * Sized for flagging 100,000 complaints in one run (issue #4, decision 0052): events, notifications
 * and tasks are inserted in complaint order with time-ordered ids, so their primary keys, the
 * notifications' dedupe keys, the tasks' source keys and the timeline index take the rows in key
 * order instead of at random pages; JIT compilation is off (it costs more than it saves here).
 */
export async function runSlaWatch(ctx: JobContext) {
  const { db } = ctx.deps;
  const [org] = await db
    .select({ language: organizations.language })
    .from(organizations)
    .where(eq(organizations.id, ctx.orgId));
  const title = TASK_TITLE[(org?.language ?? 'zh-CN').slice(0, 2)] ?? TASK_TITLE.zh!;
  const out: Record<string, number> = {};
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '64MB'`);
    await tx.execute(sql`set local jit = off`);
    const steps: [Target, Level][] = [
      ['first_response', 'breach'],
      ['resolution', 'breach'],
      ['first_response', 'warning'],
      ['resolution', 'warning'],
    ];
    for (const [target, level] of steps) {
      const [r] = await queryRows<{ flagged: number; notified: number; tasks: number }>(
        tx,
        flagStatement(ctx, target, level, title),
      );
      const key = `${target === 'first_response' ? 'firstResponse' : 'resolution'}${level === 'breach' ? 'Breached' : 'Warned'}`;
      out[key] = r?.flagged ?? 0;
      out.notifications = (out.notifications ?? 0) + (r?.notified ?? 0);
      out.tasks = (out.tasks ?? 0) + (r?.tasks ?? 0);
    }
  });
  return { ...out, asOf: ctx.asOf.toISOString() };
}

export const slaWatchJob: JobDefinition = {
  name: 'sla-watch',
  handler: runSlaWatch,
  cron: '*/5 * * * *',
};
