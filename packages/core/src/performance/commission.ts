/**
 * Commission arithmetic (PRODUCT.md C7, incentives): tiered (marginal) rates on credited sales, a
 * qualifying threshold, a bonus multiplier chosen by the scorecard score, and a cap on the payout.
 */

export type CommissionTier = {
  /** Sales from this amount up to the next tier's `from` earn `rate` (0.03 = 3%). */
  from: number;
  rate: number;
};
export type BonusMultiplier = { minScore: number; multiplier: number };
export type CommissionRules = {
  tiers: CommissionTier[];
  /** Sales below this earn nothing at all; at or above it every tier applies from its `from`. */
  threshold: number;
  /** The most paid for one manager and period (after the multiplier); null = no cap. */
  cap: number | null;
  /** The band with the highest minScore at or below the score applies; none (or no score) → 1. */
  bonusMultipliers: BonusMultiplier[];
};

export type CommissionLine = {
  /** The slice of sales this line covers: [from, to); to null = no upper bound. */
  from: number;
  to: number | null;
  rate: number;
  /** The part of the sales inside the slice. */
  base: number;
  amount: number;
};

export type CommissionResult = {
  sales: number;
  thresholdMet: boolean;
  lines: CommissionLine[];
  /** Sum of the lines. */
  commission: number;
  score: number | null;
  multiplier: number;
  /** commission × multiplier, before the cap. */
  gross: number;
  capped: boolean;
  total: number;
};

const money = (n: number) => Math.round(n * 100) / 100;

/** Tiers in ascending order of `from`. */
export const sortedTiers = (tiers: readonly CommissionTier[]) => [...tiers].sort((a, b) => a.from - b.from);

/** Problems with a set of rules (empty when they are valid): each is {path, message}. */
export function checkCommissionRules(rules: CommissionRules): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (!rules.tiers.length) out.push({ path: 'rules.tiers', message: 'at least one tier' });
  const froms = rules.tiers.map((t) => t.from);
  if (new Set(froms).size !== froms.length)
    out.push({ path: 'rules.tiers', message: 'two tiers start at the same amount' });
  const scores = rules.bonusMultipliers.map((b) => b.minScore);
  if (new Set(scores).size !== scores.length)
    out.push({ path: 'rules.bonusMultipliers', message: 'two bands have the same minScore' });
  return out;
}

/** The multiplier for a score: the band with the highest minScore ≤ score; 1 when none applies. */
export function multiplierFor(bands: readonly BonusMultiplier[], score: number | null): number {
  if (score === null || !Number.isFinite(score)) return 1;
  let best: BonusMultiplier | null = null;
  for (const b of bands) if (b.minScore <= score && (!best || b.minScore > best.minScore)) best = b;
  return best ? best.multiplier : 1;
}

/**
 * The commission of one manager for one period, line by line. Tiers are marginal: each rate
 * applies only to the slice of sales between its `from` and the next tier's (sales below the
 * first tier's `from` earn nothing). Lines are rounded to cents; the total is capped.
 */
export function computeCommission(
  rules: CommissionRules,
  sales: number,
  score: number | null,
): CommissionResult {
  const thresholdMet = sales > 0 && sales >= rules.threshold;
  const tiers = sortedTiers(rules.tiers);
  const lines: CommissionLine[] = [];
  if (thresholdMet) {
    tiers.forEach((tier, i) => {
      const to = tiers[i + 1]?.from ?? null;
      const base = Math.max(0, Math.min(sales, to ?? Infinity) - tier.from);
      if (base <= 0) return;
      lines.push({
        from: tier.from,
        to,
        rate: tier.rate,
        base: money(base),
        amount: money(base * tier.rate),
      });
    });
  }
  const commission = money(lines.reduce((s, l) => s + l.amount, 0));
  const multiplier = multiplierFor(rules.bonusMultipliers, score);
  const gross = money(commission * multiplier);
  const capped = rules.cap !== null && gross > rules.cap;
  return {
    sales: money(sales),
    thresholdMet,
    lines,
    commission,
    score,
    multiplier,
    gross,
    capped,
    total: capped ? money(rules.cap!) : gross,
  };
}
