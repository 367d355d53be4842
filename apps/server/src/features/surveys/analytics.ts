import type { SurveyAnalyticsOut, SurveyAnalyticsQuery, SurveyStats } from '@steward/contracts';
import {
  csatFromTotals,
  endOfLocalDay,
  LOW_SCORE_MAX,
  npsFromCounts,
  responseRate,
  roundTo,
  startOfLocalDay,
} from '@steward/core';
import { and, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { customers, surveySends, surveyTemplates, teams, users } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { validationFailed } from '../../platform/errors.js';
import { sendScope } from './policy.js';
import * as repo from './repo.js';

type Counts = {
  key: string | null;
  sent: number;
  responses: number;
  csat_n: number;
  csat_sum: number | null;
  nps_n: number;
  promoters: number;
  passives: number;
  detractors: number;
  low: number;
};

const answered = sql`${surveySends.answeredAt} is not null`;
const isCsat = sql`${surveyTemplates.kind} = 'csat' and ${answered}`;
const isNps = sql`${surveyTemplates.kind} = 'nps' and ${answered}`;
const int = (expr: SQL) => sql<number>`(${expr})::int`;

const keyOf = (groupBy: SurveyAnalyticsQuery['groupBy'], timeZone: string): SQL<string | null> => {
  if (groupBy === 'manager') return sql`${surveySends.ownerId}::text`;
  if (groupBy === 'team') return sql`${surveySends.teamId}::text`;
  return sql`to_char(${surveySends.sentAt} at time zone ${timeZone}, 'YYYY-MM')`;
};

/** Sends in scope and period, counted per group in one query. */
async function countGroups(db: Db, where: SQL[], key: SQL<string | null>): Promise<Counts[]> {
  return db
    .select({
      key,
      sent: int(sql`count(*)`),
      responses: int(sql`count(${surveySends.answeredAt})`),
      csat_n: int(sql`count(*) filter (where ${isCsat})`),
      csat_sum: int(sql`sum(${surveySends.score}) filter (where ${isCsat})`),
      nps_n: int(sql`count(*) filter (where ${isNps})`),
      promoters: int(sql`count(*) filter (where ${isNps} and ${surveySends.score} >= 9)`),
      passives: int(sql`count(*) filter (where ${isNps} and ${surveySends.score} between 7 and 8)`),
      detractors: int(sql`count(*) filter (where ${isNps} and ${surveySends.score} <= 6)`),
      low: int(
        sql`count(*) filter (where (${isCsat} and ${surveySends.score} <= ${LOW_SCORE_MAX.csat}) or (${isNps} and ${surveySends.score} <= ${LOW_SCORE_MAX.nps}))`,
      ),
    })
    .from(surveySends)
    .innerJoin(
      surveyTemplates,
      and(eq(surveyTemplates.orgId, surveySends.orgId), eq(surveyTemplates.id, surveySends.templateId)),
    )
    .innerJoin(
      customers,
      and(eq(customers.orgId, surveySends.orgId), eq(customers.id, surveySends.customerId)),
    )
    .where(and(...where))
    .groupBy(sql`1`)
    .orderBy(sql`1`);
}

function stats(c: Counts): SurveyStats {
  return {
    sent: c.sent,
    responses: c.responses,
    responseRate: roundTo(responseRate(c.responses, c.sent), 4),
    csatResponses: c.csat_n,
    csatAvg: roundTo(csatFromTotals({ sum: c.csat_sum ?? 0, responses: c.csat_n }), 2),
    npsResponses: c.nps_n,
    promoters: c.promoters,
    passives: c.passives,
    detractors: c.detractors,
    nps: roundTo(npsFromCounts({ ...c, responses: c.nps_n }), 1),
    lowScores: c.low,
  };
}

const sum = (rows: Counts[]): Counts => {
  const t: Counts = {
    key: null,
    sent: 0,
    responses: 0,
    csat_n: 0,
    csat_sum: 0,
    nps_n: 0,
    promoters: 0,
    passives: 0,
    detractors: 0,
    low: 0,
  };
  for (const r of rows) {
    for (const k of [
      'sent',
      'responses',
      'csat_n',
      'nps_n',
      'promoters',
      'passives',
      'detractors',
      'low',
    ] as const)
      t[k] += r[k];
    t.csat_sum = (t.csat_sum ?? 0) + (r.csat_sum ?? 0);
  }
  return t;
};

async function labels(db: Db, orgId: string, groupBy: string, keys: string[]): Promise<Map<string, string>> {
  if (!keys.length || groupBy === 'month') return new Map(keys.map((k) => [k, k]));
  const table = groupBy === 'manager' ? users : teams;
  const rows = await db
    .select({ id: table.id, name: table.name })
    .from(table)
    .where(and(eq(table.orgId, orgId), inArray(table.id, keys)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

const DAY = 86_400_000;
const localToday = (now: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone }).format(now);

/**
 * Survey results of the customers in the caller's scope, for the sends of a period (local days,
 * inclusive), per manager or team (as of sending) or per month: responses, response rate, average
 * CSAT and NPS.
 */
export async function surveyAnalytics(
  deps: Deps,
  actor: Actor,
  q: SurveyAnalyticsQuery,
): Promise<SurveyAnalyticsOut> {
  const { timeZone } = await repo.findOrganization(deps.db, actor.orgId);
  const to = q.to ?? localToday(deps.now(), timeZone);
  const from = q.from ?? localToday(new Date(startOfLocalDay(to, timeZone).getTime() - 364 * DAY), timeZone);
  if (from > to) throw validationFailed([{ path: 'from', message: 'after to' }]);
  const where = [
    sendScope(actor),
    gte(surveySends.sentAt, startOfLocalDay(from, timeZone)),
    lte(surveySends.sentAt, endOfLocalDay(to, timeZone)),
  ];
  if (q.kind) where.push(eq(surveyTemplates.kind, q.kind));
  const rows = await countGroups(deps.db, where, keyOf(q.groupBy, timeZone));
  const names = await labels(
    deps.db,
    actor.orgId,
    q.groupBy,
    rows.flatMap((r) => (r.key ? [r.key] : [])),
  );
  return {
    from,
    to,
    groupBy: q.groupBy,
    kind: q.kind ?? null,
    total: stats(sum(rows)),
    data: rows.map((r) => ({ key: r.key, label: r.key ? (names.get(r.key) ?? null) : null, ...stats(r) })),
  };
}
