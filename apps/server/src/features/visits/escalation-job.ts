import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import type { JobContext, JobDefinition } from '../../platform/jobs/types.js';
import { escalationSettingsOf } from './settings.js';

/**
 * Open work overdue by more than the delay and not yet escalated, with the lead it goes to: the
 * nearest active lead up the assignee's team tree who is not the assignee (a team without a lead
 * passes it to its parent's). Marks the tasks escalated (level 1) and notifies the lead once
 * (dedupe key per task); all in one statement, audited per task.
 */
function escalateSql(orgId: string, asOf: string, delayHours: number, actorId: string | null) {
  const at = sql`${asOf}::timestamptz`;
  return sql`with recursive chain(team_id, cur, depth) as (
      select id, id, 0 from teams where org_id = ${orgId}
      union all
      select c.team_id, t.parent_id, c.depth + 1
        from chain c join teams t on t.org_id = ${orgId} and t.id = c.cur
       where t.parent_id is not null and c.depth < 32
    ),
    target as (
      select t.org_id, t.id, t.title, t.due_at, t.assignee_id, t.customer_id, u.name as assignee_name, lead.lead_id
        from tasks t
        join users u on u.org_id = t.org_id and u.id = t.assignee_id
        left join lateral (
          select tm.lead_id
            from chain c
            join teams tm on tm.org_id = ${orgId} and tm.id = c.cur
            join users l on l.org_id = ${orgId} and l.id = tm.lead_id and l.status = 'active'
           where c.team_id = u.team_id and tm.lead_id <> t.assignee_id
           order by c.depth
           limit 1
        ) lead on true
       where t.org_id = ${orgId} and t.status in ('open', 'in_progress') and t.escalated_at is null
         and t.created_at <= ${at}
         and t.due_at + make_interval(hours => ${delayHours}::int) < ${at}
    ),
    upd as (
      update tasks t set escalated_at = ${at}, escalation_level = 1
        from target x
       where t.org_id = x.org_id and t.id = x.id and t.escalated_at is null
      returning x.*
    ),
    notif as (
      insert into notifications (org_id, id, user_id, kind, data, entity, entity_id, dedupe_key, created_at)
      select org_id, gen_random_uuid(), lead_id, 'task_escalated',
             jsonb_build_object('taskId', id, 'title', title, 'dueAt', due_at, 'assigneeId', assignee_id,
                                'assigneeName', assignee_name, 'customerId', customer_id, 'delayHours', ${delayHours}::int),
             'task', id, 'task_escalated:' || id, ${at}
        from upd where lead_id is not null
      on conflict do nothing
      returning 1
    ),
    aud as (
      insert into audit_log (org_id, id, actor_id, action, entity, entity_id, data, at)
      select org_id, gen_random_uuid(), ${actorId}::uuid, 'task.escalate', 'task', id,
             jsonb_build_object('to', lead_id, 'level', 1), ${at}
        from upd
      returning 1
    )
    select (select count(*)::int from upd) as escalated, (select count(*)::int from notif) as notified,
           (select count(*)::int from aud) as audited`;
}

/** Due reminders: remindAt reached, not yet sent → the assignee is notified once. */
function remindSql(orgId: string, asOf: string, actorId: string | null) {
  const at = sql`${asOf}::timestamptz`;
  return sql`with upd as (
      update tasks set reminded_at = ${at}
       where org_id = ${orgId} and status in ('open', 'in_progress') and reminded_at is null
         and remind_at <= ${at} and created_at <= ${at}
      returning org_id, id, assignee_id, title, due_at, remind_at, customer_id
    ),
    notif as (
      insert into notifications (org_id, id, user_id, kind, data, entity, entity_id, dedupe_key, created_at)
      select org_id, gen_random_uuid(), assignee_id, 'task_reminder',
             jsonb_build_object('taskId', id, 'title', title, 'dueAt', due_at, 'customerId', customer_id),
             'task', id, 'task_reminder:' || id || ':' || extract(epoch from remind_at)::bigint, ${at}
        from upd
      on conflict do nothing
      returning 1
    ),
    aud as (
      insert into audit_log (org_id, id, actor_id, action, entity, entity_id, data, at)
      select org_id, gen_random_uuid(), ${actorId}::uuid, 'task.remind', 'task', id,
             jsonb_build_object('remindAt', remind_at), ${at}
        from upd
      returning 1
    )
    select (select count(*)::int from upd) as reminded, (select count(*)::int from notif) as notified,
           (select count(*)::int from aud) as audited`;
}

/**
 * The scheduled job `task-escalation`: escalates overdue tasks to the team lead after the
 * organization's delay (org_settings `task_escalation`, default 24 hours) and sends due reminders.
 * Set-based and idempotent: a task is escalated and reminded once, however often the job runs.
 */
export async function runTaskEscalation(ctx: JobContext) {
  const { db } = ctx.deps;
  const { delayHours } = await escalationSettingsOf(db, ctx.orgId);
  const asOf = ctx.asOf.toISOString();
  const [esc] = await queryRows<{ escalated: number; notified: number }>(
    db,
    escalateSql(ctx.orgId, asOf, delayHours, ctx.actorId),
  );
  const [rem] = await queryRows<{ reminded: number; notified: number }>(
    db,
    remindSql(ctx.orgId, asOf, ctx.actorId),
  );
  await ctx.progress(1);
  return {
    escalated: esc?.escalated ?? 0,
    leadsNotified: esc?.notified ?? 0,
    reminded: rem?.reminded ?? 0,
    delayHours,
    asOf,
  };
}

export const taskEscalationJob: JobDefinition = {
  name: 'task-escalation',
  handler: runTaskEscalation,
  cron: '*/15 * * * *',
};
