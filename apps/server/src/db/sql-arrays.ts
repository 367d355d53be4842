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

const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * `v` rounded to `decimals` places as fixedColumnLiteral writes it (halves away from zero): what
 * PostgreSQL stores for it, for a caller that must sum exactly what was written.
 */
export function roundedAsWritten(v: number, decimals: number): number {
  const scale = POW10[decimals]!;
  if (!(Math.abs(v) < 2 ** 53 / scale)) return v;
  const scaled = Math.round(Math.abs(v) * scale);
  return scaled === 0 ? 0 : (v < 0 ? -scaled : scaled) / scale;
}

/** Writes the non-negative integer `v` (< 2^53) in decimal at `p`; returns the next position. */
function writeInteger(out: Buffer, p: number, v: number): number {
  const start = p;
  do {
    const q = Math.floor(v / 10);
    out[p++] = 48 + (v - q * 10);
    v = q;
  } while (v > 0);
  for (let a = start, b = p - 1; a < b; a++, b--) {
    const t = out[a]!;
    out[a] = out[b]!;
    out[b] = t;
  }
  return p;
}

/**
 * A PostgreSQL array literal (`float8[]`, or `int[]` with 0 decimals) of the first `length`
 * numbers of `values`, each rounded to `decimals` places (at most 12) and written digit by digit
 * into one buffer, without the trailing zeros; NaN is NULL. Numbers too large for the rounding to be exact, and infinities, are written
 * as JavaScript prints them. For the value-refresh job's scores (decision 0071): a probability to
 * 1e-12, an amount to a millionth of a currency unit — far below what the models can tell apart —
 * without formatting a string per number.
 */
export function fixedColumnLiteral(values: ArrayLike<number>, length: number, decimals: number): string {
  if (!(decimals >= 0 && decimals <= 12 && Number.isInteger(decimals)))
    throw new RangeError('fixedColumnLiteral: decimals must be a whole number 0–12');
  const scale = POW10[decimals]!;
  const limit = 2 ** 53 / scale;
  // '{', '}' and per value at most 25 characters (a fallback such as '-1.2345678901234567e+300') and a comma.
  if (digits.length < length * 26 + 2) digits = Buffer.allocUnsafe(length * 26 + 2);
  const out = digits;
  let p = 0;
  out[p++] = 123; // {
  for (let i = 0; i < length; i++) {
    if (i > 0) out[p++] = 44; // ,
    const v = values[i]!;
    if (Number.isNaN(v)) p += out.write('NULL', p, 'latin1');
    else if (!(Math.abs(v) < limit))
      p += out.write(v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : String(v), p, 'latin1');
    else {
      const scaled = Math.round(Math.abs(v) * scale);
      if (scaled === 0) {
        out[p++] = 48;
        continue;
      }
      if (v < 0) out[p++] = 45; // -
      let whole = Math.floor(scaled / scale);
      let frac = scaled - whole * scale;
      if (frac < 0) {
        whole -= 1;
        frac += scale;
      }
      p = writeInteger(out, p, whole);
      if (frac > 0) {
        out[p++] = 46; // .
        for (let k = decimals - 1; k >= 0 && frac > 0; k--) {
          const digit = Math.floor(frac / POW10[k]!);
          out[p++] = 48 + digit;
          frac -= digit * POW10[k]!;
        }
      }
    }
  }
  out[p++] = 125; // }
  return out.toString('latin1', 0, p);
}
