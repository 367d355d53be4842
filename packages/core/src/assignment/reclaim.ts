import { DAY_MS, type AssignmentReason, type Tier } from './types.js';

/** One tier's reclaim window. A null day count turns that rule off. */
export type ReclaimWindow = {
  /** Reclaim when there has been no follow-up interaction for this many days. */
  noFollowUpDays: number | null;
  /** Reclaim when there has been no order for this many days. */
  noOrderDays: number | null;
  /** Warn this many days before the reclaim is due. */
  warnDays: number;
};

export type ReclaimPolicy = {
  default: ReclaimWindow;
  /** Per-tier overrides, key by key (A/B/C/D may differ). */
  byTier?: Partial<Record<Tier, Partial<ReclaimWindow>>>;
  /**
   * An order inside the no-follow-up window exempts the customer from that rule (an order is
   * contact). Default true.
   */
  orderExemptsFollowUp?: boolean;
};

export type ReclaimFacts = {
  tier: Tier | null;
  lastInteractionAt: number | null;
  lastOrderAt: number | null;
  /** When the current owner got the customer; both clocks start here if it is later. */
  assignedAt: number;
  protected: boolean;
};

export type ReclaimDecision = {
  action: 'keep' | 'warn' | 'reclaim';
  reasons: AssignmentReason[];
  /** When the customer returns to the pool if nothing happens (null when no rule applies). */
  dueAt: number | null;
  /** When the warning starts (dueAt − warnDays). */
  warnAt: number | null;
};

/** Used where an organization has set no window: 30 days without follow-up, 90 without an order, warn 3 days before. */
export const DEFAULT_RECLAIM_WINDOW: ReclaimWindow = { noFollowUpDays: 30, noOrderDays: 90, warnDays: 3 };

/**
 * Builds a policy from the stored shape `{default?: {...}, A?: {...}, B?: {...}, …}` (partial
 * windows; missing keys fall back to `default`, then to DEFAULT_RECLAIM_WINDOW).
 */
export function reclaimPolicyFromWindows(
  stored: Record<string, Partial<ReclaimWindow> | undefined> | null | undefined,
): ReclaimPolicy {
  const byTier: Partial<Record<Tier, Partial<ReclaimWindow>>> = {};
  for (const t of ['A', 'B', 'C', 'D'] as const) if (stored?.[t]) byTier[t] = stored[t];
  return { default: { ...DEFAULT_RECLAIM_WINDOW, ...stored?.default }, byTier };
}

/** The window that applies to a tier: the tier's overrides on top of the default. */
export function reclaimWindow(policy: ReclaimPolicy, tier: Tier | null): ReclaimWindow {
  return { ...policy.default, ...(tier ? policy.byTier?.[tier] : undefined) };
}

/**
 * The pool-reclaim rule of PRODUCT.md C3 for one owned customer at `now` (epoch ms).
 * Each rule's clock starts at the later of the last event and `assignedAt`; the rule is due at
 * start + N days. At or after the due moment → reclaim; at or after due − warnDays → warn;
 * earlier → keep. The earliest due rule sets dueAt. Protected customers are always kept.
 * Reasons: `protected`, `no_follow_up` / `no_order` (due or overdue rules, with days and
 * limits), `reclaim_warning` (with daysLeft), `exempt_order_in_window`, `within_window`.
 */
export function reclaimDecision(facts: ReclaimFacts, policy: ReclaimPolicy, now: number): ReclaimDecision {
  if (facts.protected)
    return { action: 'keep', reasons: [{ code: 'protected', data: {} }], dueAt: null, warnAt: null };
  const w = reclaimWindow(policy, facts.tier);
  const exempt = policy.orderExemptsFollowUp !== false;
  const reasons: AssignmentReason[] = [];
  const dues: { code: 'no_follow_up' | 'no_order'; due: number; since: number; limit: number }[] = [];

  if (w.noFollowUpDays !== null) {
    const lastContact = Math.max(facts.lastInteractionAt ?? -Infinity, facts.assignedAt);
    const orderCounts = exempt && facts.lastOrderAt !== null && facts.lastOrderAt > lastContact;
    const since = orderCounts ? facts.lastOrderAt! : lastContact;
    const due = since + w.noFollowUpDays * DAY_MS;
    if (orderCounts && now < due && now >= lastContact + w.noFollowUpDays * DAY_MS)
      reasons.push({ code: 'exempt_order_in_window', data: { lastOrderAt: facts.lastOrderAt } });
    dues.push({ code: 'no_follow_up', due, since, limit: w.noFollowUpDays });
  }
  if (w.noOrderDays !== null) {
    const since = Math.max(facts.lastOrderAt ?? -Infinity, facts.assignedAt);
    dues.push({ code: 'no_order', due: since + w.noOrderDays * DAY_MS, since, limit: w.noOrderDays });
  }
  if (dues.length === 0)
    return { action: 'keep', reasons: [{ code: 'no_rule', data: {} }], dueAt: null, warnAt: null };

  const dueAt = Math.min(...dues.map((d) => d.due));
  const warnAt = dueAt - w.warnDays * DAY_MS;
  const days = (ms: number) => Math.floor(ms / DAY_MS);
  const fired = dues.filter((d) => now >= d.due);
  for (const d of fired)
    reasons.push({
      code: d.code,
      data: { daysSince: days(now - d.since), limitDays: d.limit, since: d.since },
    });
  if (fired.length) return { action: 'reclaim', reasons, dueAt, warnAt };
  if (now >= warnAt) {
    const first = dues.find((d) => d.due === dueAt)!;
    reasons.push({
      code: 'reclaim_warning',
      data: { rule: first.code, daysLeft: Math.ceil((dueAt - now) / DAY_MS), warnDays: w.warnDays },
    });
    return { action: 'warn', reasons, dueAt, warnAt };
  }
  reasons.push({ code: 'within_window', data: { daysLeft: Math.ceil((dueAt - now) / DAY_MS) } });
  return { action: 'keep', reasons, dueAt, warnAt };
}
