/**
 * Customer tiers A/B/C/D by configurable rules, with manual override (docs/decisions/0011).
 */
import type { Explanation, ScoreReason } from './explain.js';

export type CustomerTier = 'A' | 'B' | 'C' | 'D';

/**
 * How tiers are assigned, on historic value (e.g. spend in the last 12 months) or predicted value
 * (e.g. CLV):
 * - 'percentile': a customer's percentile is the share of customers with a strictly lower value
 *   (0 ≤ pct < 1, ties share it); tier A when pct ≥ cutoffs.A, else B when ≥ cutoffs.B, else C
 *   when ≥ cutoffs.C, else D. Example {A: 0.8, B: 0.5, C: 0.2}: top 20 % are A.
 * - 'threshold': the same comparisons on the value itself, in currency units.
 */
export type TierRule = {
  kind: 'percentile' | 'threshold';
  basis: 'historic' | 'predicted';
  cutoffs: { A: number; B: number; C: number };
};

export type TierInput = {
  customerId: string;
  historicValue: number | null;
  predictedValue: number | null;
  /** A manual tier wins over the rule; its reason is kept. */
  override?: { tier: CustomerTier; reason: string } | null;
};

export type TierResult = {
  customerId: string;
  tier: CustomerTier;
  source: 'rule' | 'override';
  /** The tier the rule alone gives (also when overridden). */
  ruleTier: CustomerTier;
  value: number | null;
  /** Percentile 0–1 within the population for percentile rules, else null. */
  percentile: number | null;
  overrideReason: string | null;
};

export const DEFAULT_TIER_RULE: TierRule = {
  kind: 'percentile',
  basis: 'historic',
  cutoffs: { A: 0.8, B: 0.5, C: 0.2 },
};

function tierOf(v: number, c: TierRule['cutoffs']): CustomerTier {
  return v >= c.A ? 'A' : v >= c.B ? 'B' : v >= c.C ? 'C' : 'D';
}

export const TIER_LETTERS: readonly CustomerTier[] = ['A', 'B', 'C', 'D'];

/**
 * The rule's tiers of a population whose values are all known (e.g. everyone's 12-month spend), as
 * indexes into TIER_LETTERS, with each percentile for a percentile rule: the same results as
 * `assignTiers` without an object per customer.
 */
export function ruleTierArrays(
  values: ArrayLike<number>,
  rule: TierRule = DEFAULT_TIER_RULE,
): { tiers: Uint8Array; percentiles: Float64Array | null } {
  const n = values.length;
  const tiers = new Uint8Array(n);
  const percentiles = rule.kind === 'percentile' ? new Float64Array(n) : null;
  const sorted = percentiles ? Float64Array.from(values).sort() : null;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    let x = v;
    if (sorted && percentiles) {
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]! < v) lo = mid + 1;
        else hi = mid;
      }
      x = percentiles[i] = lo / n;
    }
    tiers[i] = TIER_LETTERS.indexOf(tierOf(x, rule.cutoffs));
  }
  return { tiers, percentiles };
}

/**
 * Tiers for a population (one organization). Customers without a value on the rule's basis are
 * tier D by rule and are not counted in the percentile population.
 */
export function assignTiers(
  customers: readonly TierInput[],
  rule: TierRule = DEFAULT_TIER_RULE,
): TierResult[] {
  const valueOf = (c: TierInput): number | null =>
    rule.basis === 'historic' ? c.historicValue : c.predictedValue;
  const known = customers.map(valueOf).filter((v): v is number => v !== null && Number.isFinite(v));
  const sorted = [...known].sort((p, q) => p - q);
  const below = (v: number): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return customers.map((c) => {
    const v = valueOf(c);
    const has = v !== null && Number.isFinite(v);
    const percentile = has && rule.kind === 'percentile' ? below(v) / sorted.length : null;
    const ruleTier: CustomerTier = !has
      ? 'D'
      : tierOf(rule.kind === 'percentile' ? percentile! : v, rule.cutoffs);
    const o = c.override ?? null;
    return {
      customerId: c.customerId,
      tier: o ? o.tier : ruleTier,
      source: o ? 'override' : 'rule',
      ruleTier,
      value: has ? v : null,
      percentile,
      overrideReason: o ? o.reason : null,
    };
  });
}

/** Why a customer has its tier: the value, its percentile, the rule and cut-offs, or the override. */
export function explainTier(result: TierResult, rule: TierRule = DEFAULT_TIER_RULE): Explanation {
  const reasons: ScoreReason[] = [];
  if (result.value === null) reasons.push({ code: 'tier_no_value', value: null });
  else if (rule.kind === 'percentile')
    reasons.push({
      code: `tier_percentile_${result.ruleTier}`,
      value: result.percentile,
      threshold: result.ruleTier === 'D' ? null : rule.cutoffs[result.ruleTier],
    });
  else
    reasons.push({
      code: `tier_threshold_${result.ruleTier}`,
      value: result.value,
      threshold: result.ruleTier === 'D' ? null : rule.cutoffs[result.ruleTier],
    });
  if (result.source === 'override')
    reasons.push({ code: 'tier_manual_override', value: result.tier, threshold: result.ruleTier });
  return {
    score: 'tier',
    result: result.tier,
    model: `tier_${rule.kind}_v1`,
    inputs: { value: result.value, percentile: result.percentile, overrideReason: result.overrideReason },
    parameters: {
      kind: rule.kind,
      basis: rule.basis,
      A: rule.cutoffs.A,
      B: rule.cutoffs.B,
      C: rule.cutoffs.C,
    },
    reasons,
  };
}
