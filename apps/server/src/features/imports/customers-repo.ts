import { and, eq, getTableColumns, getTableName, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { profileCompleteness, type DedupeKey } from '@steward/core';
import type { Db } from '../../db/client.js';
import {
  assignmentHistory,
  assignmentRules,
  contacts,
  customers,
  fieldHistory,
} from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';
import type { FieldChange } from '../customers/history.js';
import type { ImportEnv } from './batch.js';

type CustomerRow = typeof customers.$inferSelect;

/** Live customers of the organization that share the dedupe key, or the external id, with a batch. */
export async function findByKeys(
  db: Db,
  orgId: string,
  key: DedupeKey,
  keys: (string | null)[],
  externalIds: string[],
): Promise<CustomerRow[]> {
  const wanted = [...new Set(keys.filter((k): k is string => !!k))];
  const ors: SQL[] = [];
  if (wanted.length) {
    if (key === 'externalId') ors.push(inArray(customers.externalId, wanted));
    else if (key === 'email') ors.push(inArray(customers.emailNorm, wanted));
    else if (key === 'phone') ors.push(inArray(customers.phoneNorm, wanted));
    else {
      const pairs = wanted.map((k) => k.split('\u0001'));
      ors.push(
        sql`(${customers.nameNorm}, coalesce(${customers.region}, '')) in (${sql.join(
          pairs.map(([n, r]) => sql`(${n}, ${r ?? ''})`),
          sql`, `,
        )})`,
      );
    }
  }
  const ext = [...new Set(externalIds)];
  if (ext.length && key !== 'externalId') ors.push(inArray(customers.externalId, ext));
  if (!ors.length) return [];
  return db
    .select()
    .from(customers)
    .where(and(eq(customers.orgId, orgId), isNull(customers.deletedAt), or(...ors)));
}

/**
 * Inserts many rows as one statement with one parameter: the rows as a JSON array, expanded by
 * json_populate_recordset. Binding tens of thousands of parameters costs more than the insert
 * itself; this keeps a batch of 1,000 customers one cheap round trip. Every row must carry the
 * same keys (the columns written; the others take their defaults).
 */
export async function insertJsonRows<T extends PgTable>(db: Db, table: T, rows: T['$inferInsert'][]) {
  if (!rows.length) return;
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key in rows[0]!);
  const json = rows.map((r) => {
    const o: Record<string, unknown> = {};
    for (const [key, col] of columns) {
      const v = (r as Record<string, unknown>)[key];
      o[col.name] = v instanceof Date ? v.toISOString() : v;
    }
    return o;
  });
  const names = sql.raw(columns.map(([, c]) => `"${c.name}"`).join(', '));
  const name = sql.raw(`"${getTableName(table)}"`);
  await db.execute(
    sql`insert into ${name} (${names}) select ${names} from json_populate_recordset(null::${name}, ${JSON.stringify(json)}::json)`,
  );
}

/** Whether any enabled assignment rule could place an unowned customer. */
export async function hasEnabledRules(db: Db, orgId: string): Promise<boolean> {
  const rows = await db
    .select({ id: assignmentRules.id })
    .from(assignmentRules)
    .where(and(eq(assignmentRules.orgId, orgId), eq(assignmentRules.enabled, true)))
    .limit(1);
  return rows.length > 0;
}

/** One insert of new customers, with the creation entry of those that have an owner. */
export async function insertCustomers(db: Db, rows: (typeof customers.$inferInsert)[], actorId: string) {
  await insertJsonRows(db, customers, rows);
  const owned = rows.filter((r) => r.ownerId);
  if (owned.length)
    await insertJsonRows(
      db,
      assignmentHistory,
      owned.map((r) => ({
        orgId: r.orgId,
        id: newId(),
        customerId: r.id,
        kind: 'create',
        fromUserId: null,
        toUserId: r.ownerId!,
        actorId,
        at: r.createdAt!,
      })),
    );
}

/** Updates one customer from an import row, with its field history and completeness. */
export async function updateCustomer(
  db: Db,
  env: ImportEnv,
  before: CustomerRow,
  set: Partial<typeof customers.$inferInsert>,
  changes: FieldChange[],
) {
  const [{ n } = { n: 0 }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(contacts)
    .where(and(eq(contacts.orgId, before.orgId), eq(contacts.customerId, before.id)));
  set.completeness = profileCompleteness({ ...before, ...set, contactCount: n } as Parameters<
    typeof profileCompleteness
  >[0]).score;
  set.updatedAt = env.now;
  await db
    .update(customers)
    .set(set)
    .where(and(eq(customers.orgId, before.orgId), eq(customers.id, before.id)));
  await db.insert(fieldHistory).values(
    changes.map((c) => ({
      orgId: before.orgId,
      id: newId(),
      entity: 'customer',
      entityId: before.id,
      field: c.field,
      oldValue: c.old,
      newValue: c.new,
      actorId: env.actor.userId,
      at: env.now,
    })),
  );
}
