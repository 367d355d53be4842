/**
 * Special functions the value models need, written by hand (see docs/decisions/0010): the natural
 * log of the gamma function and the Gauss hypergeometric series 2F1 for 0 ≤ z < 1.
 */

const LANCZOS_G = 7;
const LANCZOS_COEF = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln Γ(x) for x > 0 (Lanczos approximation, g = 7, n = 9; relative error about 1e-15).
 * Source: Lanczos (1964), coefficients as in Numerical Recipes 3rd ed. §6.1 / Godfrey's table.
 * Returns NaN for x ≤ 0 (the models only call it with positive arguments).
 */
export function lnGamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (x < 0.5) {
    // Reflection: Γ(x)Γ(1−x) = π / sin(πx)
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS_COEF[0]!;
  for (let i = 1; i < LANCZOS_COEF.length; i++) sum += LANCZOS_COEF[i]! / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0. */
export function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

/**
 * Gauss hypergeometric function 2F1(a, b; c; z) by its power series Σ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ,
 * for 0 ≤ z < 1 and c not a non-positive integer (BG/NBD needs z = t/(α+T+t) and c = a+b+x−1,
 * which is negative for x = 0 when a fit gives a+b < 1). Summed until a term is below 1e-15 of the
 * sum; throws if it has not converged after `maxTerms` terms (z very near 1).
 * Source: Abramowitz & Stegun 15.1.1.
 */
export function hyp2f1(a: number, b: number, c: number, z: number, maxTerms = 200_000): number {
  if (!(z >= 0 && z < 1)) throw new RangeError(`hyp2f1: z must be in [0, 1), got ${z}`);
  if (!Number.isFinite(c) || (c <= 0 && Math.abs(c - Math.round(c)) < 1e-12))
    throw new RangeError(`hyp2f1: c must not be a non-positive integer, got ${c}`);
  let term = 1;
  let sum = 1;
  for (let n = 0; n < maxTerms; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    // The term ratio tends to z; once it (or z, if it still rises towards z) is below 1 the
    // remaining tail is bounded by a geometric series with that ratio.
    const ratio = Math.max((((a + n + 1) * (b + n + 1)) / ((c + n + 1) * (n + 2))) * z, z);
    // While c + n is negative the terms can still grow; the tail bound holds only after that.
    const settled = c + n + 1 > 0;
    if (settled && ratio < 1 && Math.abs(term) <= 1e-15 * Math.abs(sum) * (1 - ratio)) return sum;
    if (term === 0) return sum;
  }
  throw new RangeError(`hyp2f1(${a}, ${b}; ${c}; ${z}) did not converge in ${maxTerms} terms`);
}

/** ln(e^u + e^v) without overflow. */
export function logAddExp(u: number, v: number): number {
  const m = Math.max(u, v);
  if (m === -Infinity) return -Infinity;
  return m + Math.log(Math.exp(u - m) + Math.exp(v - m));
}
