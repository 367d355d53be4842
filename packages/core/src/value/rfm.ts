/**
 * RFM scoring within an organization and the named segments (docs/decisions/0011).
 */
import type { Explanation } from './explain.js';

export type RfmInput = {
  customerId: string;
  /** Days from the last purchase to the scoring date (≥ 0). */
  daysSinceLastPurchase: number;
  /** Number of purchases (transactions) in the scoring window. */
  frequency: number;
  /** Money spent in the scoring window, currency units. */
  monetary: number;
};

export type RfmSegment =
  'champions' | 'loyal' | 'potential' | 'new' | 'at_risk' | 'cant_lose' | 'hibernating' | 'lost';

export type RfmScore = {
  customerId: string;
  r: number;
  f: number;
  m: number;
  /** Combined frequency–monetary score: the mean of F and M rounded half up. */
  fm: number;
  segment: RfmSegment;
};

/**
 * The segment grid: SEGMENT_GRID[5 − R][FM − 1]. Rows R = 5 (most recent) down to 1, columns
 * FM = 1..5. Documented in docs/decisions/0011.
 */
export const RFM_SEGMENT_GRID: readonly (readonly RfmSegment[])[] = [
  ['new', 'potential', 'potential', 'champions', 'champions'], // R = 5
  ['potential', 'potential', 'potential', 'loyal', 'champions'], // R = 4
  ['hibernating', 'hibernating', 'loyal', 'loyal', 'loyal'], // R = 3
  ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cant_lose'], // R = 2
  ['lost', 'lost', 'at_risk', 'at_risk', 'cant_lose'], // R = 1
];

/**
 * Quintile score 1–5 of each value within the population: 1 + ⌊5 · (share of values strictly
 * below it)⌋. Tied values always get the same score (the lowest their rank allows), and the result
 * does not depend on input order. Higher value → higher score.
 */
export function quintileScores(values: ArrayLike<number>): number[] {
  return Array.from(quintileScoreArray(values));
}

/** `quintileScores` into a byte array (for a whole organization's customers at once). */
export function quintileScoreArray(values: ArrayLike<number>): Uint8Array {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    out[i] = Math.min(5, 1 + Math.floor((5 * lo) / n));
  }
  return out;
}

/**
 * R, F and M scores of a population given as parallel arrays (days since the last purchase,
 * purchases, money spent): the same scores as `rfmScores`, without an object per customer.
 */
export function rfmScoreArrays(
  daysSinceLastPurchase: ArrayLike<number>,
  frequency: ArrayLike<number>,
  monetary: ArrayLike<number>,
): { r: Uint8Array; f: Uint8Array; m: Uint8Array } {
  return {
    r: quintileScoreArray(Float64Array.from(daysSinceLastPurchase, (d) => -d)),
    f: quintileScoreArray(frequency),
    m: quintileScoreArray(monetary),
  };
}

/** Combined frequency–monetary score: the mean of F and M rounded half up. */
export const rfmFm = (f: number, m: number): number => Math.floor((f + m + 1) / 2);

/** Segment of an (R, FM) pair by RFM_SEGMENT_GRID (or a custom grid of the same shape). */
export function rfmSegment(r: number, fm: number, grid = RFM_SEGMENT_GRID): RfmSegment {
  return grid[5 - r]![fm - 1]!;
}

/**
 * R, F, M scores 1–5 within the given customers (one organization) and their segment. Recency is
 * scored on −days so the most recent customers get 5; F and M score high for high values.
 */
export function rfmScores(customers: readonly RfmInput[], grid = RFM_SEGMENT_GRID): RfmScore[] {
  const { r, f, m } = rfmScoreArrays(
    customers.map((c) => c.daysSinceLastPurchase),
    customers.map((c) => c.frequency),
    customers.map((c) => c.monetary),
  );
  return customers.map((c, i) => {
    const fm = rfmFm(f[i]!, m[i]!);
    return {
      customerId: c.customerId,
      r: r[i]!,
      f: f[i]!,
      m: m[i]!,
      fm,
      segment: rfmSegment(r[i]!, fm, grid),
    };
  });
}

/**
 * Per-customer RFM inputs from transactions as of a date: purchases on the same day are one
 * transaction; only purchases on or before `asOf` (and on or after `since`, if given) count.
 * Dates are ISO 'YYYY-MM-DD'.
 */
export function rfmInputsFromTransactions(
  transactions: readonly { customerId: string; date: string; amount: number }[],
  asOf: string,
  since?: string,
): RfmInput[] {
  const by = new Map<string, { days: Set<string>; last: string; total: number }>();
  const end = asOf.slice(0, 10);
  const start = since?.slice(0, 10);
  for (const t of transactions) {
    const d = t.date.slice(0, 10);
    if (d > end || (start && d < start)) continue;
    let c = by.get(t.customerId);
    if (!c) by.set(t.customerId, (c = { days: new Set(), last: d, total: 0 }));
    c.days.add(d);
    if (d > c.last) c.last = d;
    c.total += t.amount;
  }
  const dayMs = 86_400_000;
  const endMs = Date.parse(`${end}T00:00:00Z`);
  return [...by.entries()]
    .sort((p, q) => (p[0] < q[0] ? -1 : p[0] > q[0] ? 1 : 0))
    .map(([customerId, c]) => ({
      customerId,
      daysSinceLastPurchase: Math.round((endMs - Date.parse(`${c.last}T00:00:00Z`)) / dayMs),
      frequency: c.days.size,
      monetary: c.total,
    }));
}

/**
 * Why a customer has its RFM scores: inputs, the population's score boundaries (the lowest value
 * that earns each score), and the grid cell that gives the segment.
 */
export function explainRfm(customerId: string, customers: readonly RfmInput[]): Explanation {
  const scores = rfmScores(customers);
  const i = customers.findIndex((c) => c.customerId === customerId);
  if (i < 0) throw new RangeError(`explainRfm: unknown customer ${customerId}`);
  const c = customers[i]!;
  const s = scores[i]!;
  const lowest = (vals: number[], sc: number[], score: number): number | null => {
    let best: number | null = null;
    vals.forEach((v, j) => {
      if (sc[j] === score && (best === null || v < best)) best = v;
    });
    return best;
  };
  const fVals = customers.map((x) => x.frequency);
  const mVals = customers.map((x) => x.monetary);
  const rVals = customers.map((x) => x.daysSinceLastPurchase);
  const maxDaysFor = (score: number): number | null => {
    let worst: number | null = null;
    rVals.forEach((v, j) => {
      if (scores[j]!.r === score && (worst === null || v > worst)) worst = v;
    });
    return worst;
  };
  return {
    score: 'rfm',
    result: s.segment,
    model: 'rfm_quintiles_v1',
    inputs: { daysSinceLastPurchase: c.daysSinceLastPurchase, frequency: c.frequency, monetary: c.monetary },
    parameters: { population: customers.length, r: s.r, f: s.f, m: s.m, fm: s.fm },
    reasons: [
      { code: 'recency_score', value: s.r, threshold: maxDaysFor(s.r) },
      {
        code: 'frequency_score',
        value: s.f,
        threshold: lowest(
          fVals,
          scores.map((x) => x.f),
          s.f,
        ),
      },
      {
        code: 'monetary_score',
        value: s.m,
        threshold: lowest(
          mVals,
          scores.map((x) => x.m),
          s.m,
        ),
      },
      { code: `segment_${s.segment}`, value: `R${s.r}FM${s.fm}` },
    ],
  };
}
