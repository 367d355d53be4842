import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { runImport, upload } from './test-support.js';

let t: TestApp;
let org: TestOrg;
let admin: Client;
let m1: Client;
let analyst: Client;
let dataDir: string;
const tag = `imp${Date.now().toString(36)}`;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'steward-imports-'));
  t = await buildTestApp({ dataDir }, { jobs: true });
  org = await createTestOrg(t.deps.db);
  admin = await login(t.app, org.users.admin.email);
  m1 = await login(t.app, org.users.m1.email);
  analyst = await login(t.app, org.users.analyst.email);
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const customersNamed = (prefix: string) =>
  queryRows<{
    name: string;
    phone: string | null;
    email: string | null;
    region: string | null;
    owner_id: string | null;
    external_id: string | null;
    industry: string | null;
  }>(
    t.deps.db,
    sql`select name, phone, email, region, owner_id, external_id, industry from customers
        where org_id = ${org.orgId} and name like ${`${prefix}%`} order by name`,
  );

describe('formats and encodings', () => {
  it('imports a GBK-encoded CSV with Chinese headers, no mapping given', async () => {
    const csv = `客户名称,手机,邮箱,行业,地区,来源\r\n${tag}甲公司,13800000001,a@gbk.cn,制造,上海,展会\r\n${tag}乙公司,13800000002,b@gbk.cn,零售,北京,转介绍\r\n`;
    const { result } = await runImport(
      admin,
      { entity: 'customers' },
      { name: '客户.csv', content: iconv.encode(csv, 'gbk') },
    );
    expect(result).toMatchObject({ status: 'succeeded', created: 2, failed: 0, progress: 1 });
    expect(result.mapping).toEqual({
      客户名称: 'name',
      手机: 'phone',
      邮箱: 'email',
      行业: 'industry',
      地区: 'region',
      来源: 'source',
    });
    const rows = await customersNamed(`${tag}甲`);
    expect(rows).toEqual([
      expect.objectContaining({
        name: `${tag}甲公司`,
        phone: '13800000001',
        region: '上海',
        industry: '制造',
      }),
    ]);
  });

  it('reads a UTF-8 CSV with BOM and semicolons', async () => {
    const csv = `\uFEFFName;Phone;Email;Region\n${tag}Semi One;13800000011;one@semi.io;杭州\n"${tag}Semi; Two";13800000012;two@semi.io;杭州\n`;
    const { result } = await runImport(admin, { entity: 'customers' }, { name: 'semi.csv', content: csv });
    expect(result).toMatchObject({ status: 'succeeded', created: 2, failed: 0 });
    expect(result.mapping).toEqual({ Name: 'name', Phone: 'phone', Email: 'email', Region: 'region' });
    expect((await customersNamed(`${tag}Semi`)).map((r) => r.name)).toEqual([
      `${tag}Semi One`,
      `${tag}Semi; Two`,
    ]);
  });

  it('imports an XLSX workbook, dates included', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Customers');
    ws.addRow(['客户名称', '手机', '签约日期', '等级']);
    ws.addRow([`${tag}Xlsx 1`, '13800000021', new Date(Date.UTC(2026, 2, 5)), 'A']);
    ws.addRow([`${tag}Xlsx 2`, 13800000022, '2026/4/1', 'Z']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const { result } = await runImport(admin, { entity: 'customers' }, { name: 'book.xlsx', content: buf });
    expect(result).toMatchObject({ status: 'succeeded', created: 1, failed: 1 });
    expect(result.errors).toEqual([
      { row: 2, column: '等级', code: 'invalid_value', message: expect.stringContaining('tier') },
    ]);
    const [row] = await queryRows<{ contract_date: string; tier: string }>(
      t.deps.db,
      sql`select contract_date::text, tier from customers where org_id = ${org.orgId} and name = ${`${tag}Xlsx 1`}`,
    );
    expect(row).toEqual({ contract_date: '2026-03-05', tier: 'A' });
  });
});

describe('exports of other CRMs map without manual work', () => {
  it.each([
    [
      'Zoho',
      'Record Id,Account Owner,Account Name,Phone,Email,Industry,Billing City,Rating',
      (i: number) =>
        `zcrm_${i},${org.users.m1.email},${tag}Zoho ${i},1390000000${i},z${i}@zoho.example,IT,深圳,Hot`,
    ],
    [
      'Salesforce',
      'Account ID,Account Name,Phone,Website,Industry,BillingCity,Account Owner',
      (i: number) =>
        `001${i},${tag}Sf ${i},1391000000${i},https://sf.example,Banking,广州,${org.users.m1.name}`,
    ],
    [
      'HubSpot',
      'Record ID,Company name,Phone Number,Industry,City,State/Region,Company owner',
      (i: number) => `hs${i},${tag}Hub ${i},1392000000${i},Retail,成都,四川,${org.users.m1.email}`,
    ],
  ])('%s', async (_crm, header, line) => {
    const csv = [header, line(1), line(2)].join('\n');
    const { result } = await runImport(admin, { entity: 'customers' }, { name: 'export.csv', content: csv });
    expect(result).toMatchObject({ status: 'succeeded', created: 2, failed: 0, dedupeKey: 'externalId' });
    expect(Object.values(result.mapping)).toEqual(
      expect.arrayContaining(['externalId', 'name', 'phone', 'industry', 'region', 'owner']),
    );
    const prefix = `${tag}${_crm === 'Salesforce' ? 'Sf' : _crm === 'HubSpot' ? 'Hub' : 'Zoho'} `;
    const rows = await customersNamed(prefix);
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.owner_id).toBe(org.users.m1.id);
      expect(r.external_id).toBeTruthy();
      expect(r.region).toBeTruthy();
    }
  });
});

describe('values written exactly (COPY on PostgreSQL, JSON on PGlite)', () => {
  it('keeps quotes, delimiters, line breaks, backslashes and empty cells as they were', async () => {
    const name = `${tag}Exact "Quoted", Ltd \\ 1`;
    const notes = 'line one\nline two, with "quotes" and \\N';
    const csv =
      '客户名称,地址,备注,标签,手机\n' +
      `"${name.replace(/"/g, '""')}","Road 1, \\ \\N","${notes.replace(/"/g, '""')}","a""b|c\\d|NULL",13500000077\n` +
      `${tag}Exact empty,,,,\n`;
    const { result } = await runImport(admin, { entity: 'customers' }, { name: 'exact.csv', content: csv });
    expect(result).toMatchObject({ status: 'succeeded', created: 2, failed: 0 });
    const rows = await queryRows<{
      name: string;
      name_norm: string;
      address: string | null;
      needs: { notes?: string };
      tags: string[];
      phone: string | null;
      phone_norm: string | null;
      email: string | null;
      type: string;
      stage: string;
      completeness: number;
    }>(
      t.deps.db,
      sql`select name, name_norm, address, needs, tags, phone, phone_norm, email, type, stage, completeness
          from customers where org_id = ${org.orgId} and name like ${`${tag}Exact%`} order by name`,
    );
    expect(rows).toEqual([
      {
        name,
        name_norm: expect.any(String),
        address: 'Road 1, \\ \\N',
        needs: { notes },
        tags: ['a"b', 'c\\d', 'NULL'],
        phone: '13500000077',
        phone_norm: '13500000077',
        email: null,
        type: 'company',
        stage: 'prospect',
        // name 10 + address 5 + phone 15 + needs (notes) 10 + tags 5
        completeness: 45,
      },
      {
        name: `${tag}Exact empty`,
        name_norm: expect.any(String),
        address: null,
        needs: {},
        tags: [],
        phone: null,
        phone_norm: null,
        email: null,
        type: 'company',
        stage: 'prospect',
        completeness: 10,
      },
    ]);
  });

  it('recognizes a customer by name and region within one batch and across imports', async () => {
    const csv = `客户名称,地区,行业\n${tag}NR One,南京,A\n${tag}NR One,苏州,B\n${tag}nr one,南京,C\n`;
    const first = await runImport(admin, { entity: 'customers' }, { name: 'nr.csv', content: csv });
    expect(first.result).toMatchObject({ created: 2, skipped: 1, dedupeKey: 'name_region' });
    const again = await runImport(admin, { entity: 'customers' }, { name: 'nr.csv', content: csv });
    expect(again.result).toMatchObject({ created: 0, skipped: 3 });
    expect((await customersNamed(`${tag}NR`)).map((r) => [r.region, r.industry]).sort()).toEqual([
      ['南京', 'A'],
      ['苏州', 'B'],
    ]);
  });
});

describe('dedupe', () => {
  const file = (rows: string[]) => ({
    name: 'dedupe.csv',
    content: ['externalId,name,phone,industry,region', ...rows].join('\n'),
  });

  it('skip, update and merge by external id; duplicates inside the file too', async () => {
    const first = await runImport(
      admin,
      { entity: 'customers' },
      file([
        `D1,${tag}Dup One,13700000001,,苏州`,
        `D2,${tag}Dup Two,13700000002,IT,苏州`,
        `D1,${tag}Dup One again,13700000001,,苏州`,
      ]),
    );
    expect(first.result).toMatchObject({ created: 2, skipped: 1, updated: 0 });
    const skip = await runImport(
      admin,
      { entity: 'customers', dedupe: 'skip' },
      file([`D1,${tag}Dup One,13700000001,Food,苏州`]),
    );
    expect(skip.result).toMatchObject({ created: 0, skipped: 1 });
    const merge = await runImport(
      admin,
      { entity: 'customers', dedupe: 'merge' },
      file([`D1,${tag}Dup One X,13700000001,Food,无锡`, `D2,${tag}Dup Two,,Retail,`]),
    );
    expect(merge.result).toMatchObject({ created: 0, updated: 1, skipped: 1 });
    let rows = await customersNamed(`${tag}Dup`);
    expect(rows.map((r) => [r.name, r.industry, r.region])).toEqual([
      [`${tag}Dup One`, 'Food', '苏州'],
      [`${tag}Dup Two`, 'IT', '苏州'],
    ]);
    const update = await runImport(
      admin,
      { entity: 'customers', dedupe: 'update', dedupeKey: 'externalId' },
      file([`D2,${tag}Dup Two,,Retail,`]),
    );
    expect(update.result).toMatchObject({ created: 0, updated: 1 });
    rows = await customersNamed(`${tag}Dup Two`);
    expect(rows[0]).toMatchObject({ industry: 'Retail', region: '苏州', phone: '13700000002' });
    const [hist] = await queryRows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from field_history h join customers c on c.id = h.entity_id
          where c.org_id = ${org.orgId} and c.name = ${`${tag}Dup Two`} and h.field = 'industry'`,
    );
    expect(hist!.n).toBe(1);
  });

  it("a duplicate by phone outside a manager's book is refused on update, and managers import into their own book", async () => {
    await insertCustomer(
      t.deps.db,
      org.orgId,
      { id: org.users.m4.id, teamId: org.team.b },
      { name: `${tag}M4 own`, phone: '13600000001', phoneNorm: '13600000001' },
    );
    const csv = `客户名称,手机\n${tag}M4 own,13600000001\n${tag}M1 new,13600000002\n`;
    const { result } = await runImport(
      m1,
      { entity: 'customers', dedupe: 'update', dedupeKey: 'phone' },
      { name: 'm1.csv', content: csv },
    );
    expect(result).toMatchObject({ created: 1, failed: 1 });
    expect(result.errors[0]).toMatchObject({ row: 1, column: '手机', code: 'not_permitted' });
    expect((await customersNamed(`${tag}M1 new`))[0]!.owner_id).toBe(org.users.m1.id);
    const withOwner = await upload(
      m1,
      '/api/v1/imports',
      { entity: 'customers' },
      { name: 'x.csv', content: 'Name,Owner\nA,b\n' },
    );
    expect(withOwner.statusCode).toBe(400);
    expect(withOwner.json().error.details[0].path).toBe('mapping.Owner');
  });

  it('customers without an owner go to the pool when no rule places them', async () => {
    const { result } = await runImport(
      admin,
      { entity: 'customers' },
      { name: 'pool.csv', content: `name,region\n${tag}Pool One,西安\n` },
    );
    expect(result.created).toBe(1);
    expect((await customersNamed(`${tag}Pool One`))[0]!.owner_id).toBeNull();
  });
});

describe('orders, contacts and interactions', () => {
  beforeAll(async () => {
    await runImport(
      admin,
      { entity: 'customers' },
      {
        name: 'c.csv',
        content: `externalId,name,phone,email\nREF1,${tag}Ref One,13500000001,ref1@x.cn\nREF2,${tag}Ref Two,13500000002,ref2@x.cn\n`,
      },
    );
  });

  it('imports orders by customer external id or phone, once', async () => {
    const csv = `订单号,客户编号,客户手机,下单时间,金额,产品\nO1,REF1,,2026-03-01 10:00,"¥1,200.50",Widget\nO2,,13500000002,2026/3/2,300,\n,REF1,,2026-03-03,99,\nO3,NOPE,,2026-03-03,1,\nO4,REF2,,someday,1,\n`;
    const first = await runImport(admin, { entity: 'orders' }, { name: 'orders.csv', content: csv });
    expect(first.result).toMatchObject({ status: 'succeeded', created: 3, failed: 2 });
    expect(first.result.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [4, '客户编号', 'unknown_customer'],
      [5, '下单时间', 'invalid_date'],
    ]);
    const again = await runImport(admin, { entity: 'orders' }, { name: 'orders.csv', content: csv });
    expect(again.result).toMatchObject({ created: 0, skipped: 3, failed: 2 });
    const orders = await queryRows<{ external_id: string | null; amount: string; ordered_at: Date }>(
      t.deps.db,
      sql`select o.external_id, o.amount::text, o.ordered_at from orders o join customers c on c.id = o.customer_id
          where c.org_id = ${org.orgId} and c.name like ${`${tag}Ref%`} order by o.ordered_at`,
    );
    expect(orders.map((o) => [o.external_id, o.amount])).toEqual([
      ['O1', '1200.50'],
      ['O2', '300.00'],
      [null, '99.00'],
    ]);
    expect(new Date(orders[0]!.ordered_at).toISOString()).toBe('2026-03-01T02:00:00.000Z');
  });

  it('imports contacts (deduped by e-mail within the customer) and interactions', async () => {
    const contacts = `客户编号,姓名,职位,邮箱,主要联系人\nREF1,张三,CEO,zs@x.cn,是\nREF1,张三,CTO,zs@x.cn,\nREF2,李四,,ls@x.cn,否\n`;
    const c = await runImport(
      admin,
      { entity: 'contacts', dedupe: 'update' },
      { name: 'contacts.csv', content: contacts },
    );
    expect(c.result).toMatchObject({ created: 2, updated: 1, failed: 0, dedupeKey: 'email' });
    const [zs] = await queryRows<{ position: string; is_primary: boolean }>(
      t.deps.db,
      sql`select position, is_primary from contacts where org_id = ${org.orgId} and email = 'zs@x.cn'`,
    );
    expect(zs).toEqual({ position: 'CTO', is_primary: true });
    const inter = `客户编号,类型,时间,内容\nREF1,拜访,2026-03-10 15:00,首次拜访\nREF1,拜访,2026-03-10 15:00,首次拜访\nREF2,传真,2026-03-10,x\n`;
    const i = await runImport(admin, { entity: 'interactions' }, { name: 'i.csv', content: inter });
    expect(i.result).toMatchObject({ created: 1, skipped: 1, failed: 1 });
    expect(i.result.errors[0]).toMatchObject({ row: 3, column: '类型', code: 'invalid_value' });
  });
});

describe('requests', () => {
  it('refuses bad input with the field at fault', async () => {
    const csv = { name: 'a.csv', content: 'name,phone\nA,1\n' };
    const cases: [Record<string, string>, string][] = [
      [{ entity: 'planets' }, 'entity'],
      [{ entity: 'customers', dedupe: 'maybe' }, 'dedupe'],
      [{ entity: 'customers', mapping: '{oops' }, 'mapping'],
      [{ entity: 'customers', mapping: JSON.stringify({ name: 'name', phone: 'fax' }) }, 'mapping.phone'],
      [{ entity: 'customers', mapping: JSON.stringify({ name: 'name', nope: 'phone' }) }, 'mapping.nope'],
      [{ entity: 'customers', dedupeKey: 'email' }, 'dedupeKey'],
      [{ entity: 'orders' }, 'mapping'],
    ];
    for (const [fields, pathAtFault] of cases) {
      const res = await upload(admin, '/api/v1/imports', fields, csv);
      expect(res.statusCode, JSON.stringify(fields)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(pathAtFault);
    }
    expect((await upload(admin, '/api/v1/imports', { entity: 'customers' })).statusCode).toBe(400);
    expect(
      (
        await upload(admin, '/api/v1/imports', { entity: 'customers' }, { name: 'a.pdf', content: 'x' })
      ).json().error.details[0].path,
    ).toBe('file');
    // Files that cannot be parsed are bad input on `file`, not a server error.
    for (const broken of [
      { name: 'b.csv', content: '"name,phone\nA,1\n' },
      { name: 'b.xlsx', content: 'this is not a workbook' },
    ])
      for (const url of ['/api/v1/imports', '/api/v1/imports/preview']) {
        const res = await upload(admin, url, { entity: 'customers' }, broken);
        expect(res.statusCode, `${url} ${broken.name}: ${res.body}`).toBe(400);
        expect(res.json().error.details[0].path).toBe('file');
      }
    expect((await upload(analyst, '/api/v1/imports', { entity: 'customers' }, csv)).statusCode).toBe(403);
    // Refused uploads leave no file behind.
    const dir = path.join(dataDir, 'imports', org.orgId);
    const before = readdirSync(dir).length;
    await upload(admin, '/api/v1/imports', { entity: 'planets' }, csv);
    expect(readdirSync(dir).length).toBe(before);
  });

  it('previews headers, suggestions and the first rows with their problems', async () => {
    const res = await upload(
      admin,
      '/api/v1/imports/preview',
      { entity: 'customers' },
      { name: 'p.csv', content: '客户名称,邮箱,神秘列\nA,a@b.cn,x\n,not-mail,y\n' },
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.headers).toEqual(['客户名称', '邮箱', '神秘列']);
    expect(body.suggestedMapping).toEqual({ 客户名称: 'name', 邮箱: 'email' });
    expect(body.fields.find((f: { name: string }) => f.name === 'name').required).toBe(true);
    expect(body.rows[0].errors).toEqual([]);
    expect(body.rows[1].errors.map((e: { column: string; code: string }) => [e.column, e.code])).toEqual([
      ['客户名称', 'required'],
      ['邮箱', 'invalid_email'],
    ]);
  });

  it('saves and lists templates, lists imports, cancels only running ones, reports errors as CSV', async () => {
    const created = await admin.post('/api/v1/import-templates', {
      name: `${tag} tpl`,
      entity: 'customers',
      mapping: { 客户名称: 'name' },
    });
    expect(created.statusCode).toBe(201);
    const bad = await admin.post('/api/v1/import-templates', {
      name: 'x',
      entity: 'customers',
      mapping: { a: 'nope' },
    });
    expect(bad.statusCode).toBe(400);
    const list = (await admin.get('/api/v1/import-templates?entity=customers')).json();
    expect(list.data.map((x: { name: string }) => x.name)).toContain(`${tag} tpl`);

    const { importId } = await runImport(
      admin,
      { entity: 'customers' },
      { name: 'errs.csv', content: 'name,email\n,x\n"Q, ok",q@q.cn\nB,bad"mail\n' },
    );
    const csv = await admin.get(`/api/v1/imports/${importId}/errors.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(
      csv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n'),
    ).toEqual([
      'row,column,code,message',
      '1,name,required,name is required',
      '1,email,invalid_email,"""x"" is not an e-mail address"',
      '3,email,invalid_email,"""bad""mail"" is not an e-mail address"',
    ]);
    const cancel = await admin.post(`/api/v1/imports/${importId}/cancel`);
    expect(cancel.statusCode).toBe(409);
    const imports = (await admin.get('/api/v1/imports?limit=100')).json();
    expect(imports.data.map((x: { id: string }) => x.id)).toContain(importId);
    expect((await m1.get(`/api/v1/imports/${importId}`)).statusCode).toBe(404);
  });
});
