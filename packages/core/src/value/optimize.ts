/**
 * Nelder–Mead simplex minimiser (Nelder & Mead 1965; adaptive coefficients of Gao & Han 2012),
 * with restarts from the best point until a restart no longer improves the value. Written by
 * hand, see docs/decisions/0010.
 */

export type MinimizeOptions = {
  /** Initial step along each axis (default 0.5). */
  step?: number;
  /** Stop when the spread of values in the simplex is below this (default 1e-10). */
  fTolerance?: number;
  /** Stop when the simplex is smaller than this along every axis (default 1e-9). */
  xTolerance?: number;
  /** Maximum number of evaluations of f across all restarts (default 20,000). */
  maxEvaluations?: number;
  /** Maximum number of restarts (default 5). */
  maxRestarts?: number;
};

export type MinimizeResult = {
  x: number[];
  value: number;
  evaluations: number;
  converged: boolean;
};

/** Minimise f over ℝⁿ starting at x0. Non-finite values of f are treated as +∞. */
export function nelderMead(
  f: (x: number[]) => number,
  x0: number[],
  options: MinimizeOptions = {},
): MinimizeResult {
  const {
    step = 0.5,
    fTolerance = 1e-10,
    xTolerance = 1e-9,
    maxEvaluations = 20_000,
    maxRestarts = 5,
  } = options;
  const n = x0.length;
  let evaluations = 0;
  const fx = (x: number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  // Adaptive coefficients (Gao & Han 2012) behave better than the classic ones as n grows.
  const alpha = 1;
  const beta = 1 + 2 / n;
  const gamma = 0.75 - 1 / (2 * n);
  const delta = 1 - 1 / n;

  let best = { x: [...x0], value: fx(x0) };
  let converged = false;
  for (let restart = 0; restart <= maxRestarts && evaluations < maxEvaluations; restart++) {
    const simplex: { x: number[]; value: number }[] = [best];
    for (let i = 0; i < n; i++) {
      const x = [...best.x];
      x[i] = x[i]! + step;
      simplex.push({ x, value: fx(x) });
    }
    converged = false;
    while (evaluations < maxEvaluations) {
      simplex.sort((p, q) => p.value - q.value);
      const lo = simplex[0]!;
      const hi = simplex[n]!;
      let size = 0;
      for (const p of simplex)
        for (let i = 0; i < n; i++) size = Math.max(size, Math.abs(p.x[i]! - lo.x[i]!));
      if (
        Math.abs(hi.value - lo.value) <= fTolerance * (1 + Math.abs(lo.value)) &&
        size <= xTolerance * 1e3
      ) {
        converged = true;
        break;
      }
      if (size <= xTolerance) {
        converged = true;
        break;
      }
      const centroid = new Array<number>(n).fill(0);
      for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) centroid[i]! += simplex[j]!.x[i]! / n;
      const along = (t: number): number[] => centroid.map((c, i) => c + t * (hi.x[i]! - c));
      const xr = along(-alpha);
      const fr = fx(xr);
      const second = simplex[n - 1]!;
      if (fr < lo.value) {
        const xe = along(-alpha * beta);
        const fe = fx(xe);
        simplex[n] = fe < fr ? { x: xe, value: fe } : { x: xr, value: fr };
      } else if (fr < second.value) {
        simplex[n] = { x: xr, value: fr };
      } else {
        const outside = fr < hi.value;
        const xc = outside ? along(-alpha * gamma) : along(gamma);
        const fc = fx(xc);
        if (fc < (outside ? fr : hi.value)) {
          simplex[n] = { x: xc, value: fc };
        } else {
          for (let j = 1; j <= n; j++) {
            const x = lo.x.map((l, i) => l + delta * (simplex[j]!.x[i]! - l));
            simplex[j] = { x, value: fx(x) };
          }
        }
      }
    }
    simplex.sort((p, q) => p.value - q.value);
    const improved = best.value - simplex[0]!.value;
    best = simplex[0]!;
    if (restart > 0 && improved <= fTolerance * (1 + Math.abs(best.value))) break;
  }
  return { x: best.x, value: best.value, evaluations, converged };
}
