import { CUSTOMER_REFERENCE_FIELDS, IMPORT_FIELDS, type ImportEntity, type ImportField } from './fields.js';
import {
  isEmail,
  isPhone,
  parseAmount,
  parseBoolean,
  parseDateParts,
  parseNumber,
  toInstant,
  toIsoDay,
} from './parse.js';

export const IMPORT_ERROR_CODES = [
  'required',
  'too_long',
  'invalid_email',
  'invalid_phone',
  'invalid_date',
  'invalid_amount',
  'invalid_number',
  'invalid_value',
  'unknown_customer',
  'ambiguous_customer',
  'unknown_owner',
  'owner_not_allowed',
  'ambiguous_match',
  'external_id_taken',
  'not_permitted',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

export type RowProblem = { field: string; code: ImportErrorCode; message: string };
export type ImportValue = string | number | boolean | string[] | null;
export type ValidatedRow = { values: Record<string, ImportValue>; problems: RowProblem[] };

const TIER_WORDS: Record<string, string> = { a: 'A', b: 'B', c: 'C', d: 'D' };
const STAGE_WORDS: Record<string, string> = {
  prospect: 'prospect',
  new: 'new',
  active: 'active',
  mature: 'mature',
  at_risk: 'at_risk',
  atrisk: 'at_risk',
  churned: 'churned',
  won_back: 'won_back',
  wonback: 'won_back',
  潜在: 'prospect',
  潜在客户: 'prospect',
  新客户: 'new',
  新客: 'new',
  活跃: 'active',
  成熟: 'mature',
  风险: 'at_risk',
  有风险: 'at_risk',
  流失: 'churned',
  已流失: 'churned',
  挽回: 'won_back',
  已挽回: 'won_back',
};
const TYPE_WORDS: Record<string, string> = {
  company: 'company',
  organization: 'company',
  business: 'company',
  企业: 'company',
  公司: 'company',
  person: 'person',
  individual: 'person',
  个人: 'person',
};
const INTERACTION_WORDS: Record<string, string> = {
  call: 'call',
  phone: 'call',
  visit: 'visit',
  meeting: 'meeting',
  email: 'email',
  im: 'im',
  chat: 'im',
  note: 'note',
  电话: 'call',
  拜访: 'visit',
  上门: 'visit',
  会议: 'meeting',
  邮件: 'email',
  微信: 'im',
  即时消息: 'im',
  备注: 'note',
};

const word = (raw: string) => raw.normalize('NFKC').trim().toLowerCase().replace(/[\s-]/g, '_');

function fromWords(table: Record<string, string>, raw: string): string | null {
  const w = word(raw);
  return table[w] ?? table[w.replace(/_/g, '')] ?? null;
}

type Check = { value: ImportValue } | { code: ImportErrorCode; message: string };

function checkValue(f: ImportField, v: string, timeZone: string): Check {
  switch (f.kind) {
    case 'text':
      return f.max && v.length > f.max
        ? { code: 'too_long', message: `longer than ${f.max} characters` }
        : { value: v };
    case 'email':
      return isEmail(v)
        ? { value: v }
        : { code: 'invalid_email', message: `"${v}" is not an e-mail address` };
    case 'phone':
      return isPhone(v) ? { value: v } : { code: 'invalid_phone', message: `"${v}" is not a phone number` };
    case 'date':
    case 'datetime': {
      const p = parseDateParts(v);
      if (!p.ok)
        return {
          code: 'invalid_date',
          message: p.ambiguous
            ? `"${v}" could be day/month or month/day; write it as YYYY-MM-DD`
            : `"${v}" is not a date (expected YYYY-MM-DD)`,
        };
      return { value: f.kind === 'date' ? toIsoDay(p.parts) : toInstant(p.parts, timeZone).toISOString() };
    }
    case 'amount': {
      const n = parseAmount(v);
      return n === null ? { code: 'invalid_amount', message: `"${v}" is not an amount` } : { value: n };
    }
    case 'number': {
      const n = parseNumber(v);
      return n === null ? { code: 'invalid_number', message: `"${v}" is not a number` } : { value: n };
    }
    case 'boolean': {
      const b = parseBoolean(v);
      return b === null ? { code: 'invalid_value', message: `"${v}" is not yes or no` } : { value: b };
    }
    case 'tags': {
      const tags = [
        ...new Set(
          v
            .split(/[,，;；|、]/)
            .map((t) => t.trim())
            .filter(Boolean),
        ),
      ];
      return tags.some((t) => t.length > 50) || tags.length > 50
        ? { code: 'too_long', message: 'at most 50 tags of 50 characters each' }
        : { value: tags };
    }
    case 'tier': {
      const t = TIER_WORDS[word(v).replace(/[类级档]$/, '')];
      return t ? { value: t } : { code: 'invalid_value', message: `"${v}" is not a tier (A, B, C or D)` };
    }
    case 'stage': {
      const s = fromWords(STAGE_WORDS, v);
      return s ? { value: s } : { code: 'invalid_value', message: `"${v}" is not a lifecycle stage` };
    }
    case 'customerType': {
      const s = fromWords(TYPE_WORDS, v);
      return s ? { value: s } : { code: 'invalid_value', message: `"${v}" is not company or person` };
    }
    case 'interactionType': {
      const s = fromWords(INTERACTION_WORDS, v);
      return s ? { value: s } : { code: 'invalid_value', message: `"${v}" is not an interaction type` };
    }
  }
}

/**
 * Validates and normalizes one row. `cells` holds the raw text of each mapped field (a mapped
 * but empty cell is ''; unmapped fields are absent). Empty cells become null; problems name the
 * field, a stable code and a message. Dates come out as YYYY-MM-DD, date-times as ISO instants
 * (read in `timeZone` when the cell has no offset).
 */
export function validateRow(
  entity: ImportEntity,
  cells: Record<string, string>,
  opts: { timeZone: string },
): ValidatedRow {
  const values: Record<string, ImportValue> = {};
  const problems: RowProblem[] = [];
  for (const f of IMPORT_FIELDS[entity]) {
    if (!(f.name in cells)) continue;
    const raw = (cells[f.name] ?? '').trim();
    if (!raw) {
      values[f.name] = null;
      if (f.required) problems.push({ field: f.name, code: 'required', message: `${f.name} is required` });
      continue;
    }
    const r = checkValue(f, raw, opts.timeZone);
    if ('value' in r) values[f.name] = r.value;
    else problems.push({ field: f.name, code: r.code, message: r.message });
  }
  if (entity !== 'customers') {
    const refs = CUSTOMER_REFERENCE_FIELDS.filter((f) => f in cells);
    if (refs.length && refs.every((f) => !(cells[f] ?? '').trim()))
      problems.push({ field: refs[0]!, code: 'required', message: 'the customer of this row is not given' });
  }
  return { values, problems };
}
