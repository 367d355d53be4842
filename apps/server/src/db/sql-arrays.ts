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

let digits = Buffer.allocUnsafe(1 << 16);

/**
 * A PostgreSQL `int[]` literal of the first `length` integers of `values`, written digit by digit
 * into one buffer (no string per value: the value-refresh job writes millions of them a night).
 */
export function intColumnLiteral(values: Int32Array, length: number): string {
  // '{', '}' and per value at most 11 characters ('-2147483648') and a comma.
  if (digits.length < length * 12 + 2) digits = Buffer.allocUnsafe(length * 12 + 2);
  const out = digits;
  let p = 0;
  out[p++] = 123; // {
  for (let i = 0; i < length; i++) {
    if (i > 0) out[p++] = 44; // ,
    let v = values[i]!;
    if (v < 0) {
      out[p++] = 45; // -
      v = -v; // exact: |v| ≤ 2^31 is a safe number
    }
    const start = p;
    do {
      out[p++] = 48 + (v % 10);
      v = Math.floor(v / 10);
    } while (v > 0);
    for (let a = start, b = p - 1; a < b; a++, b--) {
      const t = out[a]!;
      out[a] = out[b]!;
      out[b] = t;
    }
  }
  out[p++] = 125; // }
  return out.toString('latin1', 0, p);
}

/** A PostgreSQL `float8[]` literal of the first `length` numbers of `values`; NaN is NULL. */
export function floatColumnLiteral(values: Float64Array, length: number): string {
  let s = '{';
  for (let i = 0; i < length; i++) {
    const v = values[i]!;
    if (i > 0) s += ',';
    s += Number.isNaN(v) ? 'NULL' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : String(v);
  }
  return s + '}';
}
