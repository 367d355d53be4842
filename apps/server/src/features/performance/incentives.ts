import { checkCommissionRules, computeCommission, type CommissionRules, type KpiKey } from '@steward/core';
import type { CommissionPlanIn, CommissionPlanOut, PayoutOut, PayoutRow } from '@steward/contracts';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { validationFailed } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as repo from './incentive-repo.js';
import type { PlanRow } from './incentive-repo.js';
import { computeKpisByUser } from './kpis.js';
import { performancePolicy } from './policy.js';
import * as perfRepo from './repo.js';
import {
  adminsOnly,
  noCommissionPlan,
  periodClosed,
  planChanged,
  planVersionExists,
} from './review-errors.js';
import { reviewPolicy } from './review-policy.js';
import * as cardRepo from './scorecard-repo.js';
import type { ManagerRow } from './scorecard-repo.js';
import { chooseTemplate, scoreValues } from './scorecards.js';

const presentPlan = (p: PlanRow): CommissionPlanOut => ({
  id: p.id,
  name: p.name,
  effectiveFrom: p.effectiveFrom,
  rules: p.rules as CommissionPlanOut['rules'],
  createdBy: p.createdBy,
  createdAt: p.createdAt.toISOString(),
});

export async function listPlans(deps: Deps, actor: Actor) {
  return { data: (await repo.listPlans(deps.db, actor.orgId)).map(presentPlan) };
}

/**
 * A plan change is a new version effective from a date; versions are never edited, so a closed
 * payout period (frozen lines) is never rewritten.
 */
export async function createPlan(deps: Deps, actor: Actor, input: CommissionPlanIn) {
  if (!reviewPolicy.configures(actor)) throw adminsOnly('commission plans');
  const problems = checkCommissionRules(input.rules);
  if (problems.length) throw validationFailed(problems);
  return deps.db.transaction(async (tx) => {
    if (await repo.planStartingOn(tx, actor.orgId, input.effectiveFrom)) throw planVersionExists();
    const id = newId();
    await repo.insertPlan(tx, {
      orgId: actor.orgId,
      id,
      name: input.name,
      effectiveFrom: input.effectiveFrom,
      rules: input.rules,
      createdBy: actor.userId,
      createdAt: deps.now(),
    });
    await audit(tx, actor, 'commission_plan.create', 'commission_plan', id, { ...input });
    return presentPlan((await repo.findPlan(tx, actor.orgId, id))!);
  });
}

/** Each manager's payout over from..to under a plan, computed now from the record. */
async function computeRows(
  db: Db,
  orgId: string,
  managers: ManagerRow[],
  plan: PlanRow | null,
  from: string,
  to: string,
  asOf: Date,
): Promise<PayoutRow[]> {
  const templates = await cardRepo.listTemplates(db, orgId);
  const rows: PayoutRow[] = [];
  // Every manager's KPIs from one query per source (not one computation per manager).
  const byUser = await computeKpisByUser(
    db,
    orgId,
    managers.map((m) => m.id),
    from,
    to,
    asOf,
    new Set<KpiKey>([
      'sales_amount',
      ...managers.flatMap((m) => chooseTemplate(templates, m).items.map((i) => i.kpi as KpiKey)),
    ]),
  );
  for (const m of managers) {
    const values = byUser.get(m.id)!;
    const score = scoreValues(chooseTemplate(templates, m).items, values).overall;
    const sales = values.sales_amount ?? 0;
    const rules: CommissionRules = plan
      ? (plan.rules as CommissionRules)
      : { tiers: [], threshold: 0, cap: null, bonusMultipliers: [] };
    const c = computeCommission(rules, sales, score);
    rows.push({
      managerId: m.id,
      managerName: m.name,
      teamId: m.teamId,
      sales: c.sales,
      thresholdMet: c.thresholdMet,
      lines: c.lines,
      commission: c.commission,
      score: c.score,
      multiplier: c.multiplier,
      capped: c.capped,
      total: c.total,
    });
  }
  return rows;
}

/** Whose payouts the actor reads: directors, admins and analysts everyone; a lead their teams; others themselves. */
function canSee(actor: Actor, row: { managerId: string; teamId: string | null }) {
  return performancePolicy.canReadManager(actor, { id: row.managerId, teamId: row.teamId });
}

const sum = (rows: PayoutRow[]) => Math.round(rows.reduce((s, r) => s + r.total, 0) * 100) / 100;
const planRef = (p: PlanRow | null) =>
  p ? { id: p.id, name: p.name, effectiveFrom: p.effectiveFrom } : null;

/**
 * GET /payouts: a closed period (same dates) answers its frozen lines; any other period is
 * computed now under the plan in effect on its first day.
 */
export async function getPayouts(
  deps: Deps,
  actor: Actor,
  q: { from: string; to: string },
): Promise<PayoutOut> {
  const db = deps.db;
  const { currency } = await perfRepo.findOrg(db, actor.orgId);
  const closed = await repo.closedPeriod(db, actor.orgId, q.from, q.to);
  if (closed) {
    const plan = await repo.findPlan(db, actor.orgId, closed.planId);
    const data = (closed.lines as PayoutRow[]).filter((r) => canSee(actor, r));
    return {
      from: q.from,
      to: q.to,
      currency,
      plan: planRef(plan),
      closed: true,
      closedAt: closed.closedAt.toISOString(),
      data,
      total: sum(data),
    };
  }
  const managers = (await cardRepo.activeManagers(db, actor.orgId)).filter((m) =>
    canSee(actor, { managerId: m.id, teamId: m.teamId }),
  );
  const plan = await repo.planInEffect(db, actor.orgId, q.from);
  const data = await computeRows(db, actor.orgId, managers, plan, q.from, q.to, deps.now());
  return {
    from: q.from,
    to: q.to,
    currency,
    plan: planRef(plan),
    closed: false,
    closedAt: null,
    data,
    total: sum(data),
  };
}

/**
 * Freezes every active manager's payout for the period; closed periods never overlap. The lines
 * are computed first (the KPI queries run in parallel, outside the transaction), then written
 * under a per-organization lock after checking the plan in effect has not changed meanwhile.
 */
export async function closePayouts(
  deps: Deps,
  actor: Actor,
  body: { periodStart: string; periodEnd: string },
) {
  if (!reviewPolicy.configures(actor)) throw adminsOnly('payouts');
  const { periodStart: from, periodEnd: to } = body;
  const plan = await repo.planInEffect(deps.db, actor.orgId, from);
  if (!plan) throw noCommissionPlan();
  if (await repo.overlapsClosed(deps.db, actor.orgId, from, to)) throw periodClosed();
  const managers = await cardRepo.activeManagers(deps.db, actor.orgId);
  const lines = await computeRows(deps.db, actor.orgId, managers, plan, from, to, deps.now());
  await deps.db.transaction(async (tx) => {
    await repo.lockClosing(tx, actor.orgId);
    if (await repo.overlapsClosed(tx, actor.orgId, from, to)) throw periodClosed();
    if ((await repo.planInEffect(tx, actor.orgId, from))?.id !== plan.id) throw planChanged();
    const id = newId();
    await repo.insertPayoutPeriod(tx, {
      orgId: actor.orgId,
      id,
      periodStart: from,
      periodEnd: to,
      planId: plan.id,
      lines,
      closedBy: actor.userId,
      closedAt: deps.now(),
    });
    await audit(tx, actor, 'payout_period.close', 'payout_period', id, {
      periodStart: from,
      periodEnd: to,
      planId: plan.id,
      managers: lines.length,
      total: sum(lines),
    });
  });
  return getPayouts(deps, actor, { from, to });
}
