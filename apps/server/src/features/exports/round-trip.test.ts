import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { customers } from '../../db/schema/index.js';
import { buildCustomer, createRng, withCompleteness } from '../../db/seed/index.js';
import { newId } from '../../platform/ids.js';
import { runImport, upload } from '../imports/test-support.js';
import { EXPORT_PAGE_ROWS } from './lists.js';

let t: TestApp;
let org: TestOrg;
let admin: Client;
let dataDir: string;
const rt = `rtq${Date.now().toString(36)}`;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'steward-export-rt-'));
  t = await buildTestApp({ dataDir }, { jobs: true });
  org = await createTestOrg(t.deps.db);
  admin = await login(t.app, org.users.admin.email);
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const csvRows = (body: string): Record<string, string>[] => {
  expect(body.startsWith('\uFEFF')).toBe(true);
  return parse(body, { bom: true, columns: true }) as Record<string, string>[];
};

describe('paging', () => {
  it('walks a list longer than several pages, every row once', async () => {
    const other = await createTestOrg(t.deps.db, 'Paging');
    const lead = await login(t.app, other.users.leadB.email);
    const rng = createRng(7);
    const total = EXPORT_PAGE_ROWS * 2 + 37;
    const at = Date.now() - 86_400_000;
    const rows = Array.from({ length: total }, (_, i) =>
      withCompleteness(
        buildCustomer(rng, {
          orgId: other.orgId,
          id: newId(),
          index: i + 1,
          owner: { id: other.users.m4.id, teamId: other.team.b },
          // Equal creation times in runs of ten: the keyset must break ties by id.
          createdAt: new Date(at + Math.floor(i / 10) * 1000),
        }),
        0,
      ),
    );
    for (let i = 0; i < rows.length; i += 500)
      await t.deps.db.insert(customers).values(rows.slice(i, i + 500));
    const res = await lead.get('/api/v1/exports/customers.csv?lang=en-US');
    expect(res.statusCode).toBe(200);
    const ids = csvRows(res.body).map((r) => r['Steward ID']);
    expect(ids).toHaveLength(total);
    expect(new Set(ids)).toEqual(new Set(rows.map((r) => r.id)));
  });
});

describe('export round-trip', () => {
  it('exports customers to CSV and imports them into another organization as identical records', async () => {
    const fields = [
      'name',
      'type',
      'industry',
      'size',
      'region',
      'address',
      'source',
      'tier',
      'stage',
      'phone',
      'email',
      'id_number',
      'external_id',
      'tags',
    ];
    const specs = [
      {
        name: `${rt} RT 甲公司`,
        type: 'company',
        industry: '制造',
        size: '100-500',
        region: '上海',
        address: '浦东新区 1 号, 3 楼',
        source: '展会',
        tier: 'A',
        stage: 'active',
        phone: '+86 138 0013 8000',
        email: `rt1@${rt}.cn`,
        idNumber: '91310000MA1FL0000X',
        externalId: `${rt}-RT-1`,
        tags: ['重点', 'vip "gold"'],
      },
      {
        name: `${rt} RT Zhang San`,
        type: 'person',
        industry: 'Retail',
        region: 'Beijing',
        source: 'referral',
        tier: 'C',
        stage: 'at_risk',
        phone: '13800138001',
        email: `rt2@${rt}.cn`,
        externalId: `${rt}-RT-2`,
        tags: [],
      },
    ];
    for (const s of specs) {
      const res = await admin.post('/api/v1/customers?force=true', { ...s, ownerId: org.users.m1.id });
      expect(res.statusCode, res.body).toBe(201);
    }
    const select = (orgId: string) =>
      queryRows<Record<string, unknown>>(
        t.deps.db,
        sql`select ${sql.raw(fields.join(', '))} from customers
            where org_id = ${orgId} and name like ${`${rt} RT%`} and deleted_at is null order by name`,
      );
    const before = await select(org.orgId);
    expect(before).toHaveLength(2);

    for (const [lang, format] of [
      ['zh-CN', 'csv'],
      ['en-US', 'xlsx'],
    ] as const) {
      const exported = await admin.get(
        `/api/v1/exports/customers.${format}?q=${encodeURIComponent(`${rt} RT`)}&lang=${lang}`,
      );
      expect(exported.statusCode).toBe(200);
      const content = { name: `customers.${format}`, content: exported.rawPayload };
      const other = await createTestOrg(t.deps.db, `Round trip ${lang}`);
      const otherAdmin = await login(t.app, other.users.admin.email);
      const preview = await upload(otherAdmin, '/api/v1/imports/preview', { entity: 'customers' }, content);
      expect(preview.statusCode, preview.body).toBe(200);
      const suggested = preview.json().suggestedMapping as Record<string, string>;
      // Every importable column of the export is recognized without manual mapping.
      expect(new Set(Object.values(suggested))).toEqual(
        new Set([
          'name',
          'externalId',
          'type',
          'industry',
          'size',
          'region',
          'address',
          'source',
          'tier',
          'stage',
          'phone',
          'email',
          'idNumber',
          'tags',
          'owner',
        ]),
      );
      // The owners are people of the first organization: the new one places the customers itself.
      const mapping = Object.fromEntries(Object.entries(suggested).filter(([, f]) => f !== 'owner'));
      const { result } = await runImport(
        otherAdmin,
        { entity: 'customers', mapping: JSON.stringify(mapping) },
        content,
      );
      expect(result).toMatchObject({ status: 'succeeded', created: 2, failed: 0 });
      expect(await select(other.orgId)).toEqual(before);
    }
  });
});
