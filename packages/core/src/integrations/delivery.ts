/**
 * Webhook delivery rules (PRODUCT.md C10): the event names, the retry schedule and the signature
 * header. The HMAC itself is computed by the server (it needs node:crypto); this module only
 * defines what is signed and how the header is written and read.
 */
export const WEBHOOK_EVENTS = [
  'customer.created',
  'customer.updated',
  'customer.assigned',
  'customer.released',
  'complaint.breached',
  'churn_alert.opened',
  'survey.answered',
  'import.finished',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number] | 'webhook.test';

export type DeliveryPolicy = {
  /** The first retry waits this long; each next one twice as long. */
  retryBaseMs: number;
  /** No wait is longer than this. */
  retryCapMs: number;
  /** Attempts in all, the first included; after the last failed one the delivery is failed. */
  maxAttempts: number;
  /** The webhook is disabled after this many deliveries in a row failed for good. */
  disableAfterFailures: number;
  /** A receiver that has not answered within this long has failed the attempt. */
  timeoutMs: number;
};

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  retryBaseMs: 60_000,
  retryCapMs: 6 * 3600_000,
  maxAttempts: 8,
  disableAfterFailures: 5,
  timeoutMs: 10_000,
};

/**
 * The wait before the next attempt after `attempts` failed ones (1 → base, 2 → 2·base, 3 → 4·base …,
 * capped), or null when no attempt is left.
 */
export function retryDelayMs(attempts: number, policy: DeliveryPolicy): number | null {
  if (attempts >= policy.maxAttempts) return null;
  const exp = Math.min(Math.max(attempts - 1, 0), 30);
  return Math.min(policy.retryBaseMs * 2 ** exp, policy.retryCapMs);
}

export const isSuccessStatus = (status: number) => status >= 200 && status < 300;

/** The string the HMAC-SHA256 covers: `<unix seconds>.<raw body>`. */
export const signedContent = (unixSeconds: number, body: string) => `${unixSeconds}.${body}`;

/** The `X-Steward-Signature` header: `t=<unix seconds>,v1=<hex HMAC>`. */
export const signatureHeader = (unixSeconds: number, hexHmac: string) => `t=${unixSeconds},v1=${hexHmac}`;

/** Reads `t=…,v1=…` (several v1 values allowed, e.g. during a secret rotation); null when malformed. */
export function parseSignatureHeader(header: string): { timestamp: number; signatures: string[] } | null {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return null;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') timestamp = /^\d+$/.test(value) ? Number(value) : null;
    else if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

/** Whether a signature's timestamp is within `toleranceSeconds` of now (replay protection). */
export const timestampFresh = (unixSeconds: number, nowMs: number, toleranceSeconds = 300) =>
  Math.abs(nowMs / 1000 - unixSeconds) <= toleranceSeconds;

/** Keeps the stored response of a receiver short. */
export const truncateResponse = (text: string, max = 2000) =>
  text.length > max ? `${text.slice(0, max)}…` : text;
