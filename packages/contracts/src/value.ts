import { z } from 'zod';
import { Id, IsoDateTime, page } from './common.js';
import { OrderOut, STAGES, TIERS } from './customers.js';

/** Most orders one POST /orders/bulk call takes (API.md). */
export const MAX_BULK_ORDERS = 10_000;

/**
 * One order of a bulk call. Kept lenient where API.md wants per-item errors (a bad date, a negative
 * amount, an unknown customer): those are reported in `errors`, not as a 400 for the whole call.
 */
export const OrderBulkItem = z.object({
  customerId: z.string().max(100).optional(),
  customerExternalId: z.string().min(1).max(200).optional(),
  orderedAt: z
    .string()
    .max(60)
    .describe('ISO 8601 date-time with offset, or a date YYYY-MM-DD (read as noon UTC of that day)'),
  amount: z.number().describe('decimal amount in `currency`; 0 is allowed, negative is not'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code')
    .optional(),
  externalId: z.string().min(1).max(200).optional().describe('makes the order safe to send again'),
  channel: z.string().max(100).nullish(),
  lines: z
    .array(
      z.object({
        product: z.string().min(1).max(200),
        quantity: z.number(),
        unitPrice: z.number(),
      }),
    )
    .max(500)
    .optional(),
});
export const OrderBulkBody = z.object({ orders: z.array(OrderBulkItem).max(MAX_BULK_ORDERS) });
export const OrderBulkResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  errors: z.array(z.object({ index: z.number().int(), code: z.string(), message: z.string() })),
});
const Moment = z
  .string()
  .max(60)
  .refine((v) => /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v)), {
    message: 'expected an ISO 8601 date or date-time',
  });
export const OrderListQuery = z.object({
  customerId: Id.optional(),
  from: Moment.optional().describe('orders at or after this moment'),
  to: Moment.optional().describe('orders at or before this moment'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export const OrderListPage = page(OrderOut);

/** A score explanation: which inputs and which rule or model produced it (core `Explanation`). */
export const ScoreExplanation = z.object({
  score: z.string(),
  result: z.union([z.number(), z.string()]).nullable(),
  model: z.string(),
  inputs: z.record(z.string(), z.union([z.number(), z.string()]).nullable()),
  parameters: z.record(z.string(), z.union([z.number(), z.string()]).nullable()),
  reasons: z.array(
    z.object({
      code: z.string(),
      value: z.union([z.number(), z.string()]).nullish(),
      threshold: z.union([z.number(), z.string()]).nullish(),
    }),
  ),
});

export const CustomerValueOut = z.object({
  rfm: z.object({
    r: z.number().int().nullable(),
    f: z.number().int().nullable(),
    m: z.number().int().nullable(),
    segment: z.string().nullable(),
  }),
  tier: z.enum(TIERS).nullable(),
  stage: z.enum(STAGES),
  clv: z.object({
    expectedPurchases: z.number().nullable(),
    pAlive: z.number().nullable(),
    expectedSpend: z.number().nullable(),
    value: z.number().nullable(),
    horizon: z.number().nullable(),
  }),
  explanation: z.object({
    text: z.string().describe('a sentence or two a manager can read'),
    parts: z.array(ScoreExplanation),
  }),
  unit: z.enum(['day', 'week', 'month']).nullable(),
  asOf: IsoDateTime.nullable(),
  stageSince: z.string().nullable(),
  tierSource: z.enum(['rule', 'override']).nullable(),
  ruleTier: z.enum(TIERS).nullable(),
  override: z
    .object({ tier: z.enum(TIERS), reason: z.string(), by: Id.nullable(), at: IsoDateTime })
    .nullable(),
  openChurnAlert: z
    .object({ id: Id, openedAt: IsoDateTime, reasons: z.array(z.record(z.string(), z.unknown())) })
    .nullable(),
  history: z.array(
    z.object({ asOf: IsoDateTime, pAlive: z.number().nullable(), clv: z.number().nullable() }),
  ),
});

export const ClvModelOut = z.object({
  model: z.literal('bg-nbd'),
  params: z.object({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number() }),
  logLikelihood: z.number(),
  spend: z.object({
    model: z.literal('gamma-gamma'),
    params: z.object({ p: z.number(), q: z.number(), gamma: z.number() }),
  }),
  unit: z.enum(['day', 'week', 'month']),
  asOf: IsoDateTime,
  customers: z.number().int(),
  repeatBuyers: z.number().int(),
  sampled: z.boolean().describe('true when the fit used a deterministic sample of the customers'),
  horizon: z.number().int(),
  annualDiscountRate: z.number(),
  createdAt: IsoDateTime,
});

export const TierOverrideBody = z.object({ tier: z.enum(TIERS), reason: z.string().trim().min(1).max(500) });
export const TierOverrideOut = z.object({
  customerId: Id,
  tier: z.enum(TIERS),
  reason: z.string(),
  by: Id.nullable(),
  at: IsoDateTime,
});

export type OrderBulkItem = z.infer<typeof OrderBulkItem>;
export type OrderBulkBody = z.infer<typeof OrderBulkBody>;
export type OrderBulkResult = z.infer<typeof OrderBulkResult>;
export type OrderListQuery = z.infer<typeof OrderListQuery>;
export type CustomerValueOut = z.infer<typeof CustomerValueOut>;
export type ClvModelOut = z.infer<typeof ClvModelOut>;
export type TierOverrideBody = z.infer<typeof TierOverrideBody>;
export type TierOverrideOut = z.infer<typeof TierOverrideOut>;

// ——— Churn alerts, at-risk list, value dashboard, low-value re-evaluation (issue #5) ———

export const CHURN_ALERT_STATUSES = ['open', 'retained', 'lost'] as const;
const Reason = z.record(z.string(), z.unknown());

export const ChurnAlertListQuery = z.object({
  status: z.enum(CHURN_ALERT_STATUSES).optional(),
  ownerId: Id.optional().describe('the manager who owned the customer when the alert opened'),
  customerId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export const ChurnAlertOut = z.object({
  id: Id,
  customerId: Id,
  customerName: z.string(),
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  status: z.enum(CHURN_ALERT_STATUSES),
  reasons: z.array(Reason).describe('the churn indicators that fired: {code, value, threshold}'),
  taskId: Id.nullable(),
  taskStatus: z.string().nullable(),
  openedAt: IsoDateTime,
  closedAt: IsoDateTime.nullable(),
  resolution: z
    .object({
      outcome: z.enum(['retained', 'lost']),
      note: z.string(),
      by: Id.nullable(),
      byName: z.string().nullable(),
      at: IsoDateTime,
    })
    .nullable()
    .describe('set when a person resolved the alert; null while open or when value-refresh closed it'),
});
export const ChurnAlertPage = page(ChurnAlertOut);
export const ChurnAlertResolveBody = z.object({
  outcome: z.enum(['retained', 'lost']),
  note: z.string().trim().min(1).max(2000),
});

export const AtRiskQuery = z.object({
  managerId: Id.optional().describe('whose book; default the caller'),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});
export const AtRiskItem = z.object({
  customerId: Id,
  customerName: z.string(),
  tier: z.enum(TIERS).nullable(),
  stage: z.string(),
  segment: z.string(),
  clv: z.number().nullable(),
  pAlive: z.number().nullable(),
  pAlivePrevious: z.number().nullable(),
  valueAtRisk: z.number().describe('CLV × (1 − P(alive)), currency units'),
  priority: z.number().describe('value at risk × (1 + weights of the reasons that fired)'),
  action: z.enum(['retain', 'visit', 'check_in']),
  reasons: z.array(
    z.object({
      code: z.string(),
      value: z.union([z.number(), z.string()]).nullish(),
      threshold: z.union([z.number(), z.string()]).nullish(),
    }),
  ),
  explanation: ScoreExplanation,
  openAlert: z.object({ id: Id, openedAt: IsoDateTime }).nullable(),
});
export const AtRiskOut = z.object({
  manager: z.object({ id: Id, name: z.string() }),
  asOf: IsoDateTime.nullable().describe('the latest value-refresh of this book'),
  total: z.number().int().describe('scored customers in the book'),
  data: z.array(AtRiskItem),
});

export const ValueDashboardQuery = z.object({
  teamId: Id.optional().describe('a team and its sub-teams'),
  ownerId: Id.optional(),
  flowDays: z.coerce.number().int().min(1).max(366).default(30),
});
const Amounts = { customers: z.number().int(), monetary: z.number(), clv: z.number() };
export const ValueDashboardOut = z.object({
  customers: z.number().int().describe('customers in scope'),
  scored: z.number().int().describe('of them, scored by value-refresh'),
  segments: z.array(z.object({ segment: z.string(), ...Amounts })),
  tiers: z.array(z.object({ tier: z.enum(TIERS).nullable(), ...Amounts })),
  clvHistogram: z.array(
    z.object({ from: z.number(), to: z.number().nullable(), customers: z.number().int(), clv: z.number() }),
  ),
  lifecycle: z.object({
    stages: z.array(z.object({ stage: z.string(), customers: z.number().int() })),
    flowDays: z.number().int(),
    transitions: z
      .array(z.object({ from: z.string().nullable(), to: z.string(), customers: z.number().int() }))
      .describe('stage changes in the last flowDays days (field history)'),
  }),
  alertsByManager: z.array(
    z.object({
      ownerId: Id.nullable(),
      ownerName: z.string().nullable(),
      open: z.number().int(),
      retained: z.number().int(),
      lost: z.number().int(),
    }),
  ),
});

export const ReevaluationQuery = z.object({
  teamId: Id.optional().describe('a team and its sub-teams; default the caller’s teams (lead) or all'),
  upliftRatio: z.coerce.number().min(1).max(1000).default(2),
  minPredictedValue: z.coerce.number().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export const ReevaluationProposalOut = z.object({
  customerId: Id,
  customerName: z.string(),
  tier: z.enum(TIERS).nullable(),
  fromUserId: Id.nullable(),
  fromName: z.string().nullable(),
  action: z.enum(['assign_manager', 'keep_owner', 'standard_team']),
  toUserId: Id.nullable().describe('null: to the public pool (no standard-service team configured)'),
  toName: z.string().nullable(),
  currentValue: z.number(),
  predictedValue: z.number(),
  uplift: z.number().nullable(),
  reason: z.object({ code: z.string(), data: z.record(z.string(), z.unknown()) }),
});
export const ReevaluationOut = z.object({
  standardTeam: z.object({ id: Id, name: z.string() }).nullable(),
  threshold: z.number().nullable(),
  candidates: z.number().int(),
  total: z.number().int().describe('proposals before the limit'),
  unplaced: z.number().int().describe('customers for the standard-service team that no member has room for'),
  freedCapacity: z.record(z.string(), z.number()),
  proposals: z.array(ReevaluationProposalOut),
});
export const ReevaluationApplyBody = z.object({
  moves: z
    .array(z.object({ customerId: Id, toUserId: Id.nullable() }))
    .min(1)
    .max(500),
  reason: z.string().trim().min(1).max(500),
});
export const ReevaluationApplied = z.object({ applied: z.number().int(), unchanged: z.number().int() });

export type ChurnAlertListQuery = z.infer<typeof ChurnAlertListQuery>;
export type ChurnAlertOut = z.infer<typeof ChurnAlertOut>;
export type ChurnAlertResolveBody = z.infer<typeof ChurnAlertResolveBody>;
export type AtRiskQuery = z.infer<typeof AtRiskQuery>;
export type AtRiskOut = z.infer<typeof AtRiskOut>;
export type ValueDashboardQuery = z.infer<typeof ValueDashboardQuery>;
export type ValueDashboardOut = z.infer<typeof ValueDashboardOut>;
export type ReevaluationQuery = z.infer<typeof ReevaluationQuery>;
export type ReevaluationOut = z.infer<typeof ReevaluationOut>;
export type ReevaluationApplyBody = z.infer<typeof ReevaluationApplyBody>;
