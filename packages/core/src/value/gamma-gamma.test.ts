import { describe, expect, it } from 'vitest';
import { loadCdnow } from '../../test-support/cdnow.js';
import { simulateGammaGamma } from '../../test-support/simulate.js';
import { buildSummary } from './summary.js';
import {
  fitGammaGamma,
  gammaGammaExpectedSpend,
  gammaGammaLogLikelihood,
  gammaGammaLogLikelihoodOne,
} from './gamma-gamma.js';
import { customerValue, discountRatePerUnit, discountedClv, explainClv } from './clv.js';
import { bgNbdConditionalExpected } from './bgnbd.js';

const summary = buildSummary(loadCdnow(), '1997-09-30', 'week');
const published = { p: 6.25, q: 3.74, gamma: 15.44 };
const bg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('Gamma-Gamma on CDNOW (946 repeat buyers)', () => {
  it('fit reproduces p = 6.25, q = 3.74, γ = 15.44 within 2 %', () => {
    const fit = fitGammaGamma(summary);
    expect(fit.customers).toBe(946);
    for (const k of ['p', 'q', 'gamma'] as const) {
      expect(Math.abs(fit.params[k] / published[k] - 1), `${k}=${fit.params[k]}`).toBeLessThan(0.02);
    }
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(gammaGammaLogLikelihood(published, summary));
    const one = summary
      .filter((c) => c.x > 0)
      .reduce((s, c) => s + gammaGammaLogLikelihoodOne(fit.params, c), 0);
    expect(fit.logLikelihood).toBeCloseTo(one, 6);
    console.info(`Gamma-Gamma CDNOW fit: ${JSON.stringify(fit)}`);
  });
  it('expected spend is a weighted mean of population and own mean', () => {
    const { p, q, gamma } = published;
    const pop = (gamma * p) / (q - 1);
    expect(gammaGammaExpectedSpend(published, { x: 0, monetary: 0 })).toBeCloseTo(pop, 10);
    const c = { x: 4, monetary: 50 };
    const w = (p * c.x) / (p * c.x + q - 1);
    expect(gammaGammaExpectedSpend(published, c)).toBeCloseTo((1 - w) * pop + w * 50, 10);
  });
});

describe('Gamma-Gamma recovers simulated parameters', () => {
  it('20,000 buyers, truth p = 6, q = 4, γ = 15', { timeout: 30_000 }, () => {
    const truth = { p: 6, q: 4, gamma: 15 };
    const freqs = Array.from({ length: 20_000 }, (_, i) => 1 + (i % 6));
    const fit = fitGammaGamma(simulateGammaGamma(truth, freqs, 7));
    for (const k of ['p', 'q', 'gamma'] as const) {
      expect(Math.abs(fit.params[k] / truth[k] - 1), `${k}=${fit.params[k]}`).toBeLessThan(0.12);
    }
  });
});

describe('discounted CLV', () => {
  it.each([
    [0.1, 'week', Math.pow(1.1, 7 / 365.25) - 1],
    [0.1, 'day', Math.pow(1.1, 1 / 365.25) - 1],
    [0.12, 'month', Math.pow(1.12, 1 / 12) - 1],
    [0, 'week', 0],
  ] as const)('annual %d per %s = %d', (annual, unit, want) =>
    expect(discountRatePerUnit(annual, unit)).toBeCloseTo(want, 14),
  );
  const customer = { x: 2, tx: 30.43, T: 38.86 };
  it('without discount equals expected purchases × spend', () => {
    const r = discountedClv({
      bgNbd: bg,
      customer,
      expectedSpend: 40,
      horizon: 39,
      unit: 'week',
      annualDiscountRate: 0,
    });
    expect(r.expectedPurchases).toBeCloseTo(bgNbdConditionalExpected(bg, customer, 39), 12);
    expect(r.clv).toBeCloseTo(40 * r.expectedPurchases, 10);
  });
  it('discounting lowers CLV, and more so at a higher rate', () => {
    const at = (rate: number): number =>
      discountedClv({
        bgNbd: bg,
        customer,
        expectedSpend: 40,
        horizon: 104,
        unit: 'week',
        annualDiscountRate: rate,
      }).clv;
    expect(at(0.1)).toBeLessThan(at(0));
    expect(at(0.3)).toBeLessThan(at(0.1));
    expect(at(0.1)).toBeGreaterThan(0.8 * at(0));
  });
});

describe('customerValue and explainClv', () => {
  const gg = published;
  const opts = { horizon: 52, unit: 'week' as const, annualDiscountRate: 0.1 };
  it('combines P(alive), expected purchases, spend and discounted CLV', () => {
    const c = { customerId: 'k', x: 2, tx: 30.43, T: 38.86, monetary: 40 };
    const v = customerValue(c, bg, gg, opts);
    expect(v.expectedSpend).toBeCloseTo(gammaGammaExpectedSpend(gg, c), 12);
    expect(v.expectedPurchases).toBeCloseTo(bgNbdConditionalExpected(bg, c, 52), 12);
    expect(v.clv).toBeLessThan(v.expectedPurchases * v.expectedSpend);
    expect(v.clv).toBeGreaterThan(0.9 * v.expectedPurchases * v.expectedSpend);
    const e = explainClv(c, bg, gg, opts);
    expect(e.result).toBeCloseTo(v.clv, 12);
    expect(e.reasons.map((r) => r.code)).toEqual([
      'p_alive',
      'expected_purchases',
      'expected_spend',
      'discounted_clv',
    ]);
  });
  it('a one-time buyer gets the population mean spend', () => {
    const v = customerValue({ customerId: 'n', x: 0, tx: 0, T: 10, monetary: 0 }, bg, gg, opts);
    expect(v.pAlive).toBe(1);
    expect(v.expectedSpend).toBeCloseTo((gg.gamma * gg.p) / (gg.q - 1), 12);
  });
});
