/** Visit plans (回访计划): how often each tier is visited, and when the next visit falls due. */

export const VISIT_TIERS = ['A', 'B', 'C', 'D'] as const;
export type VisitTier = (typeof VISIT_TIERS)[number];
export const VISIT_CHANNELS = ['visit', 'phone', 'wechat', 'email', 'video'] as const;
export type VisitChannel = (typeof VISIT_CHANNELS)[number];

/**
 * The organization's cadence (org_settings `visit_cadence`): days between visits per tier (null: no
 * planned visits — D customers get automated touches only), the preferred channel per tier, and the
 * grace days after the due day before an undone visit counts as missed. Ungraded customers have no
 * plan unless a per-customer override gives them one.
 */
export type VisitCadence = Record<VisitTier, number | null> & {
  channels: Record<VisitTier, VisitChannel>;
  graceDays: number;
};

export const DEFAULT_VISIT_CADENCE: VisitCadence = {
  A: 30,
  B: 60,
  C: 90,
  D: null,
  channels: { A: 'visit', B: 'visit', C: 'phone', D: 'wechat' },
  graceDays: 7,
};

/** A per-customer override: present means it replaces the tier's cadence (null: no plan). */
export type VisitOverride = { cadenceDays: number | null; channel: VisitChannel | null } | null;

export type EffectivePlan = {
  cadenceDays: number | null;
  channel: VisitChannel | null;
  source: 'tier' | 'override';
};

const isTier = (t: string | null): t is VisitTier =>
  t !== null && (VISIT_TIERS as readonly string[]).includes(t);

/** The plan that applies to a customer: the override if there is one, else its tier's. */
export function effectivePlan(
  cadence: VisitCadence,
  tier: string | null,
  override: VisitOverride,
): EffectivePlan {
  const tierChannel = isTier(tier) ? cadence.channels[tier] : null;
  if (override)
    return {
      cadenceDays: override.cadenceDays,
      channel: override.channel ?? tierChannel,
      source: 'override',
    };
  return { cadenceDays: isTier(tier) ? cadence[tier] : null, channel: tierChannel, source: 'tier' };
}

const DAY = 86_400_000;

/**
 * When the next planned visit of a customer is due: the stored next due date (set when a visit was
 * completed), else the cadence counted from the last contact, the assignment or the creation.
 * Null when the customer has no plan.
 */
export function planDueAt(
  c: { nextVisitDueAt: Date | null; lastContactedAt: Date | null; assignedAt: Date | null; createdAt: Date },
  cadenceDays: number | null,
): Date | null {
  if (cadenceDays === null) return null;
  if (c.nextVisitDueAt) return c.nextVisitDueAt;
  const from = c.lastContactedAt ?? c.assignedAt ?? c.createdAt;
  return new Date(from.getTime() + cadenceDays * DAY);
}

/** The next due date after a visit on `occurredAt`. */
export const nextDueAfterVisit = (occurredAt: Date, cadenceDays: number): Date =>
  new Date(occurredAt.getTime() + cadenceDays * DAY);

/** The idempotency key of the visit task for one due visit: once per customer and local due day. */
export const visitSourceKey = (customerId: string, dueDay: string) => `visit:${customerId}:${dueDay}`;
