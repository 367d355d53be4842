import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, type TestOrg } from '../../../test/factories.js';
import { auditLog } from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';

/** Reading and exporting the audit log: filters by person, action, entity and local day. */
let t: TestApp;
let org: TestOrg;
let admin: Client;
const action = `test.audit_${Date.now().toString(36)}`;
const entityId = newId();

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  admin = await login(t.app, org.users.admin.email);
  const row = (at: string, actorId: string, entity: string, data: Record<string, unknown> | null) => ({
    orgId: org.orgId,
    id: newId(),
    actorId,
    action,
    entity,
    entityId,
    data,
    at: new Date(at),
  });
  // Asia/Shanghai (UTC+8): 15:59:59Z is the last second of 1 March there, 16:00Z the first of 2 March.
  await t.deps.db
    .insert(auditLog)
    .values([
      row('2026-03-01T15:59:59Z', org.users.m1.id, 'customer', { field: 'region', to: '上海' }),
      row('2026-03-01T16:00:00Z', org.users.m2.id, 'customer', null),
      row('2026-03-03T02:00:00Z', org.users.m1.id, 'complaint', { reason: 'duplicate' }),
    ]);
});
afterAll(() => t.close());

const list = async (query: string) => {
  const res = await admin.get(`/api/v1/audit-log?action=${action}&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { data: { at: string; actorId: string; entity: string }[]; nextCursor: string | null };
};

describe('audit log filters', () => {
  it('bounds from and to by whole local days of the organization', async () => {
    const day2 = await list('from=2026-03-02&to=2026-03-02');
    expect(day2.data.map((e) => e.at)).toEqual(['2026-03-01T16:00:00.000Z']);
    const day1 = await list('to=2026-03-01');
    expect(day1.data.map((e) => e.at)).toEqual(['2026-03-01T15:59:59.000Z']);
    expect((await list('from=2026-03-02')).data).toHaveLength(2);
  });

  it('filters by actor and entity, newest first, across pages', async () => {
    const byM1 = await list(`actorId=${org.users.m1.id}`);
    expect(byM1.data.map((e) => e.entity)).toEqual(['complaint', 'customer']);
    expect((await list('entity=complaint')).data).toHaveLength(1);
    const first = await list('limit=2');
    expect(first.data).toHaveLength(2);
    const rest = await list(`limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect(rest.data.map((e) => e.at)).toEqual(['2026-03-01T15:59:59.000Z']);
    expect(rest.nextCursor).toBeNull();
  });

  it('refuses a range that ends before it starts, naming the field', async () => {
    const res = await admin.get('/api/v1/audit-log?from=2026-03-02&to=2026-03-01');
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('to');
    expect((await admin.get('/api/v1/audit-log?from=2026-02-30')).statusCode).toBe(400);
  });
});

describe('audit log export', () => {
  it('exports the filtered log as CSV in the asked language', async () => {
    const res = await admin.get(`/api/v1/exports/audit.csv?action=${action}&lang=zh-CN`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = parse(res.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(3);
    expect(Object.keys(rows[0]!).slice(0, 4)).toEqual(['时间', '操作人', '操作', '对象类型']);
    // Newest first, times in the organization's time zone.
    expect(rows.map((r) => r['时间'])).toEqual([
      '2026-03-03 10:00:00',
      '2026-03-02 00:00:00',
      '2026-03-01 23:59:59',
    ]);
    expect(JSON.parse(rows[2]!['详情']!)).toEqual({ field: 'region', to: '上海' });
    const en = await admin.get(`/api/v1/exports/audit.csv?action=${action}&entity=complaint&lang=en-US`);
    const enRows = parse(en.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(enRows.map((r) => r.Entity)).toEqual(['complaint']);
  });

  it('is refused to a manager, as the log itself is', async () => {
    const m1 = await login(t.app, org.users.m1.email);
    expect((await m1.get(`/api/v1/exports/audit.csv?action=${action}`)).statusCode).toBe(403);
  });
});
