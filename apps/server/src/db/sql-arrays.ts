/**
 * PostgreSQL array parameters: one text literal bound as a single parameter and cast, so that a
 * query takes thousands of values without thousands of placeholders.
 */
import { sql, type SQL } from 'drizzle-orm';

/** A PostgreSQL array literal of numbers (null → NULL; NaN and ±Infinity as PostgreSQL spells them). */
export function numArray(values: ArrayLike<number | null>): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    parts[i] =
      v === null || v === undefined
        ? 'NULL'
        : Number.isFinite(v)
          ? String(v)
          : Number.isNaN(v)
            ? 'NaN'
            : v > 0
              ? 'Infinity'
              : '-Infinity';
  }
  return `{${parts.join(',')}}`;
}

/**
 * A PostgreSQL array literal of identifiers, codes, dates, ISO instants or uuids (no quoting
 * needed: none holds a comma, brace, quote or space; null → NULL).
 */
export function wordArray(values: readonly (string | number | bigint | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : String(v))).join(',')}}`;
}

/** A `uuid[]` parameter. */
export const uuidArray = (ids: readonly string[]): SQL => sql`${wordArray(ids)}::uuid[]`;
