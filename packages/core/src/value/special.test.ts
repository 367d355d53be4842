import { describe, expect, it } from 'vitest';
import { hyp2f1, lnBeta, lnGamma, logAddExp } from './special.js';

describe('lnGamma', () => {
  it.each([
    [1, 0],
    [2, 0],
    [0.5, 0.5 * Math.log(Math.PI)],
    [5, Math.log(24)],
    [10.5, Math.log(1133278.3889487856)],
    [0.1, 2.252712651734206],
    [171, 706.5730622457874],
  ])('lnΓ(%d) = %d', (x, want) => expect(lnGamma(x)).toBeCloseTo(want, 10));
  it('is NaN for x ≤ 0', () => expect(lnGamma(0)).toBeNaN());
  it('lnB(2, 3) = ln(1/12)', () => expect(lnBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 12));
});

describe('hyp2f1', () => {
  it.each([0, 0.1, 0.5, 0.9, 0.99])('2F1(1, 1; 2; %d) = −ln(1−z)/z', (z) =>
    expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(z === 0 ? 1 : -Math.log(1 - z) / z, 10),
  );
  it.each([0.2, 0.7, 0.95])('2F1(a, b; b; z) = (1−z)^−a at z = %d', (z) =>
    expect(hyp2f1(2.3, 1.7, 1.7, z)).toBeCloseTo(Math.pow(1 - z, -2.3), 8),
  );
  it('refuses z outside [0, 1)', () => expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError));
  it('accepts a negative, non-integer c (BG/NBD with a + b < 1 and x = 0)', () => {
    // 2F1(a, b; b; z) = (1 − z)^(−a) for any b that is not a non-positive integer.
    for (const z of [0, 0.2, 0.7, 0.95])
      expect(hyp2f1(2.3, -0.4, -0.4, z)).toBeCloseTo(Math.pow(1 - z, -2.3), 8);
    // A & S 15.1.8 with b = c: 2F1(a, c; c; z) holds for c = −1.5 too.
    expect(hyp2f1(0.7, -1.5, -1.5, 0.5)).toBeCloseTo(Math.pow(0.5, -0.7), 10);
  });
  it('refuses c at a pole (0, −1, −2, …)', () => {
    expect(() => hyp2f1(1, 1, 0, 0.5)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(RangeError);
  });
});

describe('logAddExp', () => {
  it('adds in log space without overflow', () => {
    expect(logAddExp(Math.log(2), Math.log(3))).toBeCloseTo(Math.log(5), 14);
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.log(2), 10);
    expect(logAddExp(-Infinity, 0)).toBe(0);
  });
});
