import type { WebhookDeliveryOut, WebhookOut } from '@steward/contracts';
import type { DeliveryRow, WebhookRow } from './repo.js';

export const presentWebhook = (w: WebhookRow): WebhookOut => ({
  id: w.id,
  url: w.url,
  events: w.events,
  active: w.active,
  consecutiveFailures: w.consecutiveFailures,
  disabledAt: w.disabledAt?.toISOString() ?? null,
  createdAt: w.createdAt.toISOString(),
});

export const presentDelivery = (d: DeliveryRow): WebhookDeliveryOut => ({
  id: d.id,
  webhookId: d.webhookId,
  event: d.event,
  payload: d.payload,
  status: d.status as WebhookDeliveryOut['status'],
  attempts: d.attempts,
  nextAttemptAt: d.status === 'pending' ? (d.nextAttemptAt?.toISOString() ?? null) : null,
  lastStatusCode: d.lastStatusCode,
  lastResponse: d.lastResponse,
  lastError: d.lastError,
  createdAt: d.createdAt.toISOString(),
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
});
