import type { ClvModelOut, OrderOut, TierOverrideOut } from '@steward/contracts';
import type { orders } from '../../db/schema/index.js';
import type { ModelRow, OverrideRow } from './repo.js';

export function presentOrder(o: typeof orders.$inferSelect): OrderOut {
  return {
    id: o.id,
    customerId: o.customerId,
    externalId: o.externalId,
    orderedAt: o.orderedAt.toISOString(),
    amount: Number(o.amount),
    currency: o.currency,
    channel: o.channel,
    lines: o.lines,
  };
}

export function presentModel(m: ModelRow): ClvModelOut {
  return {
    model: 'bg-nbd',
    params: { r: m.params.r, alpha: m.params.alpha, a: m.params.a, b: m.params.b },
    logLikelihood: m.logLikelihood,
    spend: {
      model: 'gamma-gamma',
      params: { p: m.spendParams.p, q: m.spendParams.q, gamma: m.spendParams.gamma },
    },
    unit: m.unit as ClvModelOut['unit'],
    asOf: m.asOf.toISOString(),
    customers: m.customers,
    repeatBuyers: m.repeatBuyers,
    sampled: m.sampled,
    horizon: m.horizon,
    annualDiscountRate: m.annualDiscountRate,
    createdAt: m.createdAt.toISOString(),
  };
}

export function presentOverride(o: OverrideRow): TierOverrideOut {
  return {
    customerId: o.customerId,
    tier: o.tier as TierOverrideOut['tier'],
    reason: o.reason,
    by: o.by,
    at: o.at.toISOString(),
  };
}
