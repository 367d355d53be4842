/**
 * BG/NBD model of repeat purchasing (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy
 * Way", Marketing Science 24(2)). While active a customer buys as a Poisson process with rate
 * λ ~ Gamma(r, α); after each repeat purchase they drop out with probability p ~ Beta(a, b).
 * Time is in the unit the summary was built in (e.g. weeks); r, a, b are unitless, α is in time units.
 */
import { hyp2f1, lnGamma, logAddExp } from './special.js';
import { nelderMead } from './optimize.js';

export type BgNbdParams = { r: number; alpha: number; a: number; b: number };
/** A customer's calibration facts: repeat purchases x, time of last purchase t_x, age T. */
export type RecencyFrequency = { x: number; tx: number; T: number };

/**
 * ln L(r, α, a, b | x, t_x, T) for one customer, FHL (2005) eq. 6:
 * L = B(a, b+x)/B(a, b) · Γ(r+x) αʳ / (Γ(r) (α+T)^(r+x))
 *   + δ(x>0) · B(a+1, b+x−1)/B(a, b) · Γ(r+x) αʳ / (Γ(r) (α+t_x)^(r+x)).
 */
export function bgNbdLogLikelihoodOne(p: BgNbdParams, c: RecencyFrequency): number {
  const { r, alpha, a, b } = p;
  const { x, tx, T } = c;
  const a1 = lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha);
  const a2 = lnGamma(a + b) + lnGamma(b + x) - lnGamma(b) - lnGamma(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  const a4 = x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx) : -Infinity;
  return a1 + a2 + logAddExp(a3, a4);
}

/**
 * Sum of the BG/NBD log-likelihood over customers (FHL 2005 eq. 7, summed over i), optionally
 * weighted (`weights[i]` customers share facts `customers[i]`).
 */
export function bgNbdLogLikelihood(
  p: BgNbdParams,
  customers: readonly RecencyFrequency[],
  weights?: readonly number[],
): number {
  return groupedLogLikelihood(customers, weights ?? customers.map(() => 1))(p);
}

export type BgNbdFit = {
  params: BgNbdParams;
  logLikelihood: number;
  customers: number;
  evaluations: number;
  converged: boolean;
};

/**
 * The log-likelihood of fixed (weighted) customers as a function of the parameters, built once for
 * the optimiser's thousands of evaluations: every term that depends on one fact only is computed
 * once per distinct value of it per evaluation — ln(α + T) per
 * distinct T, ln(α + t_x) per distinct t_x, the gamma and ln(b + x − 1) terms per x — from typed
 * arrays of indexes, and ln(eᵘ + eᵛ) as max + ln(1 + e^−|u−v|). Summary facts come on a day grid,
 * so a million customers have a few thousand distinct T and t_x.
 */
function groupedLogLikelihood(
  list: readonly RecencyFrequency[],
  weights: readonly number[],
): (p: BgNbdParams) => number {
  const n = list.length;
  const index = (values: (c: RecencyFrequency) => number) => {
    const at = new Map<number, number>();
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = values(list[i]!);
      let k = at.get(v);
      if (k === undefined) at.set(v, (k = at.size));
      idx[i] = k;
    }
    return { idx, values: Float64Array.from(at.keys()) };
  };
  const T = index((c) => c.T);
  const tx = index((c) => c.tx);
  const xs = Int32Array.from(list, (c) => c.x);
  const w = Float64Array.from(weights);
  const maxX = xs.reduce((m, x) => Math.max(m, x), 0);
  const lnAlphaT = new Float64Array(T.values.length);
  const lnAlphaTx = new Float64Array(tx.values.length);
  const byX = new Float64Array(maxX + 1);
  const lnRepeat = new Float64Array(maxX + 1);
  return ({ r, alpha, a, b }) => {
    const base = -lnGamma(r) + r * Math.log(alpha) + lnGamma(a + b) - lnGamma(b);
    const lnA = Math.log(a);
    for (let k = 0; k < T.values.length; k++) lnAlphaT[k] = Math.log(alpha + T.values[k]!);
    for (let k = 0; k < tx.values.length; k++) lnAlphaTx[k] = Math.log(alpha + tx.values[k]!);
    for (let x = 0; x <= maxX; x++) {
      byX[x] = lnGamma(r + x) + lnGamma(b + x) - lnGamma(a + b + x);
      lnRepeat[x] = x > 0 ? lnA - Math.log(b + x - 1) : 0;
    }
    let ll = 0;
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      const a3 = -(r + x) * lnAlphaT[T.idx[i]!]!;
      let term = a3;
      if (x > 0) {
        const a4 = lnRepeat[x]! - (r + x) * lnAlphaTx[tx.idx[i]!]!;
        term = a3 > a4 ? a3 + Math.log1p(Math.exp(a4 - a3)) : a4 + Math.log1p(Math.exp(a3 - a4));
      }
      ll += w[i]! * (base + byX[x]! + term);
    }
    return ll;
  };
}

/**
 * Maximum-likelihood fit of BG/NBD: Nelder–Mead on (ln r, ln α, ln a, ln b) so that every parameter
 * stays > 0. Customers with equal (x, t_x, T) are grouped so each distinct triple is evaluated once.
 * `start` defaults to r = α = a = b = 1 (α scaled to the mean age T so the start is unit-free).
 */
export function fitBgNbd(customers: readonly RecencyFrequency[], start?: BgNbdParams): BgNbdFit {
  if (customers.length === 0) throw new RangeError('fitBgNbd: no customers');
  const groups = new Map<string, { c: RecencyFrequency; n: number }>();
  for (const c of customers) {
    const key = `${c.x}|${c.tx}|${c.T}`;
    const g = groups.get(key);
    if (g) g.n++;
    else groups.set(key, { c: { x: c.x, tx: c.tx, T: c.T }, n: 1 });
  }
  const list = [...groups.values()].map((g) => g.c);
  const weights = [...groups.values()].map((g) => g.n);
  const logLikelihood = groupedLogLikelihood(list, weights);
  const meanT = customers.reduce((s, c) => s + c.T, 0) / customers.length;
  const s = start ?? { r: 1, alpha: Math.max(meanT, 1e-6), a: 1, b: 1 };
  const toParams = (v: number[]): BgNbdParams => ({
    r: Math.exp(v[0]!),
    alpha: Math.exp(v[1]!),
    a: Math.exp(v[2]!),
    b: Math.exp(v[3]!),
  });
  const negLl = (v: number[]): number => {
    if (v.some((u) => Math.abs(u) > 30)) return Infinity;
    return -logLikelihood(toParams(v));
  };
  const res = nelderMead(negLl, [Math.log(s.r), Math.log(s.alpha), Math.log(s.a), Math.log(s.b)], {
    fTolerance: 1e-12,
    xTolerance: 1e-8,
  });
  return {
    params: toParams(res.x),
    logLikelihood: -res.value,
    customers: customers.length,
    evaluations: res.evaluations,
    converged: res.converged,
  };
}

/**
 * P(alive | x, t_x, T): the probability the customer is still active at T (Fader, Hardie & Lee 2008,
 * "Computing P(alive) using the BG/NBD model"):
 * P = 1 / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)). Equals 1 when x = 0 (dropout can only
 * happen after a repeat purchase). Unitless, 0–1.
 */
export function bgNbdProbabilityAlive(p: BgNbdParams, c: RecencyFrequency): number {
  if (c.x === 0) return 1;
  const { r, alpha, a, b } = p;
  const odds = Math.exp(
    Math.log(a) - Math.log(b + c.x - 1) + (r + c.x) * (Math.log(alpha + c.T) - Math.log(alpha + c.tx)),
  );
  return 1 / (1 + odds);
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in the next t time units for a customer with history
 * (x, t_x, T), FHL (2005) eq. 10:
 * [(a+b+x−1)/(a−1)] · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
 *   / [1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)].
 * Count of purchases; t in the model's time unit. Undefined for a = 1 exactly.
 */
export function bgNbdConditionalExpected(p: BgNbdParams, c: RecencyFrequency, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = p;
  const { x, T } = c;
  const z = t / (alpha + T + t);
  const f = hyp2f1(r + x, b + x, a + b + x - 1, z);
  const head = (a + b + x - 1) / (a - 1);
  const body = 1 - Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t))) * f;
  return head * body * bgNbdProbabilityAlive(p, c);
}

/**
 * E[X(t)]: expected repeat purchases in (0, t] of a customer just acquired, FHL (2005) eq. 9:
 * (a+b−1)/(a−1) · [1 − (α/(α+t))ʳ · ₂F₁(r, b; a+b−1; t/(α+t))]. Count; t in the model's unit.
 */
export function bgNbdExpectedNew(p: BgNbdParams, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = p;
  const f = hyp2f1(r, b, a + b - 1, t / (alpha + t));
  return ((a + b - 1) / (a - 1)) * (1 - Math.pow(alpha / (alpha + t), r) * f);
}
