import {
  DEFAULT_LIFECYCLE_RULES,
  KPI_DEFINITIONS,
  addLocalDays,
  countOrNull,
  endOfLocalDay,
  lifecycleStage,
  meanOf,
  medianOf,
  npsOf,
  rateOf,
  roundKpi,
  startOfLocalDay,
  type KpiKey,
} from '@steward/core';
import type { KpiQuery, KpiResult } from '@steward/contracts';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { organizationKpisForbidden, subjectNotFound } from './errors.js';
import * as kpiRepo from './kpi-repo.js';
import type { Credited } from './kpi-repo.js';
import { performancePolicy } from './policy.js';
import * as repo from './repo.js';

export type KpiValues = Record<KpiKey, number | null>;
export type SubjectRef = { type: 'organization' } | { type: 'manager' | 'team'; id: string };

/** A subject already validated by the contract's pattern (case-insensitive). */
export const parseSubject = (raw: string): SubjectRef => {
  const text = raw.toLowerCase();
  if (text === 'organization') return { type: 'organization' };
  const [type, id] = text.split(':') as ['manager' | 'team', string];
  return { type, id };
};

/** The users whose record makes up a subject (null: the organization as a whole). */
export async function creditedUsers(db: Db, orgId: string, subject: SubjectRef): Promise<Credited> {
  if (subject.type === 'organization') return null;
  if (subject.type === 'manager') return [subject.id];
  const teamIds = await repo.teamSubtree(db, orgId, subject.id);
  return (await repo.usersInTeams(db, orgId, teamIds)).map((u) => u.id);
}

/** Checks the actor may read the subject: the organization → 403 for others; a person or team out of scope → 404. */
export async function assertCanRead(db: Db, actor: Actor, subject: SubjectRef) {
  if (subject.type === 'organization') {
    if (!performancePolicy.readsOrganization(actor)) throw organizationKpisForbidden();
    return;
  }
  if (subject.type === 'manager') {
    const user = await repo.findUser(db, actor.orgId, subject.id);
    if (!user || !performancePolicy.canReadManager(actor, user)) throw subjectNotFound();
    return;
  }
  const team = await repo.findTeam(db, actor.orgId, subject.id);
  if (!team || !performancePolicy.canReadTeam(actor, team.id)) throw subjectNotFound();
}

const localDay = (instant: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );

const LIVE = new Set(['new', 'active', 'mature', 'at_risk', 'won_back']);

/**
 * Every KPI of the credited users over the local days from..to (inclusive), as known at `asOf`:
 * nothing after asOf counts, so the current period is "so far". docs/kpis.md defines each one.
 */
export async function computeKpis(
  db: Db,
  orgId: string,
  credited: Credited,
  from: string,
  to: string,
  asOf: Date,
): Promise<{ values: KpiValues; currency: string; timeZone: string }> {
  const { timeZone, currency } = await repo.findOrg(db, orgId);
  const start = startOfLocalDay(from, timeZone);
  const periodEnd = endOfLocalDay(to, timeZone);
  const end = new Date(Math.min(periodEnd.getTime(), asOf.getTime()));
  const values = Object.fromEntries(KPI_DEFINITIONS.map((d) => [d.key, null])) as KpiValues;
  if (end.getTime() < start.getTime()) return { values, currency, timeZone };
  const w = { orgId, start, end, timeZone };

  const [orders, created, surveys, complaints, tasks, book, base] = await Promise.all([
    kpiRepo.orderTotals(db, w, credited, currency),
    kpiRepo.newCustomers(db, w, credited),
    kpiRepo.surveyScores(db, w, credited),
    kpiRepo.complaintFacts(db, w, credited),
    kpiRepo.taskTimeliness(db, w, periodEnd, end, credited),
    kpiRepo.bookSnapshot(db, orgId, end, credited),
    kpiRepo.bookPurchaseDays(db, w, start, end, credited),
  ]);

  values.sales_amount = roundKpi(orders.amount, 2);
  values.order_count = countOrNull(orders.count);
  values.new_customers = countOrNull(created);

  // Retention and churn: customers live the day before the period, followed to its end (or asOf).
  const dayBefore = addLocalDays(from, -1);
  const lastDay = localDay(end, timeZone);
  let live = 0;
  let churned = 0;
  let retained = 0;
  for (const c of base) {
    const days = c.days ?? [];
    if (!days.length) continue;
    if (!LIVE.has(lifecycleStage(days, dayBefore, DEFAULT_LIFECYCLE_RULES).stage)) continue;
    live++;
    const after = lifecycleStage(days, lastDay, DEFAULT_LIFECYCLE_RULES);
    if (after.history.some((h) => h.stage === 'churned' && h.since !== null && h.since >= from)) churned++;
    if (after.stage !== 'churned') retained++;
  }
  values.retention_rate = roundKpi(rateOf(retained, live), 4);
  values.churn_rate = roundKpi(rateOf(churned, live), 4);

  values.avg_satisfaction = roundKpi(meanOf(surveys.filter((s) => s.kind === 'csat').map((s) => s.score)), 2);
  values.nps = roundKpi(npsOf(surveys.filter((s) => s.kind === 'nps').map((s) => s.score)), 1);

  values.complaint_count = countOrNull(complaints.filter((c) => c.raised).length);
  const hours = (k: 'first_h' | 'resolve_h') =>
    complaints.map((c) => c[k]).filter((h): h is number => h !== null && h !== undefined);
  values.first_response_hours_median = roundKpi(medianOf(hours('first_h')), 2);
  values.resolution_hours_median = roundKpi(medianOf(hours('resolve_h')), 2);

  values.visit_completion_rate = roundKpi(rateOf(tasks.visits_on_time, tasks.visits), 4);
  values.task_on_time_rate = roundKpi(rateOf(tasks.on_time, tasks.total), 4);

  values.profile_completeness = roundKpi(book.completeness, 2);
  values.book_value = roundKpi(book.clv, 2);
  return { values, currency, timeZone };
}

/** GET /kpis: every KPI of a subject over a period, in the order of the registry. */
export async function getKpis(deps: Deps, actor: Actor, query: KpiQuery): Promise<KpiResult> {
  const subject = parseSubject(query.subject);
  await assertCanRead(deps.db, actor, subject);
  const credited = await creditedUsers(deps.db, actor.orgId, subject);
  const { values, currency, timeZone } = await computeKpis(
    deps.db,
    actor.orgId,
    credited,
    query.from,
    query.to,
    deps.now(),
  );
  return {
    data: KPI_DEFINITIONS.map((d) => ({
      kpi: d.key,
      value: values[d.key],
      unit: d.unit === 'currency' ? currency : d.unit,
    })),
    subject: subject.type === 'organization' ? 'organization' : `${subject.type}:${subject.id}`,
    from: query.from,
    to: query.to,
    timeZone,
  };
}

/** GET /kpis/definitions: the registry, for the app and the docs. */
export function kpiDefinitions() {
  return { data: KPI_DEFINITIONS.map((d) => ({ ...d })) };
}
