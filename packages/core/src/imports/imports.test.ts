import { describe, expect, it } from 'vitest';
import { detectDelimiter, detectEncoding } from './detect.js';
import { defaultDedupeKey, mappingProblems } from './fields.js';
import { importPatch } from './merge.js';
import { parseAmount, parseDateParts } from './parse.js';
import { validateRow } from './rows.js';
import { suggestMapping } from './suggest.js';

const tz = { timeZone: 'Asia/Shanghai' };

describe('suggestMapping', () => {
  it('maps Chinese headers', () => {
    expect(
      suggestMapping('customers', ['客户名称', '手机', '邮箱', '行业', '地区', '来源', '备注', '不认识']),
    ).toEqual({
      客户名称: 'name',
      手机: 'phone',
      邮箱: 'email',
      行业: 'industry',
      地区: 'region',
      来源: 'source',
      备注: 'notes',
    });
  });
  it('maps Zoho CRM account exports', () => {
    const m = suggestMapping('customers', [
      'Record Id',
      'Account Owner',
      'Account Name',
      'Phone',
      'Email',
      'Industry',
      'Billing Street',
      'Billing City',
      'Billing State',
      'Rating',
    ]);
    expect(m).toEqual({
      'Record Id': 'externalId',
      'Account Owner': 'owner',
      'Account Name': 'name',
      Phone: 'phone',
      Email: 'email',
      Industry: 'industry',
      'Billing Street': 'address',
      'Billing City': 'region',
    });
  });
  it('maps Salesforce and HubSpot exports', () => {
    expect(
      suggestMapping('customers', [
        'Account ID',
        'Account Name',
        'Phone',
        'Website',
        'Industry',
        'BillingCity',
        'Account Owner',
      ]),
    ).toEqual({
      'Account ID': 'externalId',
      'Account Name': 'name',
      Phone: 'phone',
      Industry: 'industry',
      BillingCity: 'region',
      'Account Owner': 'owner',
    });
    expect(
      suggestMapping('customers', [
        'Record ID',
        'Company name',
        'Phone Number',
        'Industry',
        'City',
        'State/Region',
        'Company owner',
      ]),
    ).toEqual({
      'Record ID': 'externalId',
      'Company name': 'name',
      'Phone Number': 'phone',
      Industry: 'industry',
      City: 'region',
      'Company owner': 'owner',
    });
  });
  it('maps order columns, phone naming the customer', () => {
    expect(suggestMapping('orders', ['订单号', '手机', '下单时间', '金额'])).toEqual({
      订单号: 'externalId',
      手机: 'customerPhone',
      下单时间: 'orderedAt',
      金额: 'amount',
    });
  });
});

describe('mappingProblems and the default dedupe key', () => {
  it('refuses unknown fields, doubles and missing required fields', () => {
    expect(mappingProblems('customers', { A: 'name', B: 'nope' })).toEqual([
      { path: 'mapping.B', message: 'unknown field "nope"' },
    ]);
    expect(mappingProblems('customers', { A: 'name', B: 'name' })[0]!.path).toBe('mapping.B');
    expect(mappingProblems('customers', { A: 'email' })[0]!.message).toContain('"name"');
    expect(mappingProblems('orders', { A: 'orderedAt', B: 'amount' })[0]!.message).toContain('customer');
  });
  it('prefers the strongest key', () => {
    expect(defaultDedupeKey(['name', 'phone', 'email'])).toBe('email');
    expect(defaultDedupeKey(['name', 'externalId', 'email'])).toBe('externalId');
    expect(defaultDedupeKey(['name'])).toBe('name_region');
  });
});

describe('validateRow', () => {
  it('normalizes good values', () => {
    const r = validateRow(
      'customers',
      {
        name: ' 华为 ',
        tier: 'a类',
        stage: '活跃',
        tags: 'VIP，重点; VIP',
        contractDate: '2026年3月5日',
        phone: '',
      },
      tz,
    );
    expect(r.problems).toEqual([]);
    expect(r.values).toEqual({
      name: '华为',
      tier: 'A',
      stage: 'active',
      tags: ['VIP', '重点'],
      contractDate: '2026-03-05',
      phone: null,
    });
  });
  it('reports each bad field with a code', () => {
    const r = validateRow(
      'customers',
      { name: '', email: 'x@', phone: 'abc', contractDate: '2026-02-30' },
      tz,
    );
    expect(r.problems.map((p) => [p.field, p.code])).toEqual([
      ['name', 'required'],
      ['phone', 'invalid_phone'],
      ['email', 'invalid_email'],
      ['contractDate', 'invalid_date'],
    ]);
  });
  it('reads order dates in the organization time zone and amounts with separators', () => {
    const r = validateRow(
      'orders',
      { customerPhone: '13800138000', orderedAt: '2026/3/5 10:00', amount: '¥1,234.5' },
      tz,
    );
    expect(r.values.orderedAt).toBe('2026-03-05T02:00:00.000Z');
    expect(r.values.amount).toBe(1234.5);
    const bad = validateRow('orders', { customerPhone: '', orderedAt: '3/5/2026', amount: '1,5' }, tz);
    expect(bad.problems.map((p) => p.code)).toEqual(['invalid_date', 'invalid_amount', 'required']);
    expect(bad.problems[0]!.message).toContain('YYYY-MM-DD');
  });
});

describe('parsers', () => {
  it('dates', () => {
    expect(parseDateParts('13/5/2026').ok).toBe(true);
    expect(parseDateParts('2026-05-13T10:00:00+08:00').ok).toBe(true);
    expect(parseDateParts('yesterday')).toEqual({ ok: false, ambiguous: false });
  });
  it('amounts', () => {
    expect(parseAmount('1234.567')).toBe(1234.57);
    expect(parseAmount('RMB 99')).toBe(99);
    expect(parseAmount('100元')).toBe(100);
    expect(parseAmount('12a')).toBeNull();
  });
});

describe('detection', () => {
  it('tells UTF-8 (with or without BOM) from GB18030', () => {
    const utf8 = new TextEncoder().encode('客户名称,手机\n');
    expect(detectEncoding(utf8)).toEqual({ encoding: 'utf-8', bom: false });
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({
      encoding: 'utf-8',
      bom: true,
    });
    // "客户" in GBK
    expect(detectEncoding(new Uint8Array([0xbf, 0xcd, 0xbb, 0xa7, 0x2c]))).toEqual({
      encoding: 'gb18030',
      bom: false,
    });
    // a UTF-8 character cut at the end of the sample is still UTF-8
    expect(detectEncoding(utf8.subarray(0, 4)).encoding).toBe('utf-8');
  });
  it('finds the delimiter', () => {
    expect(detectDelimiter('a;b;c\n1;2;3\n4;5;6\n')).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(detectDelimiter('a|b|c\n1|2|3\n')).toBe('|');
    expect(detectDelimiter('"x,y";b\n"1,2";3\n"4,5";6\n')).toBe(';');
    expect(detectDelimiter('name\nfoo\n')).toBe(',');
  });
});

describe('importPatch', () => {
  const existing = { name: 'A', industry: null, region: '上海', tags: ['x'] };
  it('update writes what the row gives, never erasing', () => {
    expect(
      importPatch(
        existing,
        { name: 'A', industry: 'IT', region: '北京', tags: ['y'], phone: null },
        'update',
      ),
    ).toEqual({
      industry: 'IT',
      region: '北京',
      tags: ['y'],
    });
  });
  it('merge only fills gaps and adds tags', () => {
    expect(importPatch(existing, { industry: 'IT', region: '北京', tags: ['y'] }, 'merge')).toEqual({
      industry: 'IT',
      tags: ['x', 'y'],
    });
    expect(importPatch(existing, { region: '北京', tags: ['x'] }, 'merge')).toEqual({});
  });
});
