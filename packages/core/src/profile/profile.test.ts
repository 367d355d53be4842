import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizeName, normalizePhone } from './normalize.js';
import { maskEmail, maskIdNumber, maskPhone } from './masking.js';
import { profileCompleteness, COMPLETENESS_WEIGHTS } from './completeness.js';
import { duplicateKeys, duplicateMatches } from './duplicates.js';
import { validateCustomFields } from './custom-fields.js';

describe('normalization', () => {
  it.each([
    ['+86 138-0013-8000', '13800138000'],
    ['0086 13800138000', '13800138000'],
    ['(021) 5555-0101', '02155550101'],
    ['12', null],
    ['', null],
    [null, null],
  ])('phone %s → %s', (input, out) => expect(normalizePhone(input)).toBe(out));
  it('lower-cases and trims e-mail', () =>
    expect(normalizeEmail('  Ops@Example.COM ')).toBe('ops@example.com'));
  it('folds case, width, spaces and punctuation in names', () => {
    expect(normalizeName('Bluepeak  Trading Co.')).toBe(normalizeName('bluepeak trading co'));
    expect(normalizeName('上海（明远）科技')).toBe(normalizeName('上海(明远)科技'));
    expect(normalizeName('ＡＢＣ')).toBe('abc');
  });
});

describe('masking', () => {
  it.each([
    ['13800138000', '138****8000'],
    ['+86 138 0013 8000', '+86 1** **** 8000'],
    ['5550101', '***0101'],
    ['12345', '***45'],
  ])('phone %s → %s', (input, out) => expect(maskPhone(input)).toBe(out));
  it('keeps no digits of the middle of a long number', () => {
    const m = maskPhone('+86 138 0013 8000')!;
    expect(m.replace(/\D/g, '')).toBe('8618000'); // 11+ digits: the first 3 and the last 4 digits stay
  });
  it('masks e-mail and ID numbers', () => {
    expect(maskEmail('zhang.wei@example.com')).toBe('z***@example.com');
    expect(maskEmail('broken')).toBe('***');
    expect(maskIdNumber('110101199003074512')).toBe('11**************12');
    expect(maskIdNumber('123')).toBe('***');
    expect(maskPhone(null)).toBeNull();
  });
});

describe('profile completeness', () => {
  const empty = {
    name: 'X',
    industry: null,
    region: null,
    address: null,
    source: null,
    phone: null,
    email: null,
    size: null,
    needs: {},
    contactCount: 0,
    tags: [],
  };
  it('weights add up to 100', () =>
    expect(Object.values(COMPLETENESS_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100));
  it('scores only a name as 10 and lists what is missing', () => {
    const r = profileCompleteness(empty);
    expect(r.score).toBe(10);
    expect(r.missing).toContain('phone');
    expect(r.missing).not.toContain('name');
  });
  it('scores a full profile 100', () => {
    const full = {
      name: 'X',
      industry: 'i',
      region: 'r',
      address: 'a',
      source: 's',
      phone: 'p',
      email: 'e',
      size: '1',
      needs: { notes: 'n' },
      contactCount: 2,
      tags: ['t'],
    };
    expect(profileCompleteness(full)).toEqual({ score: 100, missing: [] });
  });
  it('counts needs when any part is filled', () => {
    expect(profileCompleteness({ ...empty, needs: { productInterests: ['a'] } }).score).toBe(20);
    expect(profileCompleteness({ ...empty, needs: { productInterests: [] } }).score).toBe(10);
  });
});

describe('duplicate keys', () => {
  const a = duplicateKeys({ name: 'Acme Ltd.', phone: '+86 13800138000', email: 'A@x.com', region: '上海' });
  it.each([
    [{ name: 'Other', phone: '138 0013 8000' }, ['phone']],
    [{ name: 'Other', email: 'a@X.com' }, ['email']],
    [{ name: 'acme ltd', region: '上海' }, ['name_region']],
    [{ name: 'acme ltd', region: '北京' }, []],
    [{ name: 'acme ltd' }, []],
    [
      { name: 'Acme Ltd', phone: '13800138000', email: 'a@x.com', region: '上海' },
      ['phone', 'email', 'name_region'],
    ],
  ])('%j matches on %j', (b, expected) => expect(duplicateMatches(a, duplicateKeys(b))).toEqual(expected));
});

describe('custom fields', () => {
  const defs = [
    { key: 'no', type: 'text' as const, options: null, required: true },
    { key: 'n', type: 'number' as const, options: null, required: false },
    { key: 'd', type: 'date' as const, options: null, required: false },
    { key: 'b', type: 'boolean' as const, options: null, required: false },
    { key: 's', type: 'select' as const, options: ['x', 'y'], required: false },
  ];
  it('accepts good values', () =>
    expect(validateCustomFields(defs, { no: 'a', n: 1.5, d: '2026-01-02', b: false, s: 'y' }, true)).toEqual(
      [],
    ));
  it('names each bad or missing field', () => {
    const problems = validateCustomFields(defs, { n: '1', d: '2026-13-45', b: 'yes', s: 'z', zz: 1 }, true);
    expect(problems.map((p) => p.path).sort()).toEqual([
      'customFields.b',
      'customFields.d',
      'customFields.n',
      'customFields.no',
      'customFields.s',
      'customFields.zz',
    ]);
  });
  it('does not require fields on update, but refuses clearing a required one', () => {
    expect(validateCustomFields(defs, { n: 2 }, false)).toEqual([]);
    expect(validateCustomFields(defs, { no: null }, false)).toEqual([
      { path: 'customFields.no', message: 'required' },
    ]);
  });
});
