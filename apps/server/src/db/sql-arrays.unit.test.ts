import { describe, expect, it } from 'vitest';
import { floatColumnLiteral, intColumnLiteral, numArray } from './sql-arrays.js';

describe('column literals', () => {
  it('writes integers as numArray does, over the first `length` values only', () => {
    const values = Int32Array.from([0, 7, -7, 10, 99, 100, -100, 2147483647, -2147483648, 123456, 5]);
    expect(intColumnLiteral(values, 10)).toBe(numArray(Array.from(values.subarray(0, 10))));
    expect(intColumnLiteral(values, 10)).toBe('{0,7,-7,10,99,100,-100,2147483647,-2147483648,123456}');
    expect(intColumnLiteral(values, 0)).toBe('{}');
  });

  it('grows its buffer for long columns', () => {
    const values = Int32Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 2_000_003);
    expect(intColumnLiteral(values, values.length)).toBe(numArray(Array.from(values)));
  });

  it('writes floats exactly, NaN as NULL and infinities as PostgreSQL spells them', () => {
    const values = Float64Array.from([0.1, 1 / 3, -2.5e-12, 1e21, NaN, Infinity, -Infinity, 42, 0]);
    expect(floatColumnLiteral(values, values.length)).toBe(
      '{0.1,0.3333333333333333,-2.5e-12,1e+21,NULL,Infinity,-Infinity,42,0}',
    );
    expect(floatColumnLiteral(values, 2)).toBe('{0.1,0.3333333333333333}');
  });
});
