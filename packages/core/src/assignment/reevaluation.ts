import { fitScore, utilisation } from './fit.js';
import type { Candidate, FitCustomer, AssignmentReason } from './types.js';

export type ReevaluationCustomer = FitCustomer & {
  id: string;
  ownerId: string | null;
  currentValue: number;
  predictedValue: number;
};

export type ReevaluationOptions = {
  /** Customers at or below this quantile of current value are low-value (e.g. 0.2). */
  lowValueQuantile: number;
  /** Predicted / current at or above this is high potential (e.g. 2). */
  upliftRatio: number;
  /** A high-potential customer must also be predicted at least this much (default 0). */
  minPredictedValue?: number;
};

export type ReevaluationProposal =
  | { customerId: string; action: 'assign_manager'; managerId: string; reason: AssignmentReason }
  | { customerId: string; action: 'keep_owner'; managerId: string; reason: AssignmentReason }
  | { customerId: string; action: 'standard_team'; teamId: string; reason: AssignmentReason };

export type ReevaluationResult = {
  /** The current value at the quantile: customers at or below it are low-value. */
  threshold: number | null;
  proposals: ReevaluationProposal[];
  /** Customers each manager would give up. */
  freedCapacity: Record<string, number>;
};

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Nearest-rank quantile (the smallest value with at least q of the values at or below it). */
export function nearestRankQuantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

/** Predicted / current; a non-positive current value counts as infinite uplift if anything is predicted. */
export const upliftOf = (current: number, predicted: number): number =>
  current > 0 ? predicted / current : predicted > 0 ? Infinity : 0;

/**
 * Low-value re-evaluation (PRODUCT.md C3). Low-value customers are those whose current value is
 * at or below the `lowValueQuantile` nearest-rank quantile of all given customers. Each one with
 * uplift ≥ upliftRatio (and predicted ≥ minPredictedValue) goes, largest uplift first, to the
 * active manager outside the standard team with the best `fitScore` and spare capacity
 * (ties: utilisation, then id) — `keep_owner` when that is the current owner; the others, and
 * high-potential ones nobody can take, go to the standard-service team. freedCapacity counts,
 * per current owner, the customers that leave them.
 */
export function proposeReevaluation(
  customers: ReevaluationCustomer[],
  managers: Candidate[],
  standardTeamId: string,
  options: ReevaluationOptions,
): ReevaluationResult {
  const threshold = nearestRankQuantile(
    customers.map((c) => c.currentValue),
    options.lowValueQuantile,
  );
  if (threshold === null) return { threshold, proposals: [], freedCapacity: {} };
  const minPredicted = options.minPredictedValue ?? 0;
  const low = customers
    .filter((c) => c.currentValue <= threshold)
    .map((c) => ({ c, uplift: upliftOf(c.currentValue, c.predictedValue) }))
    .sort((a, b) => b.uplift - a.uplift || cmp(a.c.id, b.c.id));
  const pool = managers.filter((m) => m.status === 'active' && m.teamId !== standardTeamId);
  const loads: Record<string, number> = Object.fromEntries(managers.map((m) => [m.id, m.load]));
  const freed: Record<string, number> = {};
  const out = new Map<string, ReevaluationProposal>();
  const r4 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : null);

  for (const { c, uplift } of low) {
    const data = {
      currentValue: c.currentValue,
      predictedValue: c.predictedValue,
      uplift: r4(uplift),
      threshold,
    };
    const potential = uplift >= options.upliftRatio && c.predictedValue >= minPredicted;
    if (potential) {
      // The owner already holds the customer, so their load does not grow.
      const best = pool
        .filter((m) => m.id === c.ownerId || loads[m.id]! < m.capacity)
        .map((m) => ({ m, s: fitScore(c, m, loads[m.id]!) }))
        .sort(
          (a, b) =>
            b.s.total - a.s.total ||
            utilisation(loads[a.m.id]!, a.m.capacity) - utilisation(loads[b.m.id]!, b.m.capacity) ||
            cmp(a.m.id, b.m.id),
        )[0];
      if (best) {
        const keep = best.m.id === c.ownerId;
        if (!keep) {
          loads[best.m.id]! += 1;
          if (c.ownerId) freed[c.ownerId] = (freed[c.ownerId] ?? 0) + 1;
        }
        out.set(c.id, {
          customerId: c.id,
          action: keep ? 'keep_owner' : 'assign_manager',
          managerId: best.m.id,
          reason: { code: 'high_potential', data: { ...data, score: { ...best.s } } },
        });
        continue;
      }
    }
    if (c.ownerId) freed[c.ownerId] = (freed[c.ownerId] ?? 0) + 1;
    out.set(c.id, {
      customerId: c.id,
      action: 'standard_team',
      teamId: standardTeamId,
      reason: { code: potential ? 'high_potential_no_capacity' : 'low_value', data },
    });
  }
  const proposals = customers.filter((c) => out.has(c.id)).map((c) => out.get(c.id)!);
  return { threshold, proposals, freedCapacity: freed };
}
