import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';

let t: TestApp;
let org: TestOrg;
let admin: Client;
let m1: Client;
let m4: Client;
let analyst: Client;
let dataDir: string;
const tag = `exp${Date.now().toString(36)}`;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'steward-exports-'));
  t = await buildTestApp({ dataDir }, { jobs: true });
  org = await createTestOrg(t.deps.db);
  admin = await login(t.app, org.users.admin.email);
  m1 = await login(t.app, org.users.m1.email);
  m4 = await login(t.app, org.users.m4.email);
  analyst = await login(t.app, org.users.analyst.email);
  const { m1: u1, m4: u4 } = org.users;
  const mine = (i: number, over: object) =>
    insertCustomer(t.deps.db, org.orgId, u1, {
      name: `${tag} m1 ${i}`,
      phone: `1380000000${i}`,
      email: `m1-${i}@${tag}.cn`,
      ...over,
    });
  await mine(1, { tier: 'A', region: '上海' });
  await mine(2, { tier: 'B', region: '北京' });
  await mine(3, { tier: 'A', region: '北京' });
  await insertCustomer(t.deps.db, org.orgId, u4, { name: `${tag} m4 1`, tier: 'A', phone: '13900000001' });
  await insertCustomer(t.deps.db, org.orgId, null, { name: `${tag} pool 1`, phone: '13700000001' });
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

type Row = Record<string, string>;
const csvRows = (body: string): Row[] => {
  expect(body.startsWith('\uFEFF')).toBe(true);
  return parse(body, { bom: true, columns: true }) as Row[];
};
const ours = (rows: Row[], key = 'Name') => rows.filter((r) => r[key]?.startsWith(tag));

async function xlsxRows(buf: Buffer): Promise<Row[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Row[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    out.push(Object.fromEntries(header.map((h, i) => [h, values[i] == null ? '' : String(values[i])])));
  });
  return out;
}

const auditOf = (action: string, actorId: string) =>
  queryRows<{ entity_id: string | null; data: Record<string, unknown> }>(
    t.deps.db,
    sql`select entity_id, data from audit_log where org_id = ${org.orgId} and action = ${action}
        and actor_id = ${actorId} order by at`,
  );

describe('streamed exports', () => {
  it("exports only the manager's own customers, unmasked, with an audit row", async () => {
    const res = await m1.get(`/api/v1/exports/customers.csv?q=${tag}&lang=en-US`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename\*=UTF-8''customers-.*\.csv/);
    const rows = ours(csvRows(res.body));
    expect(rows.map((r) => r.Name).sort()).toEqual([`${tag} m1 1`, `${tag} m1 2`, `${tag} m1 3`]);
    expect(rows.find((r) => r.Name === `${tag} m1 1`)).toMatchObject({
      Phone: '13800000001',
      Email: `m1-1@${tag}.cn`,
      Tier: 'A',
      Region: '上海',
      Owner: org.users.m1.name,
    });
    const audits = await auditOf('export.run', org.users.m1.id);
    expect(audits.at(-1)?.data).toMatchObject({
      list: 'customers',
      format: 'csv',
      filters: { q: tag },
      rows: 3,
    });
  });

  it('applies the filters of the list', async () => {
    const res = await admin.get(
      `/api/v1/exports/customers.csv?q=${tag}&tier=A&region=${encodeURIComponent('北京')}`,
    );
    expect(res.statusCode).toBe(200);
    const rows = csvRows(res.body);
    expect(rows.map((r) => r['客户名称'])).toEqual([`${tag} m1 3`]);
  });

  it('masks phone and e-mail for a role without the permission, in XLSX too', async () => {
    const res = await analyst.get(`/api/v1/exports/customers.xlsx?q=${tag}&lang=en-US`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = ours(await xlsxRows(res.rawPayload));
    expect(rows).toHaveLength(5);
    const one = rows.find((r) => r.Name === `${tag} m1 1`)!;
    expect(one.Phone).not.toBe('13800000001');
    expect(one.Phone).toContain('*');
    expect(one.Email).not.toBe(`m1-1@${tag}.cn`);
    expect(JSON.stringify(rows)).not.toContain('13800000001');
  });

  it("a manager's XLSX has only their customers; headers follow Accept-Language", async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/exports/customers.xlsx?q=${tag}`,
      headers: { cookie: m4.cookie, 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(res.statusCode).toBe(200);
    const rows = ours(await xlsxRows(res.rawPayload));
    expect(rows.map((r) => r.Name)).toEqual([`${tag} m4 1`]);
    expect(rows[0]!.Phone).toBe('13900000001');
  });

  it('exports the pool (masked below team lead) and tasks in scope', async () => {
    const pool = await m1.get(`/api/v1/exports/pool.csv?q=${tag}&lang=en-US`);
    expect(pool.statusCode).toBe(200);
    const poolRows = ours(csvRows(pool.body));
    expect(poolRows.map((r) => r.Name)).toEqual([`${tag} pool 1`]);
    expect(poolRows[0]!.Phone).not.toBe('13700000001');

    for (const [who, client] of [
      ['m1', m1],
      ['m4', m4],
    ] as const) {
      const res = await admin.post('/api/v1/tasks', {
        type: 'call',
        title: `${tag} task for ${who}`,
        assigneeId: org.users[who].id,
        dueAt: '2030-01-01T09:00:00+08:00',
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(client).toBeTruthy();
    }
    const tasks = await m1.get('/api/v1/exports/tasks.csv?lang=zh-CN&status=open');
    expect(tasks.statusCode, tasks.body).toBe(200);
    const taskRows = ours(csvRows(tasks.body), '标题');
    expect(taskRows).toEqual([
      expect.objectContaining({ 标题: `${tag} task for m1`, 状态: '待处理', 任务类型: '电话' }),
    ]);
  });

  it('refuses unknown filters values with the field', async () => {
    const res = await m1.get('/api/v1/exports/customers.csv?tier=Z');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });
});

describe('export as a job', () => {
  async function waitForExport(client: Client, id: string) {
    for (let i = 0; i < 200; i++) {
      const res = await client.get(`/api/v1/exports/${id}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      if (body.status === 'succeeded' || body.status === 'failed') return body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('export did not finish');
  }

  it('runs with progress, gives the file to its creator only, and is audited', async () => {
    const res = await m1.post('/api/v1/exports', {
      list: 'customers',
      format: 'xlsx',
      filters: { q: tag, tier: 'A' },
      lang: 'en-US',
    });
    expect(res.statusCode, res.body).toBe(202);
    const { exportId, jobId } = res.json();
    expect(jobId).toBe(exportId);
    const done = await waitForExport(m1, exportId);
    expect(done).toMatchObject({
      status: 'succeeded',
      progress: 1,
      rows: 2,
      list: 'customers',
      format: 'xlsx',
      filters: { q: tag, tier: 'A' },
      downloadUrl: `/api/v1/exports/${exportId}/download`,
    });
    expect((await m4.get(`/api/v1/exports/${exportId}`)).statusCode).toBe(404);
    expect((await m4.get(done.downloadUrl)).statusCode).toBe(404);
    expect((await admin.get(done.downloadUrl)).statusCode).toBe(404);

    const file = await m1.get(done.downloadUrl);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain('.xlsx');
    const rows = await xlsxRows(file.rawPayload);
    expect(rows.map((r) => r.Name).sort()).toEqual([`${tag} m1 1`, `${tag} m1 3`]);
    expect(rows[0]!.Phone).toMatch(/^1380000000[13]$/);

    const list = await m1.get('/api/v1/exports');
    expect(list.json().data.map((e: { id: string }) => e.id)).toContain(exportId);

    expect((await auditOf('export.create', org.users.m1.id)).map((a) => a.entity_id)).toContain(exportId);
    const complete = (await auditOf('export.complete', org.users.m1.id)).find(
      (a) => a.entity_id === exportId,
    );
    expect(complete?.data).toMatchObject({ list: 'customers', rows: 2, filters: { q: tag, tier: 'A' } });
    expect((await auditOf('export.download', org.users.m1.id)).map((a) => a.entity_id)).toContain(exportId);
  });

  it('GET with async=true answers 202 and the job writes a CSV with masking', async () => {
    const res = await analyst.get(`/api/v1/exports/customers.csv?q=${tag}&async=true&lang=en-US`);
    expect(res.statusCode, res.body).toBe(202);
    const done = await waitForExport(analyst, res.json().exportId);
    expect(done).toMatchObject({ status: 'succeeded', rows: 5 });
    const file = await analyst.get(done.downloadUrl);
    const rows = ours(csvRows(file.body));
    expect(rows).toHaveLength(5);
    expect(file.body).not.toContain('13800000001');
  });

  it('keeps the file for EXPORT_RETENTION_DAYS, then export-cleanup deletes it and the download answers 410', async () => {
    const res = await m1.post('/api/v1/exports', { list: 'customers', format: 'csv', filters: { q: tag } });
    const { exportId } = res.json();
    const done = await waitForExport(m1, exportId);
    const days = t.deps.config.exportRetentionDays;
    expect(Date.parse(done.expiresAt) - Date.parse(done.finishedAt)).toBe(days * 86_400_000);
    const file = path.join(dataDir, 'exports', org.orgId, `${exportId}.csv`);
    expect(existsSync(file)).toBe(true);

    const cleanUp = async (afterDays: number) => {
      const asOf = new Date(Date.parse(done.finishedAt) + afterDays * 86_400_000).toISOString();
      const run = await admin.post('/api/v1/jobs/export-cleanup/run', { asOf });
      expect(run.statusCode, run.body).toBe(202);
      for (let i = 0; i < 200; i++) {
        const job = (await admin.get(`/api/v1/jobs/${run.json().jobId}`)).json();
        if (job.status === 'succeeded') return job.result as { deleted: number };
        expect(job.status).not.toBe('failed');
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('export-cleanup did not finish');
    };
    // A day before its time the file stays and downloads.
    await cleanUp(days - 1);
    expect(existsSync(file)).toBe(true);
    expect((await m1.get(done.downloadUrl)).statusCode).toBe(200);
    // After it, the file is deleted; the export is still listed, its download is gone.
    expect((await cleanUp(days + 1)).deleted).toBeGreaterThanOrEqual(1);
    expect(existsSync(file)).toBe(false);
    const gone = await m1.get(done.downloadUrl);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().error.code).toBe('expired');
    expect((await m1.get(`/api/v1/exports/${exportId}`)).json().status).toBe('succeeded');
  });

  it('refuses bad filters and lists with the field', async () => {
    const bad = await m1.post('/api/v1/exports', {
      list: 'customers',
      format: 'csv',
      filters: { stage: 'nope' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('filters.stage');
    const unknown = await m1.post('/api/v1/exports', { list: 'secrets', format: 'csv' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].path).toBe('list');
  });
});
