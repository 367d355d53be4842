import dayjs, { type Dayjs } from 'dayjs';
import type { CustomerOut, CustomFieldDefOut } from '@steward/contracts';
import type { Stage, Tier } from './api';

export type CustomerFormValues = {
  name?: string;
  type?: 'company' | 'person';
  industry?: string;
  size?: string;
  region?: string;
  address?: string;
  source?: string;
  tier?: Tier | null;
  stage?: Stage;
  tags?: string[];
  phone?: string;
  email?: string;
  needs?: { productInterests?: string[]; preferredChannel?: string; preferredTime?: string; notes?: string };
  customFields?: Record<string, unknown>;
};

const TEXT = ['name', 'industry', 'size', 'region', 'address', 'source', 'phone', 'email'] as const;

const emptyToNull = (v: unknown) => {
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  return v === undefined ? null : v;
};

export const newCustomerValues = (): CustomerFormValues => ({ type: 'company', stage: 'prospect', tags: [] });

export const valuesFromCustomer = (c: CustomerOut, defs: CustomFieldDefOut[]): CustomerFormValues => {
  const customFields: Record<string, unknown> = {};
  for (const def of defs) {
    const v = c.customFields[def.key];
    customFields[def.key] = def.type === 'date' && typeof v === 'string' && v ? dayjs(v) : v;
  }
  return {
    name: c.name,
    type: c.type,
    industry: c.industry ?? '',
    size: c.size ?? '',
    region: c.region ?? '',
    address: c.address ?? '',
    source: c.source ?? '',
    tier: c.tier,
    stage: c.stage,
    tags: c.tags,
    phone: c.phone ?? '',
    email: c.email ?? '',
    needs: {
      productInterests: c.needs.productInterests ?? [],
      preferredChannel: c.needs.preferredChannel ?? '',
      preferredTime: c.needs.preferredTime ?? '',
      notes: c.needs.notes ?? '',
    },
    customFields,
  };
};

/** The JSON body for POST/PATCH: blanks become null, dates become YYYY-MM-DD. */
export const toPayload = (v: CustomerFormValues, defs: CustomFieldDefOut[]): Record<string, unknown> => {
  const out: Record<string, unknown> = {
    type: v.type ?? 'company',
    tier: v.tier ?? null,
    tags: v.tags ?? [],
  };
  if (v.stage) out.stage = v.stage;
  for (const k of TEXT) out[k] = emptyToNull(v[k]);
  const n = v.needs ?? {};
  out.needs = {
    productInterests: n.productInterests ?? [],
    preferredChannel: emptyToNull(n.preferredChannel),
    preferredTime: emptyToNull(n.preferredTime),
    notes: emptyToNull(n.notes),
  };
  const cf: Record<string, unknown> = {};
  for (const def of defs) {
    const raw = v.customFields?.[def.key];
    if (raw === undefined || raw === null || raw === '') continue;
    cf[def.key] = dayjs.isDayjs(raw) ? (raw as Dayjs).format('YYYY-MM-DD') : raw;
  }
  out.customFields = cf;
  return out;
};

/** For PATCH: only what the user changed, so masked phone/email are never written back. */
export const changedOnly = (next: Record<string, unknown>, before: Record<string, unknown>) => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) {
    if (JSON.stringify(v) !== JSON.stringify(before[k])) out[k] = v;
  }
  return out;
};

/** 'customFields.contract_no' → ['customFields','contract_no']; 'tags.0' → ['tags']. */
export const fieldPath = (path: string): (string | number)[] => {
  const parts = path.split('.').filter(Boolean);
  const idx = parts.findIndex((p) => /^\d+$/.test(p));
  return idx === -1 ? parts : parts.slice(0, idx);
};
