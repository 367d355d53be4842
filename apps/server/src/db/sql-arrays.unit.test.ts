import { describe, expect, it } from 'vitest';
import { fixedColumnLiteral, numArray, roundedAsWritten } from './sql-arrays.js';

describe('fixedColumnLiteral with 0 decimals (int[] columns)', () => {
  it('writes integers as numArray does, over the first `length` values only', () => {
    const values = Int32Array.from([0, 7, -7, 10, 99, 100, -100, 2147483647, -2147483648, 123456, 5]);
    expect(fixedColumnLiteral(values, 10, 0)).toBe(numArray(Array.from(values.subarray(0, 10))));
    expect(fixedColumnLiteral(values, 10, 0)).toBe('{0,7,-7,10,99,100,-100,2147483647,-2147483648,123456}');
    expect(fixedColumnLiteral(values, 0, 0)).toBe('{}');
  });

  it('grows its buffer for long columns', () => {
    const values = Int32Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 2_000_003);
    expect(fixedColumnLiteral(values, values.length, 0)).toBe(numArray(Array.from(values)));
  });
});

describe('fixedColumnLiteral', () => {
  const parse = (literal: string) =>
    literal
      .slice(1, -1)
      .split(',')
      .map((x) => (x === 'NULL' ? null : Number(x)));

  it('writes each number rounded to its decimals, without trailing zeros', () => {
    const values = Float64Array.from([
      0,
      1,
      -1,
      0.5,
      123.45,
      -0.000_000_4,
      0.999_999_999_999_9,
      1 / 3,
      1e-13,
      2.5e-7,
    ]);
    expect(fixedColumnLiteral(values, values.length, 6)).toBe('{0,1,-1,0.5,123.45,0,1,0.333333,0,0}');
    expect(fixedColumnLiteral(values, values.length, 12)).toBe(
      '{0,1,-1,0.5,123.45,-0.0000004,1,0.333333333333,0,0.00000025}',
    );
  });

  it('is within half a unit of the last place of every number, and exact for amounts in cents', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const values = Float64Array.from({ length: 20_000 }, (_, i) =>
      i % 3 === 0 ? Math.round(random() * 1e9) / 100 : (random() - 0.3) * 10 ** Math.floor(random() * 12 - 4),
    );
    for (const decimals of [2, 6, 12]) {
      const got = parse(fixedColumnLiteral(values, values.length, decimals));
      values.forEach((v, i) => {
        const limit = 2 ** 53 / 10 ** decimals;
        if (Math.abs(v) >= limit) expect(got[i]).toBe(v);
        else
          expect(Math.abs(got[i]! - v)).toBeLessThanOrEqual(
            0.5 * 10 ** -decimals * (1 + 1e-9) + Math.abs(v) * 1e-15,
          );
        if (i % 3 === 0) expect(got[i]).toBe(v); // cents: exact at 2, 6 or 12 places
      });
    }
  });

  it('writes NULL for NaN, and large numbers and infinities as JavaScript prints them', () => {
    const values = Float64Array.from([NaN, Infinity, -Infinity, 1e300, -123456789012.5]);
    expect(fixedColumnLiteral(values, values.length, 6)).toBe(
      '{NULL,Infinity,-Infinity,1e+300,-123456789012.5}',
    );
    expect(() => fixedColumnLiteral(values, 1, 13)).toThrow(RangeError);
  });
});

describe('roundedAsWritten', () => {
  it('is the number fixedColumnLiteral writes', () => {
    const values = Float64Array.from([1234.5678915, 0.0000005, -0.0000005, 2 / 3, 1e12 + 0.3, 7]);
    const written = fixedColumnLiteral(values, values.length, 6).slice(1, -1).split(',').map(Number);
    expect(Array.from(values, (v) => roundedAsWritten(v, 6))).toEqual(written);
  });
});
