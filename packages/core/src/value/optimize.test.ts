import { describe, expect, it } from 'vitest';
import { nelderMead } from './optimize.js';

describe('nelderMead', () => {
  it.each<[string, (x: number[]) => number, number[], number[]]>([
    ['quadratic bowl', (x) => (x[0]! - 3) ** 2 + 10 * (x[1]! + 1) ** 2, [0, 0], [3, -1]],
    ['Rosenbrock', (x) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2, [-1.2, 1], [1, 1]],
    ['4-d shifted sphere', (x) => x.reduce((s, v, i) => s + (v - i) ** 2, 0), [5, 5, 5, 5], [0, 1, 2, 3]],
  ])('finds the minimum of the %s', (_name, f, x0, want) => {
    const r = nelderMead(f, x0);
    expect(r.converged).toBe(true);
    r.x.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 4));
  });
  it('treats non-finite values as +∞', () => {
    const r = nelderMead((x) => (x[0]! <= 0 ? NaN : (Math.log(x[0]!) - 1) ** 2), [1]);
    expect(r.x[0]).toBeCloseTo(Math.E, 4);
  });
});
