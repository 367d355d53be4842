/**
 * Scorecard arithmetic: each KPI scored against its target, capped, and weighted into an overall
 * score out of 100.
 */

export type ScorecardItemInput = {
  kpi: string;
  weight: number;
  target: number;
  /** Highest attainment counted, e.g. 1.2 = 120%. */
  cap: number;
  lowerIsBetter?: boolean;
};

export type ScoredItem = {
  kpi: string;
  actual: number | null;
  /** actual / target (target / actual when lower is better), capped; 0 when unknown. */
  attainment: number;
  weight: number;
  /** attainment × weight share × 100. */
  points: number;
};

/** Attainment of one KPI: unknown counts 0; reaching a lower-is-better target of 0 with 0 is 100%. */
export function kpiAttainment(item: ScorecardItemInput, actual: number | null): number {
  if (actual === null || !Number.isFinite(actual)) return 0;
  let raw: number;
  if (item.lowerIsBetter) raw = actual <= 0 ? item.cap : item.target <= 0 ? 0 : item.target / actual;
  else raw = item.target <= 0 ? item.cap : actual / item.target;
  return Math.max(0, Math.min(item.cap, raw));
}

/** Scores every item and the overall score (0..100 × the highest cap). Weights are relative. */
export function computeScorecard(
  items: readonly ScorecardItemInput[],
  actuals: Record<string, number | null>,
): { items: ScoredItem[]; overall: number | null } {
  const totalWeight = items.reduce((s, i) => s + Math.max(0, i.weight), 0);
  if (totalWeight <= 0) return { items: [], overall: null };
  const scored = items.map((i) => {
    const actual = actuals[i.kpi] ?? null;
    const a = kpiAttainment(i, actual);
    const points = (a * Math.max(0, i.weight) * 100) / totalWeight;
    return { kpi: i.kpi, actual, attainment: a, weight: i.weight, points };
  });
  const overall = scored.reduce((s, i) => s + i.points, 0);
  return { items: scored, overall: Math.round(overall * 100) / 100 };
}
