import { z } from 'zod';
import { Id, IsoDateTime, ListQuery, page } from './common.js';

/** Webhook events one may subscribe to (packages/core WEBHOOK_EVENTS). */
export const WEBHOOK_EVENT_NAMES = [
  'customer.created',
  'customer.updated',
  'customer.assigned',
  'customer.released',
  'complaint.breached',
  'churn_alert.opened',
  'survey.answered',
  'import.finished',
] as const;
/** Capabilities a token scope may name (packages/core TOKEN_CAPABILITIES, the server's source of truth). */
export const TOKEN_CAPABILITY_NAMES = [
  'customers',
  'assignment',
  'orders',
  'value',
  'tasks',
  'visits',
  'complaints',
  'surveys',
  'imports',
  'kpis',
  'people',
  'settings',
  'notifications',
  'audit',
  'jobs',
  'webhooks',
] as const;
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

const When = z.iso.datetime({ offset: true });

// ---- API tokens ----

/** `read`, `write`, `<capability>:read` or `<capability>:write`; capabilities are checked by the server. */
export const TokenScope = z
  .string()
  .regex(
    /^(read|write|[a-z]+:(read|write))$/,
    'expected read, write, <capability>:read or <capability>:write',
  );

export const ApiTokenCreate = z.object({
  name: z.string().trim().min(1, 'required').max(100),
  scopes: z.array(TokenScope).min(1, 'at least one scope').max(40),
  expiresAt: When.nullish(),
});
export type ApiTokenCreate = z.infer<typeof ApiTokenCreate>;

export const ApiTokenOut = z.object({
  id: Id,
  name: z.string(),
  /** The first characters of the secret, to recognize it. */
  prefix: z.string(),
  scopes: z.array(z.string()),
  userId: Id,
  userName: z.string().nullable(),
  expiresAt: IsoDateTime.nullable(),
  lastUsedAt: IsoDateTime.nullable(),
  revokedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  /** active | expired | revoked */
  status: z.enum(['active', 'expired', 'revoked']),
});
export type ApiTokenOut = z.infer<typeof ApiTokenOut>;

/** The answer to a create: the secret is in it this once and never again. */
export const ApiTokenCreated = ApiTokenOut.extend({ token: z.string() });
export type ApiTokenCreated = z.infer<typeof ApiTokenCreated>;
export const ApiTokenList = z.object({ data: z.array(ApiTokenOut) });

// ---- Webhooks ----

const WebhookUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
    } catch {
      return false;
    }
  }, 'expected an http:// or https:// URL');

export const WebhookCreate = z.object({
  url: WebhookUrl,
  events: z.array(z.enum(WEBHOOK_EVENT_NAMES)).min(1, 'at least one event'),
  active: z.boolean().default(true),
});
export type WebhookCreate = z.infer<typeof WebhookCreate>;

export const WebhookUpdate = z.object({
  url: WebhookUrl.optional(),
  events: z.array(z.enum(WEBHOOK_EVENT_NAMES)).min(1, 'at least one event').optional(),
  active: z.boolean().optional(),
});
export type WebhookUpdate = z.infer<typeof WebhookUpdate>;

export const WebhookOut = z.object({
  id: Id,
  url: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  consecutiveFailures: z.number().int(),
  disabledAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export type WebhookOut = z.infer<typeof WebhookOut>;

/** Create and rotate answer the signing secret this once. */
export const WebhookWithSecret = WebhookOut.extend({ secret: z.string() });
export type WebhookWithSecret = z.infer<typeof WebhookWithSecret>;
export const WebhookList = z.object({ data: z.array(WebhookOut) });

export const WebhookDeliveryParams = z.object({ id: Id, deliveryId: Id });
export const WebhookDeliveryQuery = ListQuery.extend({
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
});

export const WebhookDeliveryOut = z.object({
  id: Id,
  webhookId: Id,
  event: z.string(),
  payload: z.record(z.string(), z.unknown()),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: IsoDateTime.nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastResponse: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: IsoDateTime,
  deliveredAt: IsoDateTime.nullable(),
});
export type WebhookDeliveryOut = z.infer<typeof WebhookDeliveryOut>;
export const WebhookDeliveryPage = page(WebhookDeliveryOut);
