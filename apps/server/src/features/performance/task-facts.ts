/**
 * Task timeliness (visit completion, task on-time rate; docs/kpis.md) from pre-aggregated facts
 * per organization, local due day and assignee for the whole days listed in `kpi_fact_days`, and
 * directly from `tasks` for the rest of the window (docs/decisions/0065).
 *
 * A task due on a day that is over is judged: on time when done before the end of its due day.
 * For a reader as of any instant after that day, the judgement no longer depends on the instant,
 * so a whole day's facts hold for every later reader — except one as of an instant before some
 * counted task was created, which `tasks_created_max` tells; such a day is computed directly.
 */
import { addLocalDays, endOfLocalDay, localDayOf, startOfLocalDay } from '@steward/core';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/client.js';
import { uuidArray, wordArray } from '../../db/sql-arrays.js';
import { NARROW_UP_TO, readRows, type By, type Credited, type Window } from './kpi-repo.js';

export type TaskTotals = {
  uid: string | null;
  total: number;
  on_time: number;
  visits: number;
  visits_on_time: number;
};

const at = (d: Date | string) => sql`${typeof d === 'string' ? d : d.toISOString()}::timestamptz`;

/** The end of task `t`'s local due day (the first instant of the next). */
const dayEnd = (timeZone: string) =>
  sql`(((t.due_at at time zone ${timeZone})::date + 1)::timestamp at time zone ${timeZone})`;

/**
 * The tasks not cancelled due in [from, to] (instants) — open ones only up to `openTo` — read as
 * two ranges of the partial indexes on (org_id, due_at) of open and of done tasks.
 */
function dueTasks(orgId: string, cols: SQL, from: SQL, to: SQL, openTo: SQL, where: SQL): SQL {
  return sql`select ${cols} from tasks t
              where t.org_id = ${orgId} and t.status in ('open', 'in_progress')
                and t.due_at >= ${from} and t.due_at <= least(${to}, ${openTo}) ${where}
             union all
             select ${cols} from tasks t
              where t.org_id = ${orgId} and t.status = 'done'
                and t.due_at >= ${from} and t.due_at <= ${to} ${where}`;
}

/**
 * The CTEs that write the task facts of the whole local days in [start, end) (instants) for
 * `buildDays`, and the latest creation of a counted task on a day, for its `kpi_fact_days` row.
 */
export function taskFactsCtes(orgId: string, timeZone: string, start: string, end: string) {
  const cols = sql`(t.due_at at time zone ${timeZone})::date as day, t.assignee_id, t.type, t.created_at,
                   (t.status = 'done' and t.completed_at < ${dayEnd(timeZone)}) as on_time`;
  const counted = dueTasks(
    orgId,
    cols,
    at(start),
    sql`${at(end)} - interval '1 microsecond'`,
    at(end),
    sql``,
  );
  return {
    ctes: sql`task_counted as materialized (${counted}),
              task_facts_written as (
                insert into kpi_task_facts (org_id, day, user_id, total, on_time, visits, visits_on_time)
                select ${orgId}, c.day, c.assignee_id, count(*)::int, count(*) filter (where c.on_time)::int,
                       count(*) filter (where c.type = 'visit')::int,
                       count(*) filter (where c.type = 'visit' and c.on_time)::int
                  from task_counted c group by c.day, c.assignee_id)`,
    createdMax: (day: SQL) => sql`(select max(c.created_at) from task_counted c where c.day = ${day})`,
  };
}

/**
 * The whole local days of the window whose task facts hold for a reader as of `asOf`, and the
 * ranges of due instants to compute directly. `from` is the window's first local day.
 */
async function taskCoverage(db: Db, w: Window, from: string, dueEnd: Date, asOf: Date) {
  const rows = await queryRows<{ day: string; created_max: Date | string | null }>(
    db,
    sql`select day::text as day, tasks_created_max as created_max from kpi_fact_days
         where org_id = ${w.orgId} and day >= ${from}::date and day <= ${localDayOf(dueEnd, w.timeZone)}::date
           and covered_until is null
         order by day`,
  );
  const covered: string[] = [];
  const gaps: { start: Date; end: Date }[] = [];
  let cursor = w.start.getTime();
  for (const r of rows) {
    const dayStart = startOfLocalDay(r.day, w.timeZone).getTime();
    const next = startOfLocalDay(addLocalDays(r.day, 1), w.timeZone).getTime();
    const createdMax = r.created_max === null ? null : new Date(r.created_max).getTime();
    if (next > asOf.getTime() || (createdMax !== null && createdMax > asOf.getTime())) continue;
    if (dayStart > cursor) gaps.push({ start: new Date(cursor), end: new Date(dayStart - 1) });
    covered.push(r.day);
    cursor = next;
  }
  if (cursor <= dueEnd.getTime()) gaps.push({ start: new Date(cursor), end: dueEnd });
  return { covered, gaps };
}

/**
 * The filter on the credited assignees, or none when rows are split by assignee for many users
 * (rankings): the caller reads only the users it asked for, and comparing every row with a
 * thousand ids costs more than the rows of the few others.
 */
const assignedTo = (col: SQL, credited: Credited, by: By) =>
  credited === null || (by && credited.length > NARROW_UP_TO)
    ? sql``
    : sql`and ${col} = any(${uuidArray(credited)})`;

/** Tasks due in [start, end] judged at asOf, directly: decided once done or once their due day is over. */
function directTotals(
  db: Db,
  w: Window,
  gap: { start: Date; end: Date },
  asOf: Date,
  credited: Credited,
  by: By,
) {
  const where = sql`and t.created_at <= ${at(asOf)} ${assignedTo(sql`t.assignee_id`, credited, by)}`;
  const uid = by ? sql`t.assignee_id` : sql`null::uuid`;
  const cols = sql`${uid} as uid, t.type, (t.status = 'done' and t.completed_at <= ${at(asOf)}) as done, t.completed_at,
                   ${dayEnd(w.timeZone)} as day_end`;
  // Up to the end of asOf's local day, each task is judged by its due day. An open task due later
  // is never judged yet; a done one due later is judged once done by asOf, and then on time (done
  // before its due day even began) — no local day to work out for those.
  const today = endOfLocalDay(localDayOf(asOf, w.timeZone), w.timeZone);
  const upTo = new Date(Math.min(gap.end.getTime(), today.getTime()));
  const later =
    gap.end.getTime() > today.getTime()
      ? sql`union all
            select ${uid} as uid, t.type, true as on_time, true as decided from tasks t
             where t.org_id = ${w.orgId} and t.status = 'done' and t.completed_at <= ${at(asOf)}
               and t.due_at > ${at(today)} and t.due_at <= ${at(gap.end)} ${where}`
      : sql``;
  return readRows<TaskTotals>(
    db,
    sql`with t as (${dueTasks(w.orgId, cols, at(gap.start), at(upTo), at(upTo), where)}),
        judged as (
          select uid, type, done and completed_at < day_end as on_time, (done or day_end <= ${at(asOf)}) as decided from t
          ${later})
        select uid, count(*) filter (where decided)::int as total,
               count(*) filter (where decided and on_time)::int as on_time,
               count(*) filter (where decided and type = 'visit')::int as visits,
               count(*) filter (where decided and on_time and type = 'visit')::int as visits_on_time
          from judged
         group by uid`,
  );
}

/**
 * Tasks due in the window's local days from `from` up to `dueEnd` (not cancelled, assigned to the
 * credited users), judged at `asOf`, per assignee when `by`: facts for the covered days, direct
 * SQL for the rest.
 */
export async function taskTotals(
  db: Db,
  w: Window,
  from: string,
  dueEnd: Date,
  asOf: Date,
  credited: Credited,
  by: By,
): Promise<TaskTotals[]> {
  const { covered, gaps } = await taskCoverage(db, w, from, dueEnd, asOf);
  const parts = await Promise.all([
    covered.length
      ? queryRows<TaskTotals>(
          db,
          sql`select ${by ? sql`f.user_id` : sql`null::uuid`} as uid, sum(f.total)::int as total,
                     sum(f.on_time)::int as on_time, sum(f.visits)::int as visits,
                     sum(f.visits_on_time)::int as visits_on_time
                from kpi_task_facts f
               where f.org_id = ${w.orgId} and f.day = any(${wordArray(covered)}::date[])
                 -- the range bounds the scan of each user's days; the list alone only filters them
                 and f.day >= ${covered[0]}::date and f.day <= ${covered[covered.length - 1]}::date
                 ${assignedTo(sql`f.user_id`, credited, by)}
               group by 1`,
        )
      : Promise.resolve([]),
    ...gaps.map((g) => directTotals(db, w, g, asOf, credited, by)),
  ]);
  return parts.flat();
}
