/**
 * Gamma-Gamma model of spend per transaction (Fader & Hardie 2013, "The Gamma-Gamma Model of
 * Monetary Value"; Colombo & Jiang 1999). Each transaction's amount ~ Gamma(p, ν), ν ~ Gamma(q, γ)
 * across customers; fitted on customers with x > 0 repeat transactions and their mean repeat spend.
 * p and q are unitless; γ is in currency units; spend is in the organization's currency.
 */
import { lnGamma } from './special.js';
import { nelderMead } from './optimize.js';

export type GammaGammaParams = { p: number; q: number; gamma: number };
/** A repeat buyer: x > 0 repeat transactions with mean amount `monetary` > 0. */
export type FrequencyMonetary = { x: number; monetary: number };

/**
 * ln L(p, q, γ | x, m̄) for one customer (Fader & Hardie 2013, eq. 3 written for the mean m̄):
 * ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(γ + x m̄).
 * (The density of the mean; it differs from the density of the individual amounts by a term that
 * does not depend on the parameters.)
 */
export function gammaGammaLogLikelihoodOne(g: GammaGammaParams, c: FrequencyMonetary): number {
  const { p, q, gamma } = g;
  const { x, monetary: m } = c;
  const px = p * x;
  return (
    lnGamma(px + q) -
    lnGamma(px) -
    lnGamma(q) +
    q * Math.log(gamma) +
    (px - 1) * Math.log(m) +
    px * Math.log(x) -
    (px + q) * Math.log(gamma + x * m)
  );
}

/** Sum of the Gamma-Gamma log-likelihood over repeat buyers (customers with x = 0 are skipped). */
export function gammaGammaLogLikelihood(
  g: GammaGammaParams,
  customers: readonly FrequencyMonetary[],
): number {
  return buyersLogLikelihood(customers.filter((c) => c.x > 0 && c.monetary > 0))(g);
}

export type GammaGammaFit = {
  params: GammaGammaParams;
  logLikelihood: number;
  customers: number;
  evaluations: number;
  converged: boolean;
};

/**
 * The log-likelihood of fixed repeat buyers (x > 0, m̄ > 0) as a function of the parameters, built
 * once for the optimiser's many evaluations: ln m̄ once per buyer, the gamma terms once per distinct
 * x per evaluation.
 */
function buyersLogLikelihood(buyers: readonly FrequencyMonetary[]): (g: GammaGammaParams) => number {
  const n = buyers.length;
  const xs = Int32Array.from(buyers, (c) => c.x);
  const ms = Float64Array.from(buyers, (c) => c.monetary);
  const lnM = ms.map(Math.log);
  const maxX = xs.reduce((m, x) => Math.max(m, x), 0);
  const byX = new Float64Array(maxX + 1);
  return ({ p, q, gamma }) => {
    const base = -lnGamma(q) + q * Math.log(gamma);
    for (let x = 1; x <= maxX; x++) byX[x] = lnGamma(p * x + q) - lnGamma(p * x) + p * x * Math.log(x);
    let ll = 0;
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      const px = p * x;
      ll += base + byX[x]! + (px - 1) * lnM[i]! - (px + q) * Math.log(gamma + x * ms[i]!);
    }
    return ll;
  };
}

/**
 * Maximum-likelihood fit of Gamma-Gamma on the repeat buyers (x > 0, monetary > 0; others are
 * ignored): Nelder–Mead on (ln p, ln q, ln γ). Starts at p = q = 1, γ = mean spend.
 */
export function fitGammaGamma(
  customers: readonly FrequencyMonetary[],
  start?: GammaGammaParams,
): GammaGammaFit {
  const buyers = customers.filter((c) => c.x > 0 && c.monetary > 0);
  if (buyers.length === 0) throw new RangeError('fitGammaGamma: no repeat buyers');
  const meanSpend = buyers.reduce((s, c) => s + c.monetary, 0) / buyers.length;
  const s = start ?? { p: 1, q: 1, gamma: meanSpend };
  const toParams = (v: number[]): GammaGammaParams => ({
    p: Math.exp(v[0]!),
    q: Math.exp(v[1]!),
    gamma: Math.exp(v[2]!),
  });
  const logLikelihood = buyersLogLikelihood(buyers);
  const res = nelderMead(
    (v) => (v.some((u) => Math.abs(u) > 30) ? Infinity : -logLikelihood(toParams(v))),
    [Math.log(s.p), Math.log(s.q), Math.log(s.gamma)],
    { fTolerance: 1e-12, xTolerance: 1e-8 },
  );
  return {
    params: toParams(res.x),
    logLikelihood: -res.value,
    customers: buyers.length,
    evaluations: res.evaluations,
    converged: res.converged,
  };
}

/**
 * E[M | p, q, γ, x, m̄]: expected spend per transaction of a customer, Fader & Hardie (2013) eq. 5:
 * (γ + x m̄) p / (p x + q − 1) — a weighted mean of the population mean γp/(q−1) and the customer's
 * own mean m̄. For x = 0 it is the population mean γp/(q−1). Currency units; needs q > 1.
 */
export function gammaGammaExpectedSpend(g: GammaGammaParams, c: FrequencyMonetary): number {
  const { p, q, gamma } = g;
  if (!(q > 1)) throw new RangeError('gammaGammaExpectedSpend: needs q > 1');
  if (c.x <= 0) return (gamma * p) / (q - 1);
  return ((gamma + c.x * c.monetary) * p) / (p * c.x + q - 1);
}
