import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, type TestOrg } from '../../../test/factories.js';
import { webhooks } from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';
import { deliverDue } from './deliver.js';
import { isPublicAddress } from './destination.js';
import { TestReceiver } from './test-receiver.js';

/** Webhooks go to public addresses only unless WEBHOOK_ALLOW_PRIVATE (server-side request forgery). */
let t: TestApp;
let org: TestOrg;
let admin: Client;
const receiver = new TestReceiver();

beforeAll(async () => {
  await receiver.start();
  t = await buildTestApp({ webhookAllowPrivate: false });
  org = await createTestOrg(t.deps.db, 'Destination Org');
  admin = await login(t.app, org.users.admin.email);
});
afterAll(async () => {
  await t.close();
  await receiver.stop();
});

describe('webhook destinations', () => {
  it('tells public from private, local, link-local and reserved addresses', () => {
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111'])
      expect(isPublicAddress(a), a).toBe(true);
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.10',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      'not-an-ip',
    ])
      expect(isPublicAddress(a), a).toBe(false);
  });

  it('refuses to subscribe a private or local URL, naming the field', async () => {
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/hook',
      'http://10.0.0.5/hook',
      'http://localhost/hook',
    ]) {
      const res = await admin.post('/api/v1/webhooks', { url, events: ['customer.created'] });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.details[0].path).toBe('url');
      expect(res.json().error.details[0].message).toMatch(/private or local/);
    }
    const ok = await admin.post('/api/v1/webhooks', {
      url: 'https://93.184.216.34/hook',
      events: ['customer.created'],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const moved = await admin.patch(`/api/v1/webhooks/${ok.json().id}`, { url: 'http://192.168.0.2/hook' });
    expect(moved.statusCode).toBe(400);
  });

  it('does not connect to a private address at delivery either (rows saved before the rule)', async () => {
    // An address, and a name that resolves to one (checked when connecting, not only when saved).
    const urls = [
      `${receiver.url}/inward`,
      `${receiver.url.replace('127.0.0.1', 'localhost')}/inward-by-name`,
    ];
    for (const url of urls) {
      const id = newId();
      await t.deps.db.insert(webhooks).values({
        orgId: org.orgId,
        id,
        url,
        secret: 'x'.repeat(32),
        events: ['customer.created'],
        active: true,
        createdBy: org.users.admin.id,
        createdAt: new Date(),
      });
      const sent = await admin.post(`/api/v1/webhooks/${id}/test`, {});
      expect(sent.statusCode, sent.body).toBeLessThan(300);
      await deliverDue(t.deps, new Date(Date.now() + 60_000), org.orgId);
      const log = (await admin.get(`/api/v1/webhooks/${id}/deliveries`)).json().data as {
        lastError: string | null;
      }[];
      expect(log[0]!.lastError, url).toMatch(/private or local/);
    }
    expect(receiver.received.filter((r) => r.path.startsWith('/inward'))).toEqual([]);
  });
});
