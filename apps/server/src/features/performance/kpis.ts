import {
  KPI_DEFINITIONS,
  addLocalDays,
  countOrNull,
  endOfLocalDay,
  dayNumber,
  localDayOf,
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
import { flowTotals, type Flow } from './kpi-facts.js';
import * as kpiRepo from './kpi-repo.js';
import type { Credited } from './kpi-repo.js';
import { performancePolicy } from './policy.js';
import { distinctSorted, retentionOf } from './retention.js';
import * as repo from './repo.js';
import { taskTotals } from './task-facts.js';

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

/** What a KPI is made of, for one credited user (or the whole subject): sums that add up across users. */
type Part = {
  orders: number;
  amount: number | null;
  newCustomers: number;
  csat: number[];
  nps: number[];
  raised: number;
  firstH: number[];
  resolveH: number[];
  tasks: { total: number; on_time: number; visits: number; visits_on_time: number };
  completenessSum: number;
  completenessN: number;
  clv: number | null;
  live: number;
  churned: number;
  retained: number;
};

const emptyPart = (): Part => ({
  orders: 0,
  amount: null,
  newCustomers: 0,
  csat: [],
  nps: [],
  raised: 0,
  firstH: [],
  resolveH: [],
  tasks: { total: 0, on_time: 0, visits: 0, visits_on_time: 0 },
  completenessSum: 0,
  completenessN: 0,
  clv: null,
  live: 0,
  churned: 0,
  retained: 0,
});

const addNullable = (a: number | null, b: number | null) => (b === null ? a : (a ?? 0) + b);

/** The KPI values of a part (docs/kpis.md). */
function valuesOf(p: Part): KpiValues {
  const values = Object.fromEntries(KPI_DEFINITIONS.map((d) => [d.key, null])) as KpiValues;
  values.sales_amount = roundKpi(p.amount, 2);
  values.order_count = countOrNull(p.orders);
  values.new_customers = countOrNull(p.newCustomers);
  values.retention_rate = roundKpi(rateOf(p.retained, p.live), 4);
  values.churn_rate = roundKpi(rateOf(p.churned, p.live), 4);
  values.avg_satisfaction = roundKpi(meanOf(p.csat), 2);
  values.nps = roundKpi(npsOf(p.nps), 1);
  values.complaint_count = countOrNull(p.raised);
  values.first_response_hours_median = roundKpi(medianOf(p.firstH), 2);
  values.resolution_hours_median = roundKpi(medianOf(p.resolveH), 2);
  values.visit_completion_rate = roundKpi(rateOf(p.tasks.visits_on_time, p.tasks.visits), 4);
  values.task_on_time_rate = roundKpi(rateOf(p.tasks.on_time, p.tasks.total), 4);
  values.profile_completeness = roundKpi(p.completenessN ? p.completenessSum / p.completenessN : null, 2);
  values.book_value = roundKpi(p.clv, 2);
  return values;
}

/** Queries the book is read in, side by side (the server has two cores; decision 0063). */
const BOOK_SLICES = 2;

const ALL_KEYS: ReadonlySet<KpiKey> = new Set(KPI_DEFINITIONS.map((d) => d.key));
const needs = (keys: ReadonlySet<KpiKey>, ...some: KpiKey[]) => some.some((k) => keys.has(k));

/**
 * The parts of the KPIs in `keys` for the credited users over the local days from..to, as known
 * at asOf — one part per credited user when `by` (users with nothing are absent), else one part
 * under null for the whole subject. Each source is one query for all users (no query per user).
 */
async function computeParts(
  db: Db,
  orgId: string,
  credited: Credited,
  from: string,
  to: string,
  asOf: Date,
  opts: { by: boolean; keys: ReadonlySet<KpiKey> },
) {
  const { timeZone, currency } = await repo.findOrg(db, orgId);
  const { by, keys } = opts;
  const start = startOfLocalDay(from, timeZone);
  const periodEnd = endOfLocalDay(to, timeZone);
  const end = new Date(Math.min(periodEnd.getTime(), asOf.getTime()));
  const parts = new Map<string | null, Part>();
  if (end.getTime() < start.getTime()) return { parts, currency, timeZone, started: false };
  const part = (uid: string | null) => {
    const key = by ? uid : null;
    let p = parts.get(key);
    if (!p) parts.set(key, (p = emptyPart()));
    return p;
  };
  const w = { orgId, start, end, timeZone };
  const none = Promise.resolve([]);

  // Book value: the value refresh's snapshot, or each customer's scores before the first one.
  const valueFrom = needs(keys, 'book_value') ? await kpiRepo.bookValueSource(db, orgId, end) : null;
  const clv = valueFrom === 'scores';
  const snapshot = needs(keys, 'profile_completeness') || clv;
  const retention = needs(keys, 'retention_rate', 'churn_rate');
  // The book at the start (retention) and at the end (snapshot) in one pass over its customers,
  // split by ranges of id into two queries that run side by side on two connections.
  // Retention and churn: customers in the book at the start and live the day before the period,
  // followed to its end (or asOf).
  const dayBefore = dayNumber(addLocalDays(from, -1));
  const lastDay = dayNumber(localDayOf(end, timeZone));
  const want = { retention: retention ? { dayBefore, lastDay } : null, snapshot, clv };
  const bookPart = (index: number) =>
    retention || snapshot
      ? kpiRepo.bookFacts(db, w, start, end, end, credited, by, want, { index, of: BOOK_SLICES })
      : Promise.resolve([]);
  const [flows, surveys, complaints, tasks, values, ...books] = await Promise.all([
    needs(keys, 'sales_amount', 'order_count', 'new_customers')
      ? flowTotals(db, w, from, credited, currency, by)
      : Promise.resolve(new Map<string | null, Flow>()),
    needs(keys, 'avg_satisfaction', 'nps') ? kpiRepo.surveyScores(db, w, credited, by) : none,
    needs(keys, 'complaint_count', 'first_response_hours_median', 'resolution_hours_median')
      ? kpiRepo.complaintFacts(db, w, credited, by)
      : none,
    needs(keys, 'visit_completion_rate', 'task_on_time_rate')
      ? taskTotals(db, w, from, periodEnd, end, credited, by)
      : none,
    valueFrom === 'snapshot' ? kpiRepo.bookValues(db, orgId, end, credited, by) : none,
    ...Array.from({ length: BOOK_SLICES }, (_, i) => bookPart(i)),
  ]);

  for (const [uid, f] of flows) {
    const p = part(uid);
    p.orders += f.orders;
    p.amount = addNullable(p.amount, f.amount);
    p.newCustomers += f.newCustomers;
  }
  for (const s of surveys) {
    if (s.kind === 'csat') part(s.uid).csat.push(s.score);
    else if (s.kind === 'nps') part(s.uid).nps.push(s.score);
  }
  for (const c of complaints) {
    const p = part(c.uid);
    if (c.raised) p.raised++;
    if (c.first_h !== null && c.first_h !== undefined) p.firstH.push(c.first_h);
    if (c.resolve_h !== null && c.resolve_h !== undefined) p.resolveH.push(c.resolve_h);
  }
  for (const v of values) {
    const p = part(v.uid);
    p.clv = addNullable(p.clv, v.clv);
  }
  for (const t of tasks) {
    const p = part(t.uid).tasks;
    p.total += t.total;
    p.on_time += t.on_time;
    p.visits += t.visits;
    p.visits_on_time += t.visits_on_time;
  }
  // Completeness: the book at the end (book value: the snapshot of the last value refresh by then).
  // Retention: counted in SQL from the stored boundaries (`a`), else walked here (`r`).
  for (const b of books.flat()) {
    if (b.k === 's') {
      const p = part(b.uid);
      p.completenessSum += b.c_sum;
      p.completenessN += b.c_n;
      if (clv) p.clv = addNullable(p.clv, b.clv);
    } else if (b.k === 'a') {
      const p = part(b.uid);
      p.live += b.live;
      p.churned += b.churned;
      p.retained += b.retained;
    } else {
      const r = retentionOf(distinctSorted(b.days), dayBefore, lastDay);
      if (!r) continue;
      const p = part(b.uid);
      p.live++;
      if (r.churned) p.churned++;
      if (r.retained) p.retained++;
    }
  }
  return { parts, currency, timeZone, started: true };
}

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
  const { parts, currency, timeZone, started } = await computeParts(db, orgId, credited, from, to, asOf, {
    by: false,
    keys: ALL_KEYS,
  });
  const values = started
    ? valuesOf(parts.get(null) ?? emptyPart())
    : (Object.fromEntries(KPI_DEFINITIONS.map((d) => [d.key, null])) as KpiValues);
  return { values, currency, timeZone };
}

/**
 * The KPIs in `keys` (default all) of each user on their own, over from..to as known at asOf — the
 * same values computeKpis gives for `[userId]`, from one query per source for all of them.
 */
export async function computeKpisByUser(
  db: Db,
  orgId: string,
  userIds: readonly string[],
  from: string,
  to: string,
  asOf: Date,
  keys: ReadonlySet<KpiKey> = ALL_KEYS,
): Promise<Map<string, KpiValues>> {
  const out = new Map<string, KpiValues>();
  if (!userIds.length) return out;
  const { parts, started } = await computeParts(db, orgId, [...userIds], from, to, asOf, { by: true, keys });
  const nothing = Object.fromEntries(KPI_DEFINITIONS.map((d) => [d.key, null])) as KpiValues;
  const empty = started ? valuesOf(emptyPart()) : nothing;
  for (const id of userIds) {
    const p = parts.get(id);
    out.set(id, p && started ? valuesOf(p) : empty);
  }
  return out;
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
