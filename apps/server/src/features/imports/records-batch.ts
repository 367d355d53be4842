import { importPatch, type ImportEntity, type ImportValue } from '@steward/core';
import type { Db } from '../../db/client.js';
import { Tally, type BatchWriter, type ImportEnv } from './batch.js';
import { resolveCustomers } from './resolve-customers.js';
import { contactSpec, interactionSpec, orderSpec } from './record-specs.js';

export type Values = Record<string, ImportValue>;
/** A record that exists already: its id, customer, fields as the import names them, and reach. */
export type Existing = { id: string; customerId: string; view: Values; reachable: boolean };
export type Item = { key: string | null; customerId: string; view: Values };

/** How one kind of customer-owned record is deduplicated and written. */
export type RecordSpec = {
  /** The dedupe key of a row (null: never a duplicate). */
  keyOf: (env: ImportEnv, customerId: string, v: Values) => string | null;
  /** Existing records with any of the keys, by key. */
  find: (tx: Db, env: ImportEnv, items: Item[]) => Promise<Map<string, Existing>>;
  insert: (tx: Db, env: ImportEnv, items: Item[]) => Promise<void>;
  update: (tx: Db, env: ImportEnv, e: Existing, patch: Values) => Promise<void>;
};

const SPECS: Record<Exclude<ImportEntity, 'customers'>, RecordSpec> = {
  contacts: contactSpec,
  orders: orderSpec,
  interactions: interactionSpec,
};

/**
 * Imports a batch of contacts, orders or interactions: finds each row's customer, dedupes
 * against existing records and earlier rows of the file, then writes set-based.
 */
export function recordWriter(entity: Exclude<ImportEntity, 'customers'>): BatchWriter {
  const spec = SPECS[entity];
  return async (tx, env, rows) => {
    const t = new Tally();
    const resolved = await resolveCustomers(tx, env.actor, rows);
    const items: (Item & { row: number; values: Values })[] = [];
    rows.forEach((r, i) => {
      const res = resolved[i]!;
      if ('code' in res) return t.fail(r.row, res.field, res.code, res.message);
      items.push({
        row: r.row,
        values: r.values,
        customerId: res.customerId,
        key: spec.keyOf(env, res.customerId, r.values),
        view: r.values,
      });
    });
    const existing = await spec.find(tx, env, items);
    const mode = env.mode === 'skip' ? 'merge' : env.mode;
    const inserts = new Map<string, Item>();
    const updates = new Map<string, { e: Existing; view: Values }>();
    let anonymous = 0;
    for (const it of items) {
      const k = it.key;
      const pendingInsert = k ? inserts.get(k) : undefined;
      const pendingUpdate = k ? updates.get(k) : undefined;
      const found = k ? existing.get(k) : undefined;
      if (pendingInsert || pendingUpdate) {
        if (env.mode === 'skip') {
          t.skipped++;
          continue;
        }
        const target = (pendingInsert ?? pendingUpdate)!;
        const patch = importPatch(target.view, it.values, mode);
        if (!Object.keys(patch).length) t.skipped++;
        else {
          Object.assign(target.view, patch);
          t.updated++;
        }
      } else if (found) {
        if (!found.reachable) {
          t.fail(
            it.row,
            'externalId',
            'external_id_taken',
            'this external id belongs to a record you cannot see',
          );
          continue;
        }
        if (env.mode === 'skip') {
          t.skipped++;
          continue;
        }
        const view = { ...found.view };
        const patch = importPatch(view, it.values, mode);
        updates.set(k!, { e: found, view: Object.assign(view, patch) });
        if (Object.keys(patch).length) t.updated++;
        else t.skipped++;
      } else {
        inserts.set(k ?? `\u0000${anonymous++}`, { ...it, view: { ...it.values } });
        t.created++;
      }
    }
    if (inserts.size) await spec.insert(tx, env, [...inserts.values()]);
    for (const { e, view } of updates.values()) {
      const patch = importPatch(e.view, view, 'update');
      if (Object.keys(patch).length) await spec.update(tx, env, e, patch);
    }
    return t.result();
  };
}
