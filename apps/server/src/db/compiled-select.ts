/**
 * Hot reads with their fixed part compiled once (docs/decisions/0068-compiled-list-read.md).
 *
 * Drizzle's query builder, on every call, turns each selected column into quoted SQL text and then
 * maps every cell of the answer through a generic mapper that checks the kind of each field. For a
 * list of 50 rows × 26 columns that was ~13 % of the server's CPU per request. Here the SELECT
 * list (and anything else that never changes) is compiled to SQL text at module load, a request
 * builds only its own WHERE, ORDER BY and LIMIT, and rows are mapped by one generated object
 * literal over the columns' own decoders. The statement still goes through Drizzle's session
 * (`session.prepareQuery` with a result mapper: a public method of PgSession, whose argument order
 * is why drizzle-orm stays pinned), so it runs the same way on PGlite and node-postgres, inside a
 * transaction or not, with Drizzle's type parsing. The dialect is Drizzle's default one: the
 * databases are opened without a `casing` option (db/client.ts).
 */
import { sql, type Column, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Db } from './client.js';

const dialect = new PgDialect();

/**
 * SQL that never changes, compiled to text once. It must not bind parameters: they would be
 * numbered from $1 again in every statement it is part of.
 */
export function compiledText(fixed: SQL): SQL {
  const { sql: text, params } = dialect.sqlToQuery(fixed);
  if (params.length) throw new Error(`compiledText: fixed SQL binds ${params.length} parameter(s): ${text}`);
  return sql.raw(text);
}

type Fields = Record<string, Column>;
export type RowOf<F extends Fields> = {
  [K in keyof F]: F[K]['_']['notNull'] extends true ? F[K]['_']['data'] : F[K]['_']['data'] | null;
};

/** A select list: its columns' SQL (`qualifier`.`column`, in order) and the mapper of its rows. */
export type Selection<F extends Fields> = {
  /** The select list as fixed SQL text. */
  list: SQL;
  /** Array-mode row → object keyed like the fields, each cell through its column's decoder. */
  map: (row: unknown[]) => RowOf<F>;
};

/**
 * Compiles a flat select list. `qualify` names the relation each column is read from (a table or
 * a subquery alias); by default its own table. A column read through a left join may be null
 * although its table says not null: the caller's row type must say so.
 */
export function compiledSelection<F extends Fields>(
  fields: F,
  qualify?: (column: Column) => string | undefined,
): Selection<F> {
  const keys = Object.keys(fields);
  for (const k of keys)
    if (!/^[A-Za-z_$][\w$]*$/.test(k) || k === '__proto__')
      throw new Error(`compiledSelection: ${JSON.stringify(k)} is not a plain field name`);
  const columns = keys.map((k) => fields[k]!);
  const list = compiledText(
    sql.join(
      columns.map((c) => {
        const relation = qualify?.(c);
        return relation ? sql`${sql.identifier(relation)}.${sql.identifier(c.name)}` : sql`${c}`;
      }),
      sql`, `,
    ),
  );
  // The mapper is generated as one object literal, so every row gets the same shape at once
  // (a loop of keyed stores makes V8 walk a shape transition per column, per row). The source
  // holds only column indexes and the select list's keys (checked above), never input.
  const decoders = columns.map(
    (c) => (v: unknown) => (v === null || v === undefined ? null : c.mapFromDriverValue(v)),
  );
  const body = keys.map((k, i) => `${JSON.stringify(k)}: d[${i}](r[${i}])`).join(',\n');
  const map = new Function('d', `return (r) => ({\n${body}\n});`)(decoders) as (row: unknown[]) => RowOf<F>;
  return { list, map };
}

/** Runs a statement whose select list is `sel` and maps its rows (PGlite or node-postgres). */
export async function runSelection<F extends Fields>(db: Db, query: SQL, sel: Selection<F>) {
  const mapRows = (rows: unknown[][]) => rows.map(sel.map);
  return db._.session
    .prepareQuery<{ execute: RowOf<F>[]; all: unknown; values: unknown }>(
      dialect.sqlToQuery(query),
      undefined,
      undefined,
      true,
      mapRows,
    )
    .execute();
}
