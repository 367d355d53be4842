import { describe, expect, it } from 'vitest';
import { loadCdnow } from '../../test-support/cdnow.js';
import { clvExplanation, customerValue, customerValueScorer, explainClv } from './clv.js';
import { DEFAULT_LIFECYCLE_RULES, lifecycleOfDays, lifecycleStage } from './lifecycle.js';
import { rfmFm, rfmScoreArrays, rfmScores, rfmSegment } from './rfm.js';
import { buildSummary } from './summary.js';
import { TIER_LETTERS, assignTiers, ruleTierArrays, type TierRule } from './tiers.js';
import { dayNumber, isoDate } from './time.js';

// The array and cached forms the value-refresh job uses for a whole organization must give the
// same results as the per-customer functions they stand in for.

/** A small deterministic PRNG (mulberry32), so failures reproduce. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const bg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const gg = { p: 6.25, q: 3.74, gamma: 15.44 };
const relClose = (got: number, want: number) =>
  expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));

describe('customerValueScorer', () => {
  it('gives customerValue’s numbers for every CDNOW customer (weeks, 52-week horizon)', () => {
    const opts = { unit: 'week' as const, horizon: 52, annualDiscountRate: 0.1 };
    const score = customerValueScorer(bg, gg, opts);
    const summary = buildSummary(loadCdnow(), '1997-09-30', 'week');
    for (const s of summary) {
      const want = customerValue(s, bg, gg, opts);
      const got = score(s);
      relClose(got.pAlive, want.pAlive);
      relClose(got.expectedPurchases, want.expectedPurchases);
      relClose(got.expectedSpend, want.expectedSpend);
      relClose(got.clv, want.clv);
      // The explanation from stored numbers is the one explainClv builds.
      const e = clvExplanation(s, bg, gg, opts, got);
      const w = explainClv(s, bg, gg, opts);
      expect(e.inputs).toEqual(w.inputs);
      expect(e.parameters).toEqual(w.parameters);
      expect(e.reasons.map((r) => r.code)).toEqual(w.reasons.map((r) => r.code));
    }
  });

  it('shares the horizon sums between customers with the same x and T, not the same t_x', () => {
    const opts = { unit: 'day' as const, horizon: 364, annualDiscountRate: 0.05 };
    const score = customerValueScorer(bg, gg, opts);
    const early = { customerId: 'early', x: 3, tx: 10, T: 400, monetary: 20 };
    const late = { customerId: 'late', x: 3, tx: 390, T: 400, monetary: 20 };
    expect(score(early).clv).toBeLessThan(score(late).clv);
    relClose(score(early).clv, customerValue(early, bg, gg, opts).clv);
    relClose(score(late).clv, customerValue(late, bg, gg, opts).clv);
  });
});

describe('lifecycleOfDays', () => {
  it('walks random histories exactly as lifecycleStage does', () => {
    const rand = prng(5);
    const base = dayNumber('2024-01-01');
    for (let k = 0; k < 3000; k++) {
      const count = 1 + Math.floor(rand() * 25);
      const set = new Set<number>();
      // Mixed rhythms: bursts of close days and long pauses.
      let d = base + Math.floor(rand() * 200);
      for (let j = 0; j < count; j++) {
        set.add(d);
        d += rand() < 0.2 ? 100 + Math.floor(rand() * 300) : 1 + Math.floor(rand() * 40);
      }
      const days = [...set].sort((p, q) => p - q);
      const end = days[days.length - 1]! + Math.floor(rand() * 500);
      const want = lifecycleStage(days.map(isoDate), isoDate(end), DEFAULT_LIFECYCLE_RULES);
      const padded = Int32Array.from([0, 0, ...days, 0]);
      const got = lifecycleOfDays(padded, 2, 2 + days.length, end, DEFAULT_LIFECYCLE_RULES);
      expect(got.stage).toBe(want.stage);
      expect(got.sinceDay === null ? null : isoDate(got.sinceDay)).toBe(want.since);
      expect(got.usualIntervalDays).toBe(want.usualIntervalDays);
      expect(got.daysSinceLastPurchase).toBe(want.daysSinceLastPurchase);
      expect(got.purchaseDays).toBe(want.purchaseDays);
    }
  });

  it('reports each stage entered, in order', () => {
    const days = ['2025-01-01', '2026-01-10'].map(dayNumber);
    const seen: string[] = [];
    lifecycleOfDays(days, 0, 2, dayNumber('2026-05-01'), DEFAULT_LIFECYCLE_RULES, (s, d) =>
      seen.push(`${s}@${isoDate(d)}`),
    );
    expect(seen).toEqual(
      lifecycleStage(['2025-01-01', '2026-01-10'], '2026-05-01').history.map((h) => `${h.stage}@${h.since}`),
    );
  });
});

describe('population arrays', () => {
  it('rfmScoreArrays gives rfmScores’ scores and segments', () => {
    const rand = prng(11);
    const inputs = Array.from({ length: 2000 }, (_, i) => ({
      customerId: String(i),
      daysSinceLastPurchase: Math.floor(rand() * 700),
      frequency: 1 + Math.floor(rand() * 12),
      monetary: Math.round(rand() * rand() * 5000),
    }));
    const want = rfmScores(inputs);
    const got = rfmScoreArrays(
      inputs.map((c) => c.daysSinceLastPurchase),
      inputs.map((c) => c.frequency),
      inputs.map((c) => c.monetary),
    );
    want.forEach((w, i) => {
      expect([got.r[i], got.f[i], got.m[i]]).toEqual([w.r, w.f, w.m]);
      expect(rfmSegment(got.r[i]!, rfmFm(got.f[i]!, got.m[i]!))).toBe(w.segment);
    });
  });

  it.each<TierRule>([
    { kind: 'percentile', basis: 'historic', cutoffs: { A: 0.8, B: 0.5, C: 0.2 } },
    { kind: 'threshold', basis: 'historic', cutoffs: { A: 1000, B: 300, C: 50 } },
  ])('ruleTierArrays gives assignTiers’ rule tiers and percentiles (%o)', (rule) => {
    const rand = prng(3);
    const values = Array.from({ length: 1500 }, () => (rand() < 0.1 ? 0 : Math.round(rand() * 2000)));
    const want = assignTiers(
      values.map((v, i) => ({ customerId: String(i), historicValue: v, predictedValue: null })),
      rule,
    );
    const got = ruleTierArrays(values, rule);
    want.forEach((w, i) => {
      expect(TIER_LETTERS[got.tiers[i]!]).toBe(w.ruleTier);
      expect(got.percentiles ? got.percentiles[i] : null).toBe(w.percentile);
    });
  });
});
