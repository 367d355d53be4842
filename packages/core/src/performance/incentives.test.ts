import { describe, expect, it } from 'vitest';
import {
  checkCommissionRules,
  computeCommission,
  multiplierFor,
  type CommissionRules,
} from './commission.js';
import { creditedHours, nextLevel, promotionEligibility, tenureMonths } from './promotion.js';

const rules: CommissionRules = {
  tiers: [
    { from: 0, rate: 0.02 },
    { from: 10_000, rate: 0.05 },
    { from: 50_000, rate: 0.1 },
  ],
  threshold: 5_000,
  cap: 5_000,
  bonusMultipliers: [
    { minScore: 0, multiplier: 0.8 },
    { minScore: 80, multiplier: 1 },
    { minScore: 100, multiplier: 1.2 },
  ],
};

describe('commission', () => {
  it('applies each tier to its slice only (marginal), then the score multiplier', () => {
    // 10,000 × 2% = 200; 20,000 × 5% = 1,000 → 1,200; score 85 → × 1
    const r = computeCommission(rules, 30_000, 85);
    expect(r.lines).toEqual([
      { from: 0, to: 10_000, rate: 0.02, base: 10_000, amount: 200 },
      { from: 10_000, to: 50_000, rate: 0.05, base: 20_000, amount: 1_000 },
    ]);
    expect(r).toMatchObject({ commission: 1_200, multiplier: 1, gross: 1_200, capped: false, total: 1_200 });
    // score 100 → × 1.2 = 1,440; score 50 → × 0.8 = 960
    expect(computeCommission(rules, 30_000, 100).total).toBe(1_440);
    expect(computeCommission(rules, 30_000, 50).total).toBe(960);
  });

  it('nothing below the threshold; the threshold itself qualifies', () => {
    const below = computeCommission(rules, 4_999.99, 90);
    expect(below).toMatchObject({ thresholdMet: false, lines: [], commission: 0, total: 0 });
    expect(computeCommission(rules, 5_000, 90)).toMatchObject({ thresholdMet: true, total: 100 });
  });

  it('caps the payout after the multiplier', () => {
    // 200 + 2,000 + 10% × 30,000 = 3,000 → 5,200 × 1.2 = 6,240 → capped at 5,000
    const r = computeCommission(rules, 80_000, 120);
    expect(r.lines.map((l) => l.amount)).toEqual([200, 2_000, 3_000]);
    expect(r).toMatchObject({ commission: 5_200, gross: 6_240, capped: true, total: 5_000 });
    expect(computeCommission({ ...rules, cap: null }, 80_000, 120).total).toBe(6_240);
  });

  it('tiers starting above 0 pay nothing below their start; unsorted tiers are sorted', () => {
    const r = computeCommission(
      {
        ...rules,
        threshold: 0,
        tiers: [
          { from: 20_000, rate: 0.1 },
          { from: 1_000, rate: 0.01 },
        ],
      },
      25_000.5,
      null,
    );
    expect(r.lines).toEqual([
      { from: 1_000, to: 20_000, rate: 0.01, base: 19_000, amount: 190 },
      { from: 20_000, to: null, rate: 0.1, base: 5_000.5, amount: 500.05 },
    ]);
    expect(r).toMatchObject({ multiplier: 1, total: 690.05 });
  });

  it('multiplier bands and rule checks', () => {
    expect(multiplierFor(rules.bonusMultipliers, 79.99)).toBe(0.8);
    expect(multiplierFor(rules.bonusMultipliers, 80)).toBe(1);
    expect(multiplierFor([{ minScore: 50, multiplier: 1.5 }], 10)).toBe(1);
    expect(multiplierFor(rules.bonusMultipliers, null)).toBe(1);
    expect(checkCommissionRules(rules)).toEqual([]);
    expect(checkCommissionRules({ ...rules, tiers: [] })[0]!.path).toBe('rules.tiers');
    expect(
      checkCommissionRules({
        ...rules,
        tiers: [
          { from: 0, rate: 0.1 },
          { from: 0, rate: 0.2 },
        ],
      }),
    ).toHaveLength(1);
  });
});

describe('promotion eligibility', () => {
  const levels = [
    { code: 'senior', name: 'Senior', rank: 2, criteria: {} },
    { code: 'junior', name: 'Junior', rank: 1, criteria: {} },
    { code: 'key_account', name: 'Key account', rank: 3, criteria: {} },
  ];
  it('finds the next level by rank', () => {
    expect(nextLevel(levels, 'junior')?.code).toBe('senior');
    expect(nextLevel(levels, 'senior')?.code).toBe('key_account');
    expect(nextLevel(levels, 'key_account')).toBeNull();
    expect(nextLevel(levels, 'intern')?.code).toBe('junior');
    expect(nextLevel([], 'junior')).toBeNull();
  });

  it('counts whole months of tenure and hours not failed', () => {
    expect(tenureMonths('2025-01-15', '2026-01-14')).toBe(11);
    expect(tenureMonths('2025-01-15', '2026-01-15')).toBe(12);
    expect(tenureMonths(null, '2026-01-15')).toBeNull();
    expect(
      creditedHours([
        { course: 'a', hours: 8, result: 'passed' },
        { course: 'b', hours: 4.5, result: 'attended' },
        { course: 'c', hours: 10, result: 'failed' },
      ]),
    ).toBe(12.5);
  });

  it('lists every criterion not met, honouring the KPI direction', () => {
    const criteria = {
      minTenureMonths: 12,
      kpis: [
        { kpi: 'sales_amount', min: 1_000 },
        { kpi: 'complaint_count', min: 2 },
        { kpi: 'nps', min: 30 },
      ],
      trainingHours: 20,
      requiredCourses: ['Negotiation', 'Compliance'],
    };
    const r = promotionEligibility(criteria, {
      tenureMonths: 6,
      kpis: { sales_amount: 1_270, complaint_count: 3, nps: null },
      training: [
        { course: ' negotiation ', hours: 8, result: 'passed' },
        { course: 'Compliance', hours: 4, result: 'failed' },
      ],
    });
    expect(r.eligible).toBe(false);
    expect(r.lacking).toEqual([
      { criterion: 'tenure', required: 12, actual: 6 },
      { criterion: 'kpi', kpi: 'complaint_count', required: 2, actual: 3, direction: 'lower' },
      { criterion: 'kpi', kpi: 'nps', required: 30, actual: null, direction: 'higher' },
      { criterion: 'training_hours', required: 20, actual: 8 },
      { criterion: 'course', course: 'Compliance' },
    ]);
    const ok = promotionEligibility(criteria, {
      tenureMonths: 12,
      kpis: { sales_amount: 1_000, complaint_count: 2, nps: 30 },
      training: [
        { course: 'Negotiation', hours: 12, result: 'passed' },
        { course: 'Compliance', hours: 8, result: 'passed' },
      ],
    });
    expect(ok).toEqual({ eligible: true, lacking: [] });
    expect(promotionEligibility({}, { tenureMonths: null, kpis: {}, training: [] }).eligible).toBe(true);
  });
});
