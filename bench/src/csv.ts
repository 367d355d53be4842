/**
 * CSV encoding for PostgreSQL `COPY … FROM STDIN (FORMAT csv)`, driven by the Drizzle table
 * definitions so the column list can never drift from the schema.
 */

/** The subset of a Drizzle column object this file reads. */
type ColumnLike = { name: string; columnType: string; notNull: boolean; hasDefault: boolean };

export type CopyColumn = {
  key: string;
  name: string;
  columnType: string;
  notNull: boolean;
  hasDefault: boolean;
};

const isColumn = (v: unknown): v is ColumnLike =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as ColumnLike).name === 'string' &&
  typeof (v as ColumnLike).columnType === 'string';

/** Every column of a Drizzle table, in declaration order: property key (camelCase) and SQL name. */
export function columnsOf(table: object): CopyColumn[] {
  return Object.entries(table)
    .filter((entry): entry is [string, ColumnLike] => isColumn(entry[1]))
    .map(([key, c]) => ({
      key,
      name: c.name,
      columnType: c.columnType,
      notNull: c.notNull,
      hasDefault: c.hasDefault,
    }));
}

/**
 * The columns to COPY for rows shaped like `sample`: every column of the table except NOT NULL
 * columns with a default that the builders leave out (COPY cannot write DEFAULT).
 */
export function copyColumnsFor(table: object, sample: Record<string, unknown>): CopyColumn[] {
  return columnsOf(table).filter((c) => !(sample[c.key] === undefined && c.notNull && c.hasDefault));
}

/** Quotes a CSV field: wrapped in double quotes, inner quotes doubled (so '' is an empty string, not NULL). */
const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** A PostgreSQL array literal of text: {"a","b"} with backslashes and quotes escaped. */
export const pgTextArray = (items: readonly unknown[]): string =>
  `{${items
    .map((x) =>
      x === null || x === undefined ? 'NULL' : `"${String(x).replace(/[\\"]/g, (m) => `\\${m}`)}"`,
    )
    .join(',')}}`;

/** One value as a CSV field; NULL is the empty unquoted field. */
export function csvField(col: CopyColumn, value: unknown): string {
  if (value === null || value === undefined) {
    if (col.notNull) throw new Error(`Column ${col.name} is NOT NULL but the builder gave ${String(value)}.`);
    return '';
  }
  if (col.columnType === 'PgJsonb' || col.columnType === 'PgJson') return quote(JSON.stringify(value));
  if (col.columnType === 'PgArray') return quote(pgTextArray(value as unknown[]));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return quote(String(value));
}

/** One row as a CSV line (with the trailing newline). */
export function csvLine(cols: readonly CopyColumn[], row: Record<string, unknown>): string {
  let out = '';
  for (let i = 0; i < cols.length; i++) {
    const col = cols[i]!;
    if (i > 0) out += ',';
    out += csvField(col, row[col.key]);
  }
  return out + '\n';
}

/** `COPY table (cols…) FROM STDIN (FORMAT csv)` for the given columns. */
export const copySql = (table: string, cols: readonly CopyColumn[]): string =>
  `COPY ${table} (${cols.map((c) => `"${c.name}"`).join(', ')}) FROM STDIN (FORMAT csv)`;
