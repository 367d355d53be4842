import { sql } from 'drizzle-orm';
import type { VisitAnalyticsOut, VisitAnalyticsQuery } from '@steward/contracts';
import { addCalendarDays, startOfLocalDay, summarizeVisits, type VisitOutcome } from '@steward/core';
import { queryRows } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { taskScope } from '../engagement/policy.js';
import { orgLocale } from './settings-repo.js';
import { visitCadenceOf } from './settings.js';

/**
 * The SQL twin of core `classifyVisit` for a task row aliased `tasks`: on time when done before
 * the end of the local due day, late when done after, missed when open past that end plus the
 * grace days at `now`, else pending or cancelled. The integration tests hold both to the same cases.
 */
export function visitOutcomeSql(timeZone: string, graceDays: number, now: Date) {
  const dueEnd = sql`((((tasks.due_at at time zone ${timeZone})::date + 1)::timestamp) at time zone ${timeZone})`;
  return sql`case
    when tasks.status = 'cancelled' then 'cancelled'
    when tasks.status = 'done' and tasks.completed_at is not null
      then case when tasks.completed_at < ${dueEnd} then 'on_time' else 'late' end
    when ${now.toISOString()}::timestamptz >= ${dueEnd} + make_interval(secs => ${graceDays * 86_400}::int) then 'missed'
    else 'pending' end`;
}

type Row = { group_id: string | null; group_name: string | null; outcome: VisitOutcome; n: number };

/**
 * Visit plan completion for visits due from `from` to `to` (local days, inclusive), per manager
 * (the task's assignee) or per team (the assignee's team), within the caller's task scope.
 */
export async function visitCompletion(
  deps: Deps,
  actor: Actor,
  q: VisitAnalyticsQuery,
): Promise<VisitAnalyticsOut> {
  const [{ timeZone }, cadence] = await Promise.all([
    orgLocale(deps.db, actor.orgId),
    visitCadenceOf(deps.db, actor.orgId),
  ]);
  const start = startOfLocalDay(q.from, timeZone);
  const end = startOfLocalDay(addCalendarDays(q.to, 1), timeZone);
  const outcome = visitOutcomeSql(timeZone, cadence.graceDays, deps.now());
  const group =
    q.groupBy === 'team'
      ? {
          id: sql`assignee.team_id`,
          name: sql`(select tm.name from teams tm where tm.org_id = tasks.org_id and tm.id = assignee.team_id)`,
        }
      : { id: sql`tasks.assignee_id`, name: sql`assignee.name` };
  const rows = await queryRows<Row>(
    deps.db,
    sql`select ${group.id} as group_id, ${group.name} as group_name, ${outcome} as outcome, count(*)::int as n
          from tasks
          left join users assignee on assignee.org_id = tasks.org_id and assignee.id = tasks.assignee_id
         where ${taskScope(actor)} and tasks.type = 'visit'
           and tasks.due_at >= ${start.toISOString()}::timestamptz and tasks.due_at < ${end.toISOString()}::timestamptz
         group by 1, 2, 3`,
  );
  const groups = new Map<
    string,
    { id: string | null; name: string | null; outcomes: Partial<Record<VisitOutcome, number>> }
  >();
  const all: Partial<Record<VisitOutcome, number>> = {};
  for (const r of rows) {
    const key = r.group_id ?? '';
    const g = groups.get(key) ?? { id: r.group_id, name: r.group_name, outcomes: {} };
    g.outcomes[r.outcome] = (g.outcomes[r.outcome] ?? 0) + r.n;
    all[r.outcome] = (all[r.outcome] ?? 0) + r.n;
    groups.set(key, g);
  }
  const data = [...groups.values()]
    .map((g) => ({ id: g.id, name: g.name, ...summarizeVisits(g.outcomes) }))
    .filter((g) => g.planned > 0)
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
  return {
    from: q.from,
    to: q.to,
    groupBy: q.groupBy,
    graceDays: cadence.graceDays,
    data,
    total: summarizeVisits(all),
  };
}
