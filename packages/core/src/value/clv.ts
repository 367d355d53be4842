/**
 * Discounted customer lifetime value from BG/NBD (purchases) and Gamma-Gamma (spend).
 */
import {
  bgNbdConditionalExpected,
  bgNbdProbabilityAlive,
  type BgNbdParams,
  type RecencyFrequency,
} from './bgnbd.js';
import type { Explanation } from './explain.js';
import { hyp2f1 } from './special.js';
import { gammaGammaExpectedSpend, type GammaGammaParams } from './gamma-gamma.js';
import { DAYS_PER_UNIT, type TimeUnit } from './time.js';

/**
 * Discount rate per time unit equivalent to an annual rate: (1 + annual)^(days per unit / 365.25) − 1.
 * E.g. 10 % a year is 0.1834 % a week. Unitless fraction per unit.
 */
export function discountRatePerUnit(annualRate: number, unit: TimeUnit): number {
  return Math.pow(1 + annualRate, DAYS_PER_UNIT[unit] / 365.25) - 1;
}

export type ClvInput = {
  bgNbd: BgNbdParams;
  customer: RecencyFrequency;
  /** Expected spend per transaction (e.g. from gammaGammaExpectedSpend), currency units. */
  expectedSpend: number;
  /** Horizon, in whole periods of `unit`. */
  horizon: number;
  /** The time unit the BG/NBD model was fitted in; periods are one unit long. */
  unit: TimeUnit;
  /** Annual discount rate as a fraction (0.1 = 10 % a year). */
  annualDiscountRate: number;
};

/**
 * Discounted CLV over `horizon` periods, in currency units:
 * Σ_{k=1..H} (E[Y(k)] − E[Y(k−1)]) · spend / (1 + d)^k, where E[Y(t)] is the BG/NBD conditional
 * expectation (FHL 2005 eq. 10), d the per-unit discount rate (discountRatePerUnit) and purchases of
 * period k are discounted to the end of that period. Same construction as lifetimes'
 * customer_lifetime_value (Davidson-Pilon et al.), with an annual rate converted to the unit.
 */
export function discountedClv(input: ClvInput): { clv: number; expectedPurchases: number } {
  const { bgNbd, customer, expectedSpend, horizon, unit, annualDiscountRate } = input;
  const d = discountRatePerUnit(annualDiscountRate, unit);
  let clv = 0;
  let prev = 0;
  for (let k = 1; k <= horizon; k++) {
    const cum = bgNbdConditionalExpected(bgNbd, customer, k);
    clv += ((cum - prev) * expectedSpend) / Math.pow(1 + d, k);
    prev = cum;
  }
  return { clv, expectedPurchases: prev };
}

export type CustomerValueOptions = { horizon: number; unit: TimeUnit; annualDiscountRate: number };

export type CustomerValue = {
  customerId: string;
  /** P(alive) at the end of calibration, 0–1. */
  pAlive: number;
  /** Expected purchases over the horizon (undiscounted count). */
  expectedPurchases: number;
  /** Expected spend per purchase (Gamma-Gamma), currency units. */
  expectedSpend: number;
  /** Discounted CLV over the horizon, currency units. */
  clv: number;
};

/**
 * Per-customer value from fitted BG/NBD and Gamma-Gamma models: P(alive), expected purchases and
 * spend, discounted CLV. Customers without repeat purchases get the population mean spend.
 */
export function customerValue(
  summary: { customerId: string; x: number; tx: number; T: number; monetary: number },
  bgNbd: BgNbdParams,
  gammaGamma: GammaGammaParams,
  options: CustomerValueOptions,
): CustomerValue {
  const expectedSpend = gammaGammaExpectedSpend(gammaGamma, summary);
  const { clv, expectedPurchases } = discountedClv({ bgNbd, customer: summary, expectedSpend, ...options });
  return {
    customerId: summary.customerId,
    pAlive: bgNbdProbabilityAlive(bgNbd, summary),
    expectedPurchases,
    expectedSpend,
    clv,
  };
}

/**
 * A scorer of many customers under one fitted model: the same numbers as `customerValue`, computed
 * with the history-independent part shared. E[Y(t) | x, t_x, T] = P(alive | x, t_x, T) · G(x, T, t)
 * (FHL 2005 eq. 10: only P(alive) depends on t_x), so the discounted sum over the horizon,
 * Σₖ (G(x,T,k) − G(x,T,k−1)) / (1+d)^k, and G(x,T,H) are computed once per distinct (x, T) and
 * cached; each customer then costs a P(alive) and a Gamma-Gamma mean. Throws RangeError where
 * `customerValue` would (e.g. ₂F₁ not converging), for that customer only.
 */
export function customerValueScorer(
  bgNbd: BgNbdParams,
  gammaGamma: GammaGammaParams,
  options: CustomerValueOptions,
): (summary: { x: number; tx: number; T: number; monetary: number }) => Omit<CustomerValue, 'customerId'> {
  const d = discountRatePerUnit(options.annualDiscountRate, options.unit);
  const discount = Float64Array.from({ length: options.horizon }, (_, k) => Math.pow(1 + d, k + 1));
  // Per x: T → [discounted Σ of G increments, G at the horizon], or a RangeError.
  const cache: Map<number, Float64Array | RangeError>[] = [];
  const factors = (x: number, T: number): Float64Array => {
    let byT = cache[x];
    if (!byT) cache[x] = byT = new Map();
    let f = byT.get(T);
    if (f === undefined) {
      try {
        let sum = 0;
        let prev = 0;
        for (let k = 1; k <= options.horizon; k++) {
          const g = gNoAlive(bgNbd, x, T, k);
          sum += (g - prev) / discount[k - 1]!;
          prev = g;
        }
        f = Float64Array.of(sum, prev);
      } catch (err) {
        if (!(err instanceof RangeError)) throw err;
        f = err;
      }
      byT.set(T, f);
    }
    if (f instanceof RangeError) throw f;
    return f;
  };
  return (summary) => {
    const expectedSpend = gammaGammaExpectedSpend(gammaGamma, summary);
    const [sum, atHorizon] = factors(summary.x, summary.T) as unknown as [number, number];
    const pAlive = bgNbdProbabilityAlive(bgNbd, summary);
    return {
      pAlive,
      expectedPurchases: atHorizon * pAlive,
      expectedSpend,
      clv: sum * pAlive * expectedSpend,
    };
  };
}

/** G(x, T, t) = E[Y(t) | x, t_x, T] / P(alive | x, t_x, T), FHL (2005) eq. 10 without its denominator. */
function gNoAlive(p: BgNbdParams, x: number, T: number, t: number): number {
  const { r, alpha, a, b } = p;
  const z = t / (alpha + T + t);
  const f = hyp2f1(r + x, b + x, a + b + x - 1, z);
  const head = (a + b + x - 1) / (a - 1);
  return head * (1 - Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t))) * f);
}

/** Why a customer has its CLV: its history, the fitted parameters and the model's intermediate numbers. */
export function explainClv(
  summary: { customerId: string; x: number; tx: number; T: number; monetary: number },
  bgNbd: BgNbdParams,
  gammaGamma: GammaGammaParams,
  options: CustomerValueOptions,
): Explanation {
  return clvExplanation(
    summary,
    bgNbd,
    gammaGamma,
    options,
    customerValue(summary, bgNbd, gammaGamma, options),
  );
}

/**
 * The CLV explanation from values already computed (by `customerValue` or a scorer) — the same
 * object `explainClv` returns, so a stored score can be explained again on read.
 */
export function clvExplanation(
  summary: { x: number; tx: number; T: number; monetary: number },
  bgNbd: BgNbdParams,
  gammaGamma: GammaGammaParams,
  options: CustomerValueOptions,
  v: Omit<CustomerValue, 'customerId'>,
): Explanation {
  return {
    score: 'clv',
    result: v.clv,
    model: 'bgnbd_gamma_gamma_v1',
    inputs: { x: summary.x, tx: summary.tx, T: summary.T, monetary: summary.monetary },
    parameters: {
      ...bgNbd,
      p: gammaGamma.p,
      q: gammaGamma.q,
      gamma: gammaGamma.gamma,
      unit: options.unit,
      horizon: options.horizon,
      annualDiscountRate: options.annualDiscountRate,
      discountRatePerUnit: discountRatePerUnit(options.annualDiscountRate, options.unit),
    },
    reasons: [
      { code: 'p_alive', value: v.pAlive },
      { code: 'expected_purchases', value: v.expectedPurchases },
      { code: 'expected_spend', value: v.expectedSpend },
      { code: 'discounted_clv', value: v.clv },
    ],
  };
}
