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
