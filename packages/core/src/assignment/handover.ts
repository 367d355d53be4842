import { fitScore, mayOwnTierA, utilisation } from './fit.js';
import type { Candidate, FitCustomer, AssignmentReason, Tier } from './types.js';

export type HandoverCustomer = FitCustomer & { id: string; value?: number };
export type HandoverTask = { id: string; customerId: string | null };
export type HandoverOptions = {
  /** Lets A-tier customers go to junior managers (default false). */
  allowAnyLevelForA?: boolean;
  /** Who takes tasks whose customer goes to the pool or that have no customer (e.g. the lead). */
  fallbackTaskAssigneeId?: string | null;
};

export type CustomerHandover = {
  customerId: string;
  managerId: string | null;
  pool: boolean;
  reason: AssignmentReason;
};
export type TaskHandover = {
  taskId: string;
  customerId: string | null;
  assigneeId: string | null;
  reason: AssignmentReason;
};
export type HandoverPlan = {
  customers: CustomerHandover[];
  tasks: TaskHandover[];
  /** Colleagues' loads after the plan. */
  loads: Record<string, number>;
};

const TIER_ORDER: Record<Tier, number> = { A: 0, B: 1, C: 2, D: 3 };
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

type Refusal = 'unknown_manager' | 'inactive' | 'at_capacity' | 'level_too_low_for_a';

function refusal(
  c: Candidate | undefined,
  load: number,
  customer: FitCustomer,
  anyLevel: boolean,
): Refusal | null {
  if (!c) return 'unknown_manager';
  if (c.status !== 'active') return 'inactive';
  if (load >= c.capacity) return 'at_capacity';
  if (customer.tier === 'A' && !anyLevel && !mayOwnTierA(c.level)) return 'level_too_low_for_a';
  return null;
}

/**
 * Hands a deactivated manager's customers and open tasks over (PRODUCT.md C2).
 * 'manual' mode first places the customers of `manualMap` (customer id → manager id) on their
 * chosen colleague; a choice that is unknown, inactive, full or too junior for an A-tier customer
 * falls back to the rule, and the reason says why. 'rule' mode (and every customer left) goes,
 * most important first (tier A→D, then value, then id), to the colleague with the best
 * `fitScore` at their load so far (ties: utilisation, then id), never over capacity; when
 * nobody can take a customer it goes to the pool (`no_capacity`). Open tasks follow their
 * customer; tasks of pooled customers, or with no customer in the handover, go to
 * `fallbackTaskAssigneeId` (or stay unassigned).
 */
export function planHandover(
  customers: HandoverCustomer[],
  openTasks: HandoverTask[],
  colleagues: Candidate[],
  mode: 'rule' | 'manual',
  manualMap: Record<string, string> = {},
  options: HandoverOptions = {},
): HandoverPlan {
  const anyLevel = options.allowAnyLevelForA ?? false;
  const byId = new Map(colleagues.map((c) => [c.id, c]));
  const loads: Record<string, number> = Object.fromEntries(colleagues.map((c) => [c.id, c.load]));
  const ordered = [...customers].sort(
    (a, b) =>
      (a.tier ? TIER_ORDER[a.tier] : 4) - (b.tier ? TIER_ORDER[b.tier] : 4) ||
      (b.value ?? 0) - (a.value ?? 0) ||
      cmp(a.id, b.id),
  );
  const plan = new Map<string, CustomerHandover>();
  const rejected = new Map<string, { managerId: string; refusal: Refusal }>();

  if (mode === 'manual') {
    for (const cust of ordered) {
      const target = manualMap[cust.id];
      if (target === undefined) continue;
      const why = refusal(byId.get(target), loads[target] ?? 0, cust, anyLevel);
      if (why) {
        rejected.set(cust.id, { managerId: target, refusal: why });
        continue;
      }
      loads[target] = (loads[target] ?? 0) + 1;
      plan.set(cust.id, {
        customerId: cust.id,
        managerId: target,
        pool: false,
        reason: { code: 'manual', data: {} },
      });
    }
  }
  for (const cust of ordered) {
    if (plan.has(cust.id)) continue;
    const manual = rejected.get(cust.id);
    const extra: AssignmentReason['data'] = manual
      ? { manualManagerId: manual.managerId, manualRefused: manual.refusal }
      : {};
    const best = colleagues
      .filter((c) => !refusal(c, loads[c.id]!, cust, anyLevel))
      .map((c) => ({ c, s: fitScore(cust, c, loads[c.id]!) }))
      .sort(
        (a, b) =>
          b.s.total - a.s.total ||
          utilisation(loads[a.c.id]!, a.c.capacity) - utilisation(loads[b.c.id]!, b.c.capacity) ||
          cmp(a.c.id, b.c.id),
      )[0];
    if (!best) {
      plan.set(cust.id, {
        customerId: cust.id,
        managerId: null,
        pool: true,
        reason: { code: 'no_capacity', data: extra },
      });
      continue;
    }
    loads[best.c.id]! += 1;
    plan.set(cust.id, {
      customerId: cust.id,
      managerId: best.c.id,
      pool: false,
      reason: { code: 'best_fit', data: { score: { ...best.s }, ...extra } },
    });
  }

  const fallback = options.fallbackTaskAssigneeId ?? null;
  const tasks = openTasks.map((t): TaskHandover => {
    const target = t.customerId === null ? undefined : plan.get(t.customerId);
    if (target && !target.pool)
      return {
        taskId: t.id,
        customerId: t.customerId,
        assigneeId: target.managerId,
        reason: { code: 'follows_customer', data: {} },
      };
    const code = target
      ? 'customer_to_pool'
      : t.customerId === null
        ? 'no_customer'
        : 'customer_not_in_handover';
    return { taskId: t.id, customerId: t.customerId, assigneeId: fallback, reason: { code, data: {} } };
  });
  return { customers: customers.map((c) => plan.get(c.id)!), tasks, loads };
}
