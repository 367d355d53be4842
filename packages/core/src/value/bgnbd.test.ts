import { describe, expect, it } from 'vitest';
import { loadCdnow } from '../../test-support/cdnow.js';
import { simulateBgNbd } from '../../test-support/simulate.js';
import { buildSummary } from './summary.js';
import { lnGamma } from './special.js';
import {
  bgNbdConditionalExpected,
  bgNbdExpectedNew,
  bgNbdLogLikelihood,
  bgNbdLogLikelihoodOne,
  bgNbdProbabilityAlive,
  fitBgNbd,
} from './bgnbd.js';

const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const summary = buildSummary(loadCdnow(), '1997-09-30', 'week');

describe('summary of CDNOW (shared/data/README.md)', () => {
  it('gives the published counts', () => {
    expect(summary.length).toBe(2357);
    expect(summary.reduce((s, c) => s + c.x, 0)).toBe(2457);
    expect(summary.filter((c) => c.x === 0).length).toBe(1411);
    const repeat = summary.filter((c) => c.x > 0);
    expect(repeat.length).toBe(946);
    const meanSpend = repeat.reduce((s, c) => s + c.monetary, 0) / repeat.length;
    expect(meanSpend).toBeCloseTo(35.08, 2);
  });
  it('measures T from the first purchase to the end of calibration in weeks', () => {
    const c1 = summary.find((c) => c.customerId === '0001')!;
    expect(c1.T).toBeCloseTo(272 / 7, 10); // 1997-01-01 → 1997-09-30
  });
});

describe('BG/NBD on CDNOW', () => {
  it('log-likelihood at the published parameters is −9582.4', () => {
    expect(bgNbdLogLikelihood(published, summary)).toBeCloseTo(-9582.4, 0);
  });
  it('fit reproduces r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4', { timeout: 30_000 }, () => {
    const started = performance.now();
    const fit = fitBgNbd(summary);
    const ms = performance.now() - started;
    console.info(`BG/NBD CDNOW fit: ${JSON.stringify(fit)} in ${ms.toFixed(0)} ms`);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      const got = fit.params[k];
      const want = published[k];
      expect(Math.abs(got - want) <= 0.01 || Math.abs(got / want - 1) <= 0.02, `${k}=${got}`).toBe(true);
    }
    expect(Math.abs(fit.logLikelihood + 9582.4)).toBeLessThan(0.5);
    expect(fit.converged).toBe(true);
  });
});

describe('BG/NBD hand-checked values', () => {
  it.each([
    [{ x: 0, tx: 0, T: 38.86 }, 1],
    [{ x: 0, tx: 0, T: 1 }, 1],
  ])('P(alive | %o) = %d', (c, want) => expect(bgNbdProbabilityAlive(published, c)).toBe(want));
  it('P(alive) by hand for x = 2, t_x = 30.43, T = 38.86', () => {
    const { r, alpha, a, b } = published;
    const want = 1 / (1 + (a / (b + 1)) * ((alpha + 38.86) / (alpha + 30.43)) ** (r + 2));
    expect(bgNbdProbabilityAlive(published, { x: 2, tx: 30.43, T: 38.86 })).toBeCloseTo(want, 12);
  });
  it('E[Y(39)] for x = 2, t_x = 30.43, T = 38.86 is about 1.226 (FHL 2005, lifetimes docs)', () => {
    expect(bgNbdConditionalExpected(published, { x: 2, tx: 30.43, T: 38.86 }, 39)).toBeCloseTo(1.226, 3);
  });
  it('a new customer (x = 0, T → 0) expects E[X(t)]', () => {
    const t = 52;
    const cond = bgNbdConditionalExpected(published, { x: 0, tx: 0, T: 0 }, t);
    expect(cond).toBeCloseTo(bgNbdExpectedNew(published, t), 10);
    expect(bgNbdExpectedNew(published, 0)).toBe(0);
  });
  it('expected purchases grow with the horizon', () => {
    const c = { x: 3, tx: 20, T: 30 };
    const ys = [1, 10, 52, 104, 520].map((t) => bgNbdConditionalExpected(published, c, t));
    for (let i = 1; i < ys.length; i++) expect(ys[i]!).toBeGreaterThan(ys[i - 1]!);
  });
});

describe('BG/NBD recovers simulated parameters', () => {
  // 20,000 simulated customers observed 1–3 years (weeks); the fit must beat the truth's
  // likelihood (the optimiser found the maximum) and land within 12% of every true parameter.
  it.each([
    [{ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 1],
    [{ r: 0.8, alpha: 10, a: 1.5, b: 4 }, 2],
    [{ r: 2, alpha: 20, a: 0.5, b: 5 }, 3],
  ])('truth %o (seed %d)', { timeout: 30_000 }, (truth, seed) => {
    const data = simulateBgNbd(truth, 20_000, 52, 156, seed);
    const fit = fitBgNbd(data);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdLogLikelihood(truth, data));
    // The optimiser's grouped evaluator computes the sum of the one-customer formula.
    const one = data.reduce((sum, c) => sum + bgNbdLogLikelihoodOne(fit.params, c), 0);
    expect(fit.logLikelihood / one - 1).toBeCloseTo(0, 12);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit.params[k] / truth[k] - 1), `${k}=${fit.params[k]}`).toBeLessThan(0.12);
    }
  });
});

describe('one-customer and summed log-likelihood agree', () => {
  it('on CDNOW', () => {
    const one = summary.reduce((s, c) => s + bgNbdLogLikelihoodOne(published, c), 0);
    expect(bgNbdLogLikelihood(published, summary)).toBeCloseTo(one, 6);
  });
});

describe('bgNbdConditionalExpected when a + b < 1 (c = a + b + x − 1 < 0 for x = 0)', () => {
  it('matches a direct integration over the dropout probability', () => {
    // With x = 0 the customer is alive for sure, λ | data ~ Gamma(r, α + T), p ~ Beta(a, b), and
    // E[Y(t) | λ, p] = (1 − e^(−λpt)) / p, so E[Y(t)] = ∫ (1 − ((α+T)/(α+T+pt))^r) / p · Beta(p; a, b) dp.
    const p = { r: 0.5, alpha: 5, a: 0.3, b: 0.6 };
    const T = 20;
    const t = 52;
    // Substituting p = u^(1/a) removes the p^(a−1) singularity; midpoint rule in u.
    const n = 2_000_000;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const u = (i + 0.5) / n;
      const q = Math.pow(u, 1 / p.a);
      const g = (1 - Math.pow((p.alpha + T) / (p.alpha + T + q * t), p.r)) / q;
      sum += g * Math.pow(1 - q, p.b - 1);
    }
    const lnB = lnGamma(p.a) + lnGamma(p.b) - lnGamma(p.a + p.b);
    const expected = sum / n / p.a / Math.exp(lnB);
    const got = bgNbdConditionalExpected(p, { x: 0, tx: 0, T }, t);
    expect(Number.isFinite(got)).toBe(true);
    expect(got / expected).toBeCloseTo(1, 3);
  });
});
