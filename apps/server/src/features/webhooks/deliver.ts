import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import ipaddr from 'ipaddr.js';
import {
  DEFAULT_DELIVERY_POLICY,
  isSuccessStatus,
  retryDelayMs,
  signatureHeader,
  signedContent,
  truncateResponse,
  type DeliveryPolicy,
} from '@steward/core';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Deps } from '../../platform/deps.js';
import * as notifications from '../notifications/service.js';
import * as repo from './repo.js';
import { isPublicAddress, publicOnlyLookup } from './destination.js';

/** org_settings key of the delivery policy; a missing key means DEFAULT_DELIVERY_POLICY. */
export const DELIVERY_POLICY_KEY = 'webhook_delivery';
const PolicySetting = z.object({
  retryBaseMs: z.number().int().min(1).optional(),
  retryCapMs: z.number().int().min(1).optional(),
  maxAttempts: z.number().int().min(1).max(50).optional(),
  disableAfterFailures: z.number().int().min(1).optional(),
  timeoutMs: z.number().int().min(100).max(60_000).optional(),
});

export async function deliveryPolicy(db: Db, orgId: string): Promise<DeliveryPolicy> {
  const parsed = PolicySetting.safeParse(await repo.loadSetting(db, orgId, DELIVERY_POLICY_KEY));
  return { ...DEFAULT_DELIVERY_POLICY, ...(parsed.success ? parsed.data : {}) };
}

export const hmacHex = (secret: string, content: string) =>
  createHmac('sha256', secret).update(content).digest('hex');

/** The JSON body of a delivery: the same bytes on every attempt. */
export const deliveryBody = (d: repo.Claimed) =>
  JSON.stringify({
    id: d.id,
    event: d.event,
    createdAt: d.createdAt.toISOString(),
    organizationId: d.orgId,
    data: d.payload,
  });

type Outcome = { ok: boolean; statusCode: number | null; response: string | null; error: string | null };

/**
 * One HTTP POST with node:http(s): no redirects followed, the whole exchange bounded by
 * `timeoutMs`, at most 64 KB of the answer read. Unless private destinations are allowed, the
 * connection is refused when the host is or resolves to a non-public address (checked at connect
 * time, see destination.ts).
 */
function send(
  url: URL,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  allowPrivate: boolean,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (!allowPrivate && ipaddr.isValid(host) && !isPublicAddress(host))
      return reject(new Error(`refused: ${host} is a private or local address`));
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      ...(allowPrivate ? {} : { lookup: publicOnlyLookup }),
    });
    const timer = setTimeout(
      () =>
        req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: 'TimeoutError' })),
      timeoutMs,
    );
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        if (size < 64_000) chunks.push(c);
        size += c.length;
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end(body);
  });
}

/** One POST; the signature's timestamp is wall-clock time, as the receiver checks it against its own. */
async function post(
  url: string,
  secret: string,
  d: repo.Claimed,
  timeoutMs: number,
  allowPrivate: boolean,
): Promise<Outcome> {
  const body = deliveryBody(d);
  const t = Math.floor(Date.now() / 1000);
  try {
    const res = await send(
      new URL(url),
      {
        'content-type': 'application/json',
        'user-agent': 'Steward-Webhooks/1',
        'x-steward-event': d.event,
        'x-steward-delivery': d.id,
        'x-steward-timestamp': String(t),
        'x-steward-signature': signatureHeader(t, hmacHex(secret, signedContent(t, body))),
      },
      body,
      timeoutMs,
      allowPrivate,
    );
    return {
      ok: isSuccessStatus(res.status),
      statusCode: res.status,
      response: truncateResponse(res.text),
      error: null,
    };
  } catch (err) {
    const message =
      err instanceof Error && err.name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : err instanceof Error
          ? err.message
          : String(err);
    return { ok: false, statusCode: null, response: null, error: truncateResponse(message, 500) };
  }
}

/**
 * Delivers what is due at or before `asOf` (one organization, or all), in batches, until nothing
 * due is left. `asOf` also stamps the results and times the retries, so the job is replayable
 * with a test clock. Answers how many attempts were made, succeeded and failed.
 */
export async function deliverDue(deps: Deps, asOf: Date, orgId: string | null = null, batch = 20) {
  const counts = { attempted: 0, delivered: 0, failed: 0, retrying: 0, disabled: 0 };
  const policies = new Map<string, DeliveryPolicy>();
  for (;;) {
    const lease = new Date(asOf.getTime() + DEFAULT_DELIVERY_POLICY.timeoutMs + 60_000);
    const claimed = await repo.claimDue(deps.db, asOf, lease, batch, orgId);
    if (!claimed.length) return counts;
    await Promise.all(
      claimed.map(async (d) => {
        let policy = policies.get(d.orgId);
        if (!policy) policies.set(d.orgId, (policy = await deliveryPolicy(deps.db, d.orgId)));
        const result = await attempt(deps, d, policy, asOf);
        counts.attempted++;
        counts[result]++;
      }),
    );
  }
}

type Result = 'delivered' | 'failed' | 'retrying' | 'disabled';

async function attempt(deps: Deps, d: repo.Claimed, policy: DeliveryPolicy, at: Date): Promise<Result> {
  const hook = await repo.findWebhook(deps.db, d.orgId, d.webhookId);
  const outcome: Outcome =
    !hook || (!hook.active && d.event !== 'webhook.test')
      ? { ok: false, statusCode: null, response: null, error: 'The webhook is disabled or deleted.' }
      : await post(hook.url, hook.secret, d, policy.timeoutMs, deps.config.webhookAllowPrivate);
  const done = !hook || !hook.active || outcome.ok;
  return deps.db.transaction(async (tx) => {
    const base = {
      lastStatusCode: outcome.statusCode,
      lastResponse: outcome.response,
      lastError: outcome.error,
    };
    if (outcome.ok) {
      await repo.updateDelivery(tx, d.orgId, d.id, {
        ...base,
        status: 'delivered',
        deliveredAt: at,
        nextAttemptAt: null,
      });
      await repo.resetFailures(tx, d.orgId, d.webhookId);
      return 'delivered';
    }
    const delay = done ? null : retryDelayMs(d.attempts, policy);
    if (delay !== null) {
      await repo.updateDelivery(tx, d.orgId, d.id, {
        ...base,
        nextAttemptAt: new Date(at.getTime() + delay),
      });
      return 'retrying';
    }
    await repo.updateDelivery(tx, d.orgId, d.id, { ...base, status: 'failed', nextAttemptAt: null });
    if (!hook?.active) return 'failed';
    const counted = await repo.addFailure(tx, d.orgId, d.webhookId);
    if (!counted || counted.consecutiveFailures < policy.disableAfterFailures) return 'failed';
    await disable(tx, counted, at);
    return 'disabled';
  });
}

/** Turns a failing webhook off, audits it and tells every administrator. */
async function disable(tx: Db, hook: repo.WebhookRow, at: Date) {
  await repo.updateWebhook(tx, hook.orgId, hook.id, { active: false, disabledAt: at });
  await repo.auditSystem(
    tx,
    hook.orgId,
    'webhook.disable',
    hook.id,
    {
      url: hook.url,
      consecutiveFailures: hook.consecutiveFailures,
    },
    at,
  );
  for (const admin of await repo.activeAdmins(tx, hook.orgId)) {
    await notifications.notify(tx, {
      orgId: hook.orgId,
      userId: admin.id,
      kind: 'webhook_disabled',
      data: { webhookId: hook.id, url: hook.url, consecutiveFailures: hook.consecutiveFailures },
      entity: 'webhook',
      entityId: hook.id,
      dedupeKey: `webhook_disabled:${hook.id}:${at.getTime()}`,
      at,
    });
  }
}
