import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { WebhookDeliveryOut } from '@steward/contracts';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';
import { auditLog, notifications, orgSettings, webhookDeliveries } from '../../db/schema/index.js';
import { DELIVERY_POLICY_KEY } from './deliver.js';
import { emitEvent } from './emit.js';
import { TestReceiver, verifySignature, type Received } from './test-receiver.js';

let t: TestApp;
let org: TestOrg;
let admin: Client;
let m1: Client;
const receiver = new TestReceiver();
let customerId: string;

beforeAll(async () => {
  await receiver.start();
  t = await buildTestApp({}, { jobs: true });
  org = await createTestOrg(t.deps.db, 'Webhook Org');
  admin = await login(t.app, org.users.admin.email);
  m1 = await login(t.app, org.users.m1.email);
  // Fast retries for the tests: 20 ms, 40 ms, 80 ms; 4 attempts; disabled after 2 failed deliveries.
  await t.deps.db.insert(orgSettings).values({
    orgId: org.orgId,
    key: DELIVERY_POLICY_KEY,
    value: { retryBaseMs: 20, retryCapMs: 200, maxAttempts: 4, disableAfterFailures: 2, timeoutMs: 3000 },
    updatedAt: new Date(),
  });
  const u = org.users.m1;
  customerId = (
    await insertCustomer(t.deps.db, org.orgId, { id: u.id, teamId: u.teamId }, { name: 'Hooked' })
  ).id;
});
afterAll(async () => {
  await t.close();
  await receiver.stop();
});

async function subscribe(path: string, events: string[]) {
  const res = await admin.post('/api/v1/webhooks', { url: `${receiver.url}${path}`, events });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; secret: string; active: boolean };
}

const bodyOf = (r: Received) =>
  JSON.parse(r.body) as {
    id: string;
    event: string;
    data: { customer: Record<string, unknown>; fields: string[] } & Record<string, unknown>;
  };

async function deliveries(webhookId: string) {
  const res = await admin.get(`/api/v1/webhooks/${webhookId}/deliveries`);
  expect(res.statusCode).toBe(200);
  return res.json().data as WebhookDeliveryOut[];
}

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('webhook management', () => {
  it('is for administrators, refuses non-http URLs and shows the secret only once', async () => {
    const bad = await admin.post('/api/v1/webhooks', {
      url: 'ftp://example.com/x',
      events: ['customer.created'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('url');
    const badEvent = await admin.post('/api/v1/webhooks', { url: `${receiver.url}/ok/x`, events: ['nope'] });
    expect(badEvent.statusCode).toBe(400);
    const denied = await m1.post('/api/v1/webhooks', {
      url: `${receiver.url}/ok/x`,
      events: ['customer.created'],
    });
    expect(denied.statusCode).toBe(403);
    const hook = await subscribe('/ok/mgmt', ['customer.created']);
    expect(hook.secret).toMatch(/^whsec_/);
    const got = (await admin.get(`/api/v1/webhooks/${hook.id}`)).json();
    expect(got.secret).toBeUndefined();
    expect(JSON.stringify((await admin.get('/api/v1/webhooks')).json())).not.toContain(hook.secret);
    const patched = await admin.patch(`/api/v1/webhooks/${hook.id}`, {
      events: ['customer.updated'],
      active: false,
    });
    expect(patched.json()).toMatchObject({ events: ['customer.updated'], active: false });
    expect((await admin.delete(`/api/v1/webhooks/${hook.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/webhooks/${hook.id}`)).statusCode).toBe(404);
    const actions = (
      await t.deps.db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(and(eq(auditLog.orgId, org.orgId), eq(auditLog.entityId, hook.id)))
    ).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['webhook.create', 'webhook.update', 'webhook.delete']));
  });
});

describe('webhook delivery', () => {
  it('delivers a signed customer.created event that the receiver verifies', async () => {
    const hook = await subscribe('/ok/created', ['customer.created']);
    const res = await admin.post('/api/v1/customers', {
      name: 'Webhook Created Co',
      ownerId: org.users.m1.id,
    });
    expect(res.statusCode).toBe(201);
    const [got] = await receiver.waitFor('/ok/created', 1);
    expect(verifySignature(got!, hook.secret)).toBe(true);
    expect(verifySignature(got!, 'whsec_wrong')).toBe(false);
    expect(verifySignature({ ...got!, body: got!.body.replace('Created', 'Forged') }, hook.secret)).toBe(
      false,
    );
    expect(got!.headers['x-steward-event']).toBe('customer.created');
    const body = bodyOf(got!);
    expect(body.event).toBe('customer.created');
    expect(got!.headers['x-steward-delivery']).toBe(body.id);
    expect(body.data.customer).toMatchObject({ id: res.json().id, name: 'Webhook Created Co' });
    expect(body.data.customer.phone).toBeUndefined();
    const log = await until(
      () => deliveries(hook.id),
      (d) => d[0]?.status === 'delivered',
    );
    expect(log[0]).toMatchObject({ id: body.id, status: 'delivered', attempts: 1, lastStatusCode: 200 });
    expect(log[0]!.lastResponse).toBe('ok 1');
  });

  it('retries with back-off after failures (500 twice, then 200)', async () => {
    const hook = await subscribe('/fail/2/updated', ['customer.updated']);
    const res = await admin.patch(`/api/v1/customers/${customerId}`, { industry: 'Hooks' });
    expect(res.statusCode).toBe(200);
    const got = await receiver.waitFor('/fail/2/updated', 3);
    expect(got.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(new Set(got.map((r) => r.headers['x-steward-delivery'])).size).toBe(1);
    expect(got.every((r) => verifySignature(r, hook.secret))).toBe(true);
    expect(bodyOf(got[0]!).data.fields).toEqual(['industry']);
    const log = await until(
      () => deliveries(hook.id),
      (d) => d[0]?.status === 'delivered',
    );
    expect(log[0]).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 200 });
  });

  it('emits customer.assigned and customer.released', async () => {
    await subscribe('/ok/owner', ['customer.assigned', 'customer.released']);
    const released = await admin.post(`/api/v1/customers/${customerId}/release`, { reason: 'test' });
    expect(released.statusCode).toBe(200);
    const assigned = await admin.post(`/api/v1/customers/${customerId}/assign`, {
      managerId: org.users.m2.id,
      reason: 'test',
    });
    expect(assigned.statusCode).toBe(200);
    const got = await receiver.waitFor('/ok/owner', 2);
    const events = got.map((r) => bodyOf(r)).sort((a, b) => a.event.localeCompare(b.event));
    expect(events.map((e) => e.event)).toEqual(['customer.assigned', 'customer.released']);
    expect(events[0]!.data).toMatchObject({ customerId, to: org.users.m2.id, kind: 'assign' });
    expect(events[1]!.data).toMatchObject({ customerId, to: null, kind: 'release' });
  });

  it('writes nothing when the emitting transaction rolls back (outbox)', async () => {
    const hook = await subscribe('/ok/rollback', ['customer.updated']);
    await expect(
      t.deps.db.transaction(async (tx) => {
        const n = await emitEvent(tx, org.orgId, 'customer.updated', { marker: 'rolled back' }, t.deps.now());
        expect(n).toBeGreaterThanOrEqual(1); // this webhook and those of the tests before
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const rows = await t.deps.db
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.orgId, org.orgId), eq(webhookDeliveries.webhookId, hook.id)));
    expect(rows).toHaveLength(0);
    const any = await t.deps.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.orgId, org.orgId));
    expect(any.filter((d) => d.payload.marker === 'rolled back')).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.at('/ok/rollback')).toHaveLength(0);
  });

  it('disables a webhook after repeated failed deliveries and tells the administrators', async () => {
    const hook = await subscribe('/down/x', ['customer.updated']);
    await admin.patch(`/api/v1/customers/${customerId}`, { industry: 'Down 1' });
    await receiver.waitFor('/down/x', 4); // the first delivery: 4 attempts, then failed for good
    await until(
      () => deliveries(hook.id),
      (d) => d[0]?.status === 'failed',
    );
    expect((await admin.get(`/api/v1/webhooks/${hook.id}`)).json()).toMatchObject({
      active: true,
      consecutiveFailures: 1,
    });
    await admin.patch(`/api/v1/customers/${customerId}`, { industry: 'Down 2' });
    await receiver.waitFor('/down/x', 8);
    const off = await until(
      async () => (await admin.get(`/api/v1/webhooks/${hook.id}`)).json(),
      (w) => w.active === false,
    );
    expect(off).toMatchObject({ active: false, consecutiveFailures: 2 });
    expect(off.disabledAt).not.toBeNull();
    const log = await deliveries(hook.id);
    expect(log.map((d) => [d.status, d.attempts, d.lastStatusCode])).toEqual([
      ['failed', 4, 500],
      ['failed', 4, 500],
    ]);
    const notes = await t.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.orgId, org.orgId), eq(notifications.kind, 'webhook_disabled')));
    expect(notes.map((n) => n.userId)).toEqual([org.users.admin.id]);
    // A disabled webhook receives nothing new.
    await admin.patch(`/api/v1/customers/${customerId}`, { industry: 'Down 3' });
    expect(await deliveries(hook.id)).toHaveLength(2);
    // Enabling it again clears the failure count.
    const on = await admin.patch(`/api/v1/webhooks/${hook.id}`, { active: true });
    expect(on.json()).toMatchObject({ active: true, consecutiveFailures: 0, disabledAt: null });
  });

  it('redelivers a delivery on request, with the same id', async () => {
    const hook = await subscribe('/ok/redeliver', ['customer.updated']);
    await admin.patch(`/api/v1/customers/${customerId}`, { industry: 'Redeliver' });
    const [first] = await receiver.waitFor('/ok/redeliver', 1);
    const id = bodyOf(first!).id;
    await until(
      () => deliveries(hook.id),
      (d) => d[0]?.status === 'delivered',
    );
    const res = await admin.post(`/api/v1/webhooks/${hook.id}/deliveries/${id}/redeliver`);
    expect(res.statusCode).toBe(202);
    const got = await receiver.waitFor('/ok/redeliver', 2);
    expect(bodyOf(got[1]!).id).toBe(id);
    expect(got[1]!.body).toBe(got[0]!.body);
    const other = await admin.post(`/api/v1/webhooks/${hook.id}/deliveries/${hook.id}/redeliver`);
    expect(other.statusCode).toBe(404);
  });

  it('sends a test event and signs with the rotated secret', async () => {
    const hook = await subscribe('/ok/ping', ['import.finished']);
    const rotated = await admin.post(`/api/v1/webhooks/${hook.id}/rotate-secret`);
    expect(rotated.statusCode).toBe(200);
    const secret = rotated.json().secret as string;
    expect(secret).not.toBe(hook.secret);
    expect((await admin.post(`/api/v1/webhooks/${hook.id}/test`)).statusCode).toBe(202);
    const [got] = await receiver.waitFor('/ok/ping', 1);
    expect(got!.headers['x-steward-event']).toBe('webhook.test');
    expect(verifySignature(got!, secret)).toBe(true);
    expect(verifySignature(got!, hook.secret)).toBe(false);
  });

  it('the webhook-deliver job sends the retries due at or before asOf', async () => {
    // The app clock stands still an hour ahead: the worker never sees the retry come due; the job does.
    const t0 = new Date(Date.now() + 3600_000);
    t.setNow(t0);
    try {
      const hook = await subscribe('/fail/1/job', ['customer.updated']);
      await admin.patch(`/api/v1/customers/${customerId}`, { industry: 'Job' });
      await receiver.waitFor('/fail/1/job', 1);
      const pending = await until(
        () => deliveries(hook.id),
        (d) => d[0]?.attempts === 1 && d[0]?.status === 'pending' && d[0]?.lastStatusCode === 500,
      );
      expect(new Date(pending[0]!.nextAttemptAt!).getTime()).toBe(t0.getTime() + 20);
      await new Promise((r) => setTimeout(r, 200));
      expect(receiver.at('/fail/1/job')).toHaveLength(1);
      const run = await admin.post('/api/v1/jobs/webhook-deliver/run', {
        asOf: new Date(t0.getTime() + 60_000).toISOString(),
      });
      expect(run.statusCode).toBe(202);
      const job = await until(
        async () => (await admin.get(`/api/v1/jobs/${run.json().jobId}`)).json(),
        (j) => j.status === 'succeeded' || j.status === 'failed',
      );
      expect(job.status).toBe('succeeded');
      // Other webhooks of this file subscribed to customer.updated may have had retries due too.
      expect(job.result.delivered).toBeGreaterThanOrEqual(1);
      expect(receiver.at('/fail/1/job').map((r) => r.status)).toEqual([500, 200]);
    } finally {
      t.setNow(null);
    }
  });
});
