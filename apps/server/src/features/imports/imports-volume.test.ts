import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { IMPORT_BATCH_ROWS } from './job.js';
import { runImport, upload, waitForImport } from './test-support.js';

let t: TestApp;
let org: TestOrg;
let admin: Client;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'steward-imports-volume-'));
  t = await buildTestApp({ dataDir }, { jobs: true });
  org = await createTestOrg(t.deps.db);
  admin = await login(t.app, org.users.admin.email);
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

type Expected = { row: number; column: string; code: string };

/**
 * A customers file of `n` rows where every 100th row is bad in one of four ways (1%), and the
 * failures it must produce.
 */
function customersFile(prefix: string, n: number) {
  const lines = ['外部编号,客户名称,手机,邮箱,地区,行业,签约日期'];
  const expected: Expected[] = [];
  for (let i = 1; i <= n; i++) {
    let name = `${prefix} ${i}`;
    let phone = `1${String(3e9 + i).padStart(10, '0')}`;
    let email = `c${i}@${prefix.toLowerCase()}.example`;
    let date = '2026-01-15';
    if (i % 100 === 0) {
      switch ((i / 100) % 4) {
        case 0:
          name = '';
          expected.push({ row: i, column: '客户名称', code: 'required' });
          break;
        case 1:
          email = `not-an-email-${i}`;
          expected.push({ row: i, column: '邮箱', code: 'invalid_email' });
          break;
        case 2:
          phone = `call me ${i}`;
          expected.push({ row: i, column: '手机', code: 'invalid_phone' });
          break;
        case 3:
          date = '2026-02-30';
          expected.push({ row: i, column: '签约日期', code: 'invalid_date' });
          break;
      }
    }
    lines.push(`${prefix}-${i},${name},${phone},${email},上海,制造,${date}`);
  }
  return { content: `${lines.join('\n')}\n`, expected };
}

const countCustomers = async (prefix: string) =>
  (
    await queryRows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from customers where org_id = ${org.orgId} and external_id like ${`${prefix}-%`}`,
    )
  )[0]!.n;

describe('a 100,000-row customers CSV with 1% bad rows', () => {
  const file = customersFile('Vol', 100_000);

  it('imports every good row and reports every failure with row, column and reason', async () => {
    const { importId, result } = await runImport(
      admin,
      { entity: 'customers' },
      { name: 'customers-100k.csv', content: file.content },
      '?errorLimit=100000',
    );
    expect(result).toMatchObject({
      status: 'succeeded',
      created: 99_000,
      updated: 0,
      skipped: 0,
      failed: 1_000,
      processedRows: 100_000,
      progress: 1,
      dedupeKey: 'externalId',
      errorCount: 1_000,
    });
    expect(result.errors.map((e) => ({ row: e.row, column: e.column, code: e.code }))).toEqual(file.expected);
    expect(result.errors.every((e) => e.message.length > 0)).toBe(true);
    expect(await countCustomers('Vol')).toBe(99_000);
    // One audit row per batch of IMPORT_BATCH_ROWS rows, not one per row.
    const [audits] = await queryRows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from audit_log where org_id = ${org.orgId} and entity_id = ${importId} and action = 'import.batch'`,
    );
    expect(audits!.n).toBe(100_000 / IMPORT_BATCH_ROWS);
  }, 600_000);

  it('imports the same file again without duplicating anything', async () => {
    const { result } = await runImport(
      admin,
      { entity: 'customers' },
      { name: 'again.csv', content: file.content },
    );
    expect(result).toMatchObject({ status: 'succeeded', created: 0, skipped: 99_000, failed: 1_000 });
    expect(await countCustomers('Vol')).toBe(99_000);
  }, 600_000);
});

describe('cancellation', () => {
  it('stops at a batch boundary and leaves what it committed consistent', async () => {
    const file = customersFile('Cxl', 60_000);
    const res = await upload(
      admin,
      '/api/v1/imports',
      { entity: 'customers' },
      { name: 'big.csv', content: file.content },
    );
    expect(res.statusCode).toBe(202);
    const { importId } = res.json() as { importId: string };
    for (let i = 0; i < 2000; i++) {
      const body = (await admin.get(`/api/v1/imports/${importId}`)).json();
      if (body.processedRows > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const cancel = await admin.post(`/api/v1/imports/${importId}/cancel`);
    expect(cancel.statusCode).toBe(200);
    const done = await waitForImport(admin, importId, '?errorLimit=100000');
    expect(done.status).toBe('cancelled');
    const stopped = done.stoppedAtRow!;
    expect(stopped).toBeGreaterThan(0);
    expect(stopped).toBeLessThan(60_000);
    expect(stopped % IMPORT_BATCH_ROWS).toBe(0);
    // Counters, errors and records all agree with the rows committed up to stoppedAtRow.
    const expectedErrors = file.expected.filter((e) => e.row <= stopped);
    expect(done.failed).toBe(expectedErrors.length);
    expect(done.errors.map((e) => e.row)).toEqual(expectedErrors.map((e) => e.row));
    expect(done.created).toBe(stopped - expectedErrors.length);
    expect(done.processedRows).toBe(stopped);
    expect(await countCustomers('Cxl')).toBe(done.created);
    expect((await admin.post(`/api/v1/imports/${importId}/cancel`)).statusCode).toBe(409);
  }, 600_000);
});
