import { and, inArray, or, type SQL } from 'drizzle-orm';
import { normalizeEmail, normalizeName, normalizePhone, type ImportErrorCode } from '@steward/core';
import type { Db } from '../../db/client.js';
import { customers } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { customerScope } from '../../platform/scope.js';
import { str, type ValidRow } from './batch.js';

type Ref = { field: string; kind: 'ext' | 'phone' | 'email' | 'name'; value: string };
export type Resolved = { customerId: string } | { field: string; code: ImportErrorCode; message: string };

/** The customer reference a row gives: its first non-empty of external id, phone, e-mail, name. */
function refOf(v: ValidRow['values']): Ref | null {
  const ext = str(v.customerExternalId);
  if (ext) return { field: 'customerExternalId', kind: 'ext', value: ext };
  const phone = normalizePhone(str(v.customerPhone));
  if (phone) return { field: 'customerPhone', kind: 'phone', value: phone };
  const email = normalizeEmail(str(v.customerEmail));
  if (email) return { field: 'customerEmail', kind: 'email', value: email };
  const name = str(v.customerName);
  if (name) return { field: 'customerName', kind: 'name', value: normalizeName(name) };
  return null;
}

/**
 * Finds the customer of each row among those the importing user may see (others are unknown to
 * them, as elsewhere: 404, not 403), with one query per batch.
 */
export async function resolveCustomers(db: Db, actor: Actor, rows: ValidRow[]): Promise<Resolved[]> {
  const refs = rows.map((r) => refOf(r.values));
  const of = (kind: Ref['kind']) => [...new Set(refs.filter((r) => r?.kind === kind).map((r) => r!.value))];
  const ors: SQL[] = [];
  if (of('ext').length) ors.push(inArray(customers.externalId, of('ext')));
  if (of('phone').length) ors.push(inArray(customers.phoneNorm, of('phone')));
  if (of('email').length) ors.push(inArray(customers.emailNorm, of('email')));
  if (of('name').length) ors.push(inArray(customers.nameNorm, of('name')));
  const found = ors.length
    ? await db
        .select({
          id: customers.id,
          ext: customers.externalId,
          phone: customers.phoneNorm,
          email: customers.emailNorm,
          name: customers.nameNorm,
        })
        .from(customers)
        .where(and(customerScope(actor), or(...ors)))
    : [];
  const index = new Map<string, string[]>();
  const add = (k: string, id: string) => index.set(k, [...(index.get(k) ?? []), id]);
  for (const c of found) {
    if (c.ext) add(`ext:${c.ext}`, c.id);
    if (c.phone) add(`phone:${c.phone}`, c.id);
    if (c.email) add(`email:${c.email}`, c.id);
    add(`name:${c.name}`, c.id);
  }
  return refs.map((ref) => {
    if (!ref)
      return { field: 'customerName', code: 'required', message: 'the customer of this row is not given' };
    const ids = [...new Set(index.get(`${ref.kind}:${ref.value}`) ?? [])];
    if (ids.length === 1) return { customerId: ids[0]! };
    if (ids.length === 0)
      return {
        field: ref.field,
        code: 'unknown_customer',
        message: 'no customer you can see matches this value',
      };
    return {
      field: ref.field,
      code: 'ambiguous_customer',
      message: `${ids.length} customers match this value`,
    };
  });
}
