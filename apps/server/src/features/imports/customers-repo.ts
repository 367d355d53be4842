import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { and, eq, getTableColumns, getTableName, isNull, or, sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
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
  // Arrays travel as one parameter each: a batch of thousands of keys is one cheap statement.
  const wanted = [...new Set(keys.filter((k): k is string => !!k))];
  const ors: SQL[] = [];
  const list = (values: string[]) => sql`${sql.param(values)}::text[]`;
  if (wanted.length) {
    if (key === 'externalId') ors.push(sql`${customers.externalId} = any(${list(wanted)})`);
    else if (key === 'email') ors.push(sql`${customers.emailNorm} = any(${list(wanted)})`);
    else if (key === 'phone') ors.push(sql`${customers.phoneNorm} = any(${list(wanted)})`);
    else {
      const pairs = wanted.map((k) => k.split('\u0001'));
      ors.push(
        sql`(${customers.nameNorm}, coalesce(${customers.region}, '')) in (select * from unnest(${list(
          pairs.map(([n]) => n ?? ''),
        )}, ${list(pairs.map(([, r]) => r ?? ''))}))`,
      );
    }
  }
  const ext = [...new Set(externalIds)];
  if (ext.length && key !== 'externalId') ors.push(sql`${customers.externalId} = any(${list(ext)})`);
  if (!ors.length) return [];
  return db
    .select()
    .from(customers)
    .where(and(eq(customers.orgId, orgId), isNull(customers.deletedAt), or(...ors)));
}

/** The node-postgres client a transaction runs on (for COPY), or null on PGlite. */
export function pgClientOf(db: Db): pg.ClientBase | null {
  const client = (db as unknown as { session?: { client?: unknown } }).session?.client;
  return client instanceof pg.Client ? client : null;
}

/** Quotes a CSV field for COPY: wrapped in double quotes, inner quotes doubled ('' is '', not NULL). */
const quote = (s: string): string => (s.includes('"') ? `"${s.replace(/"/g, '""')}"` : `"${s}"`);

/** A PostgreSQL array literal of text: {"a","b"} with backslashes and quotes escaped. */
const pgTextArray = (items: readonly unknown[]): string =>
  `{${items
    .map((x) =>
      x === null || x === undefined ? 'NULL' : `"${String(x).replace(/[\\"]/g, (m) => `\\${m}`)}"`,
    )
    .join(',')}}`;

/** One value as a field of COPY … (FORMAT csv); NULL is the empty unquoted field. */
function copyField(columnType: string, v: unknown): string {
  if (v === null || v === undefined) return '';
  if (columnType === 'PgJsonb' || columnType === 'PgJson') return quote(JSON.stringify(v));
  if (columnType === 'PgArray') return quote(pgTextArray(v as unknown[]));
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return quote(String(v));
}

/** Writes rows with `COPY … FROM STDIN (FORMAT csv)` on the transaction's own connection. */
async function copyRows(
  client: pg.ClientBase,
  tableName: string,
  columns: [string, { name: string; columnType: string }][],
  rows: Record<string, unknown>[],
) {
  const names = columns.map(([, c]) => `"${c.name}"`).join(', ');
  const stream = client.query(copyFrom(`COPY "${tableName}" (${names}) FROM STDIN (FORMAT csv)`));
  const parts: string[] = [];
  let size = 0;
  async function* chunks() {
    for (const r of rows) {
      let line = '';
      for (let i = 0; i < columns.length; i++) {
        const [key, col] = columns[i]!;
        if (i > 0) line += ',';
        line += copyField(col.columnType, r[key]);
      }
      parts.push(line, '\n');
      size += line.length;
      if (size >= 256 * 1024) {
        yield parts.splice(0).join('');
        size = 0;
      }
    }
    if (parts.length) yield parts.splice(0).join('');
  }
  await pipeline(Readable.from(chunks()), stream);
}

/**
 * Inserts many rows as one statement: `COPY` on PostgreSQL; on PGlite (no COPY from a client
 * stream) one parameter holding the rows as a JSON array, expanded by json_populate_recordset.
 * Binding tens of thousands of parameters costs more than the insert itself. Every row must carry
 * the same keys (the columns written; the others take their defaults).
 */
export async function insertJsonRows<T extends PgTable>(db: Db, table: T, rows: T['$inferInsert'][]) {
  if (!rows.length) return;
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key in rows[0]!);
  const client = pgClientOf(db);
  if (client) return copyRows(client, getTableName(table), columns, rows as Record<string, unknown>[]);
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
