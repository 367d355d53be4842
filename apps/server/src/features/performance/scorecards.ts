import {
  addLocalDays,
  computeScorecard,
  kpiDefinition,
  periodContaining,
  roundKpi,
  type KpiKey,
} from '@steward/core';
import type { ScorecardOut, ScorecardQuery, ScorecardTemplateIn } from '@steward/contracts';
import type { Db } from '../../db/client.js';
import type { ScorecardItem } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { newId } from '../../platform/ids.js';
import { computeKpis } from './kpis.js';
import { performancePolicy } from './policy.js';
import { adminsOnly, managerNotFound, templateNotFound } from './review-errors.js';
import { reviewPolicy } from './review-policy.js';
import { presentRating } from './ratings.js';
import * as repo from './scorecard-repo.js';
import type { ManagerRow, TemplateRow } from './scorecard-repo.js';

/** Used when the organization has no template at all for a person (docs/kpis.md). */
export const BUILTIN_ITEMS: ScorecardItem[] = [
  { kpi: 'sales_amount', weight: 40, target: 100_000, cap: 1.2 },
  { kpi: 'new_customers', weight: 10, target: 5, cap: 1.2 },
  { kpi: 'task_on_time_rate', weight: 20, target: 0.9, cap: 1 },
  { kpi: 'visit_completion_rate', weight: 15, target: 0.9, cap: 1 },
  { kpi: 'avg_satisfaction', weight: 15, target: 4.5, cap: 1 },
];

type Chosen = { template: ScorecardOut['template']; items: ScorecardItem[] };

/** The person's template: by level, else by role, else the organization's default, else built in. */
export function chooseTemplate(templates: readonly TemplateRow[], person: ManagerRow): Chosen {
  const pick = (t: TemplateRow | undefined, source: Chosen['template']['source']): Chosen | null =>
    t ? { template: { id: t.id, name: t.name, source }, items: t.items } : null;
  return (
    pick(
      templates.find((t) => t.level === person.level && (t.role === null || t.role === person.role)),
      'level',
    ) ??
    pick(
      templates.find((t) => t.level === null && t.role === person.role),
      'role',
    ) ??
    pick(
      templates.find((t) => t.level === null && t.role === null),
      'default',
    ) ?? { template: { id: null, name: 'Default', source: 'builtin' }, items: BUILTIN_ITEMS }
  );
}

type ResolvedItem = ScorecardItem & { lowerIsBetter: boolean };
const resolvedCache = new WeakMap<readonly ScorecardItem[], ResolvedItem[]>();

/** The items with lowerIsBetter resolved, once per items array (rankings score 1,000 people on one template). */
function resolveItems(items: readonly ScorecardItem[]): ResolvedItem[] {
  let resolved = resolvedCache.get(items);
  if (!resolved) {
    resolved = items.map((i) => ({
      ...i,
      lowerIsBetter: i.lowerIsBetter ?? kpiDefinition(i.kpi as KpiKey).direction === 'lower',
    }));
    resolvedCache.set(items, resolved);
  }
  return resolved;
}

/** The actual of each item: a sum with no data is 0, any other KPI with no data stays unknown. */
function actualsOf(resolved: readonly ResolvedItem[], values: Partial<Record<KpiKey, number | null>>) {
  const actuals: Record<string, number | null> = {};
  for (const i of resolved) {
    const v = values[i.kpi as KpiKey] ?? null;
    actuals[i.kpi] = v === null && kpiDefinition(i.kpi as KpiKey).additive ? 0 : v;
  }
  return actuals;
}

/** The overall score alone — the same number as `scoreValues(items, values).overall`, without the items. */
export function overallOf(items: readonly ScorecardItem[], values: Partial<Record<KpiKey, number | null>>) {
  const resolved = resolveItems(items);
  return computeScorecard(resolved, actualsOf(resolved, values)).overall;
}

/**
 * Scores the items against KPI values. A sum (sales, counts) with no data is 0; any other KPI with
 * no data is unknown and scores 0 points. lowerIsBetter defaults to the KPI's direction.
 */
export function scoreValues(items: readonly ScorecardItem[], values: Partial<Record<KpiKey, number | null>>) {
  const resolved = resolveItems(items);
  const actuals = actualsOf(resolved, values);
  const scored = computeScorecard(resolved, actuals);
  return {
    items: resolved.map((i, n) => ({
      kpi: i.kpi,
      weight: i.weight,
      target: i.target,
      cap: i.cap,
      lowerIsBetter: i.lowerIsBetter,
      actual: scored.items[n]!.actual,
      attainment: roundKpi(scored.items[n]!.attainment, 4)!,
      points: roundKpi(scored.items[n]!.points, 2)!,
    })),
    overall: scored.overall,
  };
}

/** The items scored on the person's KPIs over from..to as known at asOf. */
export async function scoreItems(
  db: Db,
  orgId: string,
  personId: string,
  items: readonly ScorecardItem[],
  from: string,
  to: string,
  asOf: Date,
) {
  const { values } = await computeKpis(db, orgId, [personId], from, to, asOf);
  return scoreValues(items, values);
}

/** The calendar months ending with the one containing `to`, oldest first. */
export function monthsEnding(to: string, count: number) {
  const out: { from: string; to: string }[] = [];
  let day = to;
  for (let i = 0; i < count; i++) {
    const m = periodContaining('month', day);
    out.unshift(m);
    day = addLocalDays(m.from, -1);
  }
  return out;
}

/** The scorecard of a person, with the template chosen for them (no scope check). */
export async function scorecardOf(
  db: Db,
  orgId: string,
  person: ManagerRow,
  from: string,
  to: string,
  asOf: Date,
) {
  const chosen = chooseTemplate(await repo.listTemplates(db, orgId), person);
  const scored = await scoreItems(db, orgId, person.id, chosen.items, from, to, asOf);
  return { template: chosen.template, ...scored };
}

export async function findReadablePerson(db: Db, actor: Actor, id: string) {
  const person = await repo.findPerson(db, actor.orgId, id);
  if (!person || !performancePolicy.canReadManager(actor, person)) throw managerNotFound();
  return person;
}

export async function getScorecard(deps: Deps, actor: Actor, q: ScorecardQuery): Promise<ScorecardOut> {
  const person = await findReadablePerson(deps.db, actor, q.managerId);
  const asOf = deps.now();
  const chosen = chooseTemplate(await repo.listTemplates(deps.db, actor.orgId), person);
  const scored = await scoreItems(deps.db, actor.orgId, person.id, chosen.items, q.from, q.to, asOf);
  const trend = [];
  for (const m of monthsEnding(q.to, q.trendMonths)) {
    const s = await scoreItems(deps.db, actor.orgId, person.id, chosen.items, m.from, m.to, asOf);
    trend.push({ ...m, overall: s.overall });
  }
  const ratings = await repo.ratingsFor(deps.db, actor.orgId, person.id, q.from, q.to);
  return {
    managerId: person.id,
    managerName: person.name,
    from: q.from,
    to: q.to,
    template: chosen.template,
    ...scored,
    ratings: ratings.map(presentRating),
    trend,
  };
}

// ---- templates ------------------------------------------------------------------------------

const presentTemplate = (t: TemplateRow) => ({
  id: t.id,
  name: t.name,
  role: t.role,
  level: t.level,
  items: t.items,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
});

const itemsOf = (input: ScorecardTemplateIn): ScorecardItem[] =>
  input.items.map((i) => ({
    kpi: i.kpi,
    weight: i.weight,
    target: i.target,
    cap: i.cap,
    ...(i.lowerIsBetter === undefined ? {} : { lowerIsBetter: i.lowerIsBetter }),
  }));

export async function listTemplates(deps: Deps, actor: Actor) {
  return { data: (await repo.listTemplates(deps.db, actor.orgId)).map(presentTemplate) };
}

export async function getTemplate(deps: Deps, actor: Actor, id: string) {
  const row = await repo.findTemplate(deps.db, actor.orgId, id);
  if (!row) throw templateNotFound();
  return presentTemplate(row);
}

export async function createTemplate(deps: Deps, actor: Actor, input: ScorecardTemplateIn) {
  if (!reviewPolicy.configures(actor)) throw adminsOnly('scorecard templates');
  return deps.db.transaction(async (tx) => {
    const now = deps.now();
    const id = newId();
    await repo.insertTemplate(tx, {
      orgId: actor.orgId,
      id,
      name: input.name,
      role: input.role ?? null,
      level: input.level ?? null,
      items: itemsOf(input),
      createdAt: now,
      updatedAt: now,
    });
    await audit(tx, actor, 'scorecard_template.create', 'scorecard_template', id, { ...input });
    return presentTemplate((await repo.findTemplate(tx, actor.orgId, id))!);
  });
}

export async function updateTemplate(deps: Deps, actor: Actor, id: string, input: ScorecardTemplateIn) {
  if (!reviewPolicy.configures(actor)) throw adminsOnly('scorecard templates');
  return deps.db.transaction(async (tx) => {
    if (!(await repo.findTemplate(tx, actor.orgId, id))) throw templateNotFound();
    await repo.updateTemplate(tx, actor.orgId, id, {
      name: input.name,
      role: input.role ?? null,
      level: input.level ?? null,
      items: itemsOf(input),
      updatedAt: deps.now(),
    });
    await audit(tx, actor, 'scorecard_template.update', 'scorecard_template', id, { ...input });
    return presentTemplate((await repo.findTemplate(tx, actor.orgId, id))!);
  });
}

export async function deleteTemplate(deps: Deps, actor: Actor, id: string) {
  if (!reviewPolicy.configures(actor)) throw adminsOnly('scorecard templates');
  await deps.db.transaction(async (tx) => {
    const row = await repo.findTemplate(tx, actor.orgId, id);
    if (!row) throw templateNotFound();
    await repo.deleteTemplate(tx, actor.orgId, id);
    await audit(tx, actor, 'scorecard_template.delete', 'scorecard_template', id, { name: row.name });
  });
}
