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

/** Why a customer has its CLV: its history, the fitted parameters and the model's intermediate numbers. */
export function explainClv(
  summary: { customerId: string; x: number; tx: number; T: number; monetary: number },
  bgNbd: BgNbdParams,
  gammaGamma: GammaGammaParams,
  options: CustomerValueOptions,
): Explanation {
  const v = customerValue(summary, bgNbd, gammaGamma, options);
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
