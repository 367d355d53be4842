// Seeded simulators for the value-model tests (test-only; deterministic for a given seed).

/** sfc32 pseudo-random generator seeded from one integer; returns numbers in [0, 1). */
export function rng(seed: number): () => number {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 20; i++) next();
  return next;
}

function normal(u: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/** Gamma(shape, rate) by Marsaglia & Tsang (2000), with the shape < 1 boost. */
export function gamma(u: () => number, shape: number, rate: number): number {
  if (shape < 1) return gamma(u, shape + 1, rate) * Math.pow(1 - u(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(u);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const w = 1 - u();
    if (Math.log(w) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

export function beta(u: () => number, a: number, b: number): number {
  const x = gamma(u, a, 1);
  return x / (x + gamma(u, b, 1));
}

/**
 * BG/NBD customers: λ ~ Gamma(r, α), p ~ Beta(a, b); exponential inter-purchase times at rate λ;
 * after each repeat purchase the customer drops out with probability p. T is drawn uniformly in
 * [tMin, tMax] (staggered acquisition).
 */
export function simulateBgNbd(
  params: { r: number; alpha: number; a: number; b: number },
  n: number,
  tMin: number,
  tMax: number,
  seed: number,
): { x: number; tx: number; T: number }[] {
  const u = rng(seed);
  const out: { x: number; tx: number; T: number }[] = [];
  for (let i = 0; i < n; i++) {
    const T = tMin + (tMax - tMin) * u();
    const lambda = gamma(u, params.r, params.alpha);
    const p = beta(u, params.a, params.b);
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += -Math.log(1 - u()) / lambda;
      if (t > T) break;
      x++;
      tx = t;
      if (u() < p) break;
    }
    out.push({ x, tx, T });
  }
  return out;
}

/**
 * Gamma-Gamma spends: ν ~ Gamma(q, γ); each of x transactions ~ Gamma(p, ν); returns the mean.
 */
export function simulateGammaGamma(
  params: { p: number; q: number; gamma: number },
  frequencies: readonly number[],
  seed: number,
): { x: number; monetary: number }[] {
  const u = rng(seed);
  return frequencies.map((x) => {
    const nu = gamma(u, params.q, params.gamma);
    let sum = 0;
    for (let i = 0; i < x; i++) sum += gamma(u, params.p, nu);
    return { x, monetary: sum / x };
  });
}
