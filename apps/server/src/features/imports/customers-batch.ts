import {
  importPatch,
  normalizeEmail,
  normalizeName,
  normalizePhone,
  profileCompleteness,
  type DedupeKey,
  type ImportValue,
} from '@steward/core';
import type { CustomerUpdate } from '@steward/contracts';
import type { Db } from '../../db/client.js';
import { customers } from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';
import { customerPolicy } from '../customers/policy.js';
import { diffCustomer } from '../customers/history.js';
import { assignByRules } from '../assignment/rules.js';
import { str, Tally, type BatchWriter, type ImportEnv, type ValidRow } from './batch.js';
import * as repo from './customers-repo.js';

type CustomerRow = typeof customers.$inferSelect;
type Values = Record<string, ImportValue>;
type Owner = { id: string; teamId: string | null };
/** Resolves the owner column of a row: an owner, null (none given), or why it cannot be used. */
export type OwnerResolver = (
  raw: string | null,
) => Owner | null | { code: 'unknown_owner' | 'owner_not_allowed'; message: string };

/** The record's fields as the import names them (owner is only used on creation). */
const asFields = (c: CustomerRow): Values => ({
  name: c.name,
  externalId: c.externalId,
  type: c.type,
  industry: c.industry,
  size: c.size,
  region: c.region,
  address: c.address,
  source: c.source,
  tier: c.tier,
  stage: c.stage,
  phone: c.phone,
  email: c.email,
  idNumber: c.idNumber,
  tags: c.tags,
  contractDate: c.contractDate,
  notes: c.needs.notes ?? null,
});

export function keyOf(key: DedupeKey, v: Values): string | null {
  switch (key) {
    case 'externalId':
      return str(v.externalId);
    case 'email':
      return normalizeEmail(str(v.email));
    case 'phone':
      return normalizePhone(str(v.phone));
    case 'name_region': {
      const name = str(v.name);
      return name ? `${normalizeName(name)}\u0001${str(v.region) ?? ''}` : null;
    }
  }
}

const rowKey = (key: DedupeKey, c: CustomerRow): string | null =>
  key === 'externalId'
    ? c.externalId
    : key === 'email'
      ? c.emailNorm
      : key === 'phone'
        ? c.phoneNorm
        : `${c.nameNorm}\u0001${c.region ?? ''}`;

/**
 * The row of a new customer. Written out property by property: on Node 20, an object literal that
 * spreads another one and then adds properties (`{ ...base, id }`) costs ~5 µs per added property,
 * which made this function ~150 µs per row, most of the server's CPU in an import (0042).
 */
function newCustomer(
  env: ImportEnv,
  v: Values,
  owner: Owner | null,
  id: string,
): typeof customers.$inferInsert {
  const s = (f: string) => str(v[f]);
  const tags = (v.tags as string[] | null) ?? [];
  const notes = s('notes');
  const needs = notes ? { notes } : {};
  const name = s('name')!;
  const industry = s('industry');
  const size = s('size');
  const region = s('region');
  const address = s('address');
  const source = s('source');
  const phone = s('phone');
  const email = s('email');
  return {
    name,
    industry,
    size,
    region,
    address,
    source,
    phone,
    email,
    orgId: env.actor.orgId,
    id,
    nameNorm: normalizeName(name),
    type: s('type') ?? 'company',
    tier: s('tier'),
    stage: s('stage') ?? 'prospect',
    ownerId: owner?.id ?? null,
    teamId: owner?.teamId ?? null,
    assignedAt: owner ? env.now : null,
    tags,
    phoneNorm: normalizePhone(phone),
    emailNorm: normalizeEmail(email),
    idNumber: s('idNumber'),
    externalId: s('externalId'),
    contractDate: s('contractDate'),
    protected: false,
    customFields: {},
    needs,
    completeness: profileCompleteness({
      name,
      industry,
      size,
      region,
      address,
      source,
      phone,
      email,
      needs,
      tags,
      contactCount: 0,
    }).score,
    createdAt: env.now,
    updatedAt: env.now,
  };
}

type Pending =
  | { kind: 'insert'; view: Values; owner: Owner | null; id: string }
  | { kind: 'update'; view: Values; existing: CustomerRow };

/** Imports a batch of customers: dedupe against the database and earlier rows, then set-based writes. */
export function customerWriter(ownerOf: OwnerResolver): BatchWriter {
  return async (tx, env, rows) => {
    const t = new Tally();
    const keys = rows.map((r) => keyOf(env.dedupeKey, r.values));
    const extIds = rows.map((r) => str(r.values.externalId)).filter((x): x is string => !!x);
    const found = await repo.findByKeys(tx, env.actor.orgId, env.dedupeKey, keys, extIds);
    const wanted = new Set(keys);
    const byKey = new Map<string, CustomerRow[]>();
    const extHolder = new Map<string, string>();
    for (const c of found) {
      const k = rowKey(env.dedupeKey, c);
      if (k && wanted.has(k)) byKey.set(k, [...(byKey.get(k) ?? []), c]);
      if (c.externalId) extHolder.set(c.externalId, c.id);
    }
    const pending = new Map<string, Pending>();
    const all: Pending[] = [];
    const keyColumn = env.dedupeKey === 'name_region' ? 'name' : env.dedupeKey;

    const applyTo = (p: Pending, r: ValidRow, first: boolean) => {
      if (!first && env.mode === 'skip') return void t.skipped++;
      const incoming = { ...r.values };
      delete incoming.owner;
      const patch =
        first && p.kind === 'insert'
          ? incoming
          : importPatch(p.view, incoming, env.mode as 'update' | 'merge');
      const ext = str(patch.externalId);
      const target = p.kind === 'insert' ? p.id : p.existing.id;
      if (ext && extHolder.has(ext) && extHolder.get(ext) !== target)
        return t.fail(
          r.row,
          'externalId',
          'external_id_taken',
          `external id "${ext}" belongs to another customer`,
        );
      if (ext) extHolder.set(ext, target);
      if (p.kind === 'insert' && first) {
        p.view = incoming;
        t.created++;
        return;
      }
      if (!Object.keys(patch).length) return void t.skipped++;
      Object.assign(p.view, patch);
      t.updated++;
    };

    rows.forEach((r, i) => {
      const k = keys[i] ?? null;
      const earlier = k ? pending.get(k) : undefined;
      if (earlier) return applyTo(earlier, r, false);
      const matches = k ? (byKey.get(k) ?? []) : [];
      if (matches.length > 1)
        return t.fail(
          r.row,
          keyColumn,
          'ambiguous_match',
          `${matches.length} customers already have this ${env.dedupeKey}`,
        );
      if (matches.length === 1) {
        const existing = matches[0]!;
        if (env.mode === 'skip') return void t.skipped++;
        if (!customerPolicy.canReach(env.actor, existing))
          return t.fail(
            r.row,
            keyColumn,
            'not_permitted',
            'a customer with this key exists outside your reach',
          );
        const p: Pending = { kind: 'update', view: asFields(existing), existing };
        if (k) pending.set(k, p);
        all.push(p);
        return applyTo(p, r, true);
      }
      const owner = ownerOf(str(r.values.owner));
      if (owner && 'code' in owner) return t.fail(r.row, 'owner', owner.code, owner.message);
      const p: Pending = { kind: 'insert', view: {}, owner, id: newId() };
      const before = t.errors.length;
      applyTo(p, r, true);
      if (t.errors.length > before) return;
      if (k) pending.set(k, p);
      all.push(p);
    });

    const inserts = all.filter((p) => p.kind === 'insert');
    if (inserts.length) {
      const values = inserts.map((p) => newCustomer(env, p.view, p.owner, p.id));
      await repo.insertCustomers(tx, values, env.actor.userId);
      const unowned = values.filter((v) => !v.ownerId).map((v) => v.id);
      if (unowned.length && env.rulesEnabled) await assignByRules(tx, env.actor, unowned, env.now);
    }
    for (const p of all) if (p.kind === 'update') await updateOne(tx, env, p.existing, p.view);
    return t.result();
  };
}

async function updateOne(tx: Db, env: ImportEnv, before: CustomerRow, view: Values) {
  const changed = importPatch(asFields(before), view, 'update');
  const { contractDate, notes, ...plain } = changed;
  const patch = { ...plain, ...(notes ? { needs: { notes: notes as string } } : {}) } as CustomerUpdate;
  const { set, changes } = diffCustomer(before, patch);
  if (contractDate !== undefined && contractDate !== before.contractDate) {
    set.contractDate = contractDate as string;
    changes.push({ field: 'contractDate', old: before.contractDate, new: contractDate });
  }
  if (!changes.length) return;
  await repo.updateCustomer(tx, env, before, set, changes);
}
