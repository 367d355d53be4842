import { describe, expect, it } from 'vitest';
import { KPI_DEFINITIONS, KPI_KEYS, isKpiKey, kpiDefinition } from './kpis.js';
import { countOrNull, meanOf, medianOf, npsOf, rateOf, roundKpi } from './stats.js';
import { checkShares, elapsedFraction, equalShares, goalProgress, splitTarget } from './goals.js';
import { computeScorecard, kpiAttainment } from './scorecard.js';
import { addLocalDays, daysInclusive, isCalendarDate, periodContaining } from './period.js';

describe('the KPI registry', () => {
  it('defines every key of API.md once, in both languages', () => {
    expect(KPI_DEFINITIONS.map((d) => d.key)).toEqual([...KPI_KEYS]);
    expect(KPI_KEYS).toHaveLength(14);
    for (const d of KPI_DEFINITIONS) {
      expect(
        d.name['zh-CN'] && d.name['en-US'] && d.description['zh-CN'] && d.description['en-US'],
      ).toBeTruthy();
    }
    expect(isKpiKey('nps')).toBe(true);
    expect(isKpiKey('profit')).toBe(false);
    expect(kpiDefinition('churn_rate')).toMatchObject({ direction: 'lower', additive: false, unit: 'ratio' });
    expect(kpiDefinition('sales_amount')).toMatchObject({
      direction: 'higher',
      additive: true,
      unit: 'currency',
    });
  });
});

describe('KPI statistics', () => {
  it('medians of odd and even counts, null for none', () => {
    expect(medianOf([5, 1, 3])).toBe(3);
    expect(medianOf([4, 1, 3, 10])).toBe(3.5);
    expect(medianOf([])).toBeNull();
  });
  it('means, rates and NPS; nothing measured is null, not 0', () => {
    expect(meanOf([4, 5, 3])).toBe(4);
    expect(meanOf([])).toBeNull();
    expect(rateOf(1, 4)).toBe(0.25);
    expect(rateOf(0, 0)).toBeNull();
    // 2 promoters, 1 passive, 1 detractor: (2 − 1) / 4 = 25
    expect(npsOf([10, 9, 8, 3])).toBe(25);
    expect(npsOf([6, 0])).toBe(-100);
    expect(npsOf([])).toBeNull();
    expect(roundKpi(2 / 3, 4)).toBe(0.6667);
    expect(roundKpi(null, 2)).toBeNull();
    expect(countOrNull(0)).toBeNull();
    expect(countOrNull(3)).toBe(3);
  });
});

describe('goal progress against the straight line', () => {
  const start = Date.parse('2026-04-01T00:00:00+08:00');
  const end = Date.parse('2026-05-01T00:00:00+08:00');
  it('elapsed fraction is linear in time and clipped to the period', () => {
    expect(elapsedFraction(start, end, start)).toBe(0);
    expect(elapsedFraction(start, end, Date.parse('2026-04-16T00:00:00+08:00'))).toBe(0.5);
    expect(elapsedFraction(start, end, end + 1e9)).toBe(1);
    expect(elapsedFraction(start, end, start - 1)).toBe(0);
  });
  it('an additive KPI is off track at 10% or more behind, not at 9%', () => {
    const base = { target: 1000, fraction: 0.5, direction: 'higher' as const, additive: true };
    expect(goalProgress({ ...base, actual: 450 })).toEqual({
      actual: 450,
      expected: 500,
      ratio: 0.9,
      offTrack: true,
    });
    expect(goalProgress({ ...base, actual: 455 }).offTrack).toBe(false);
    expect(goalProgress({ ...base, actual: 600 })).toMatchObject({ ratio: 1.2, offTrack: false });
    // no orders yet: the sum so far is 0, which is behind
    expect(goalProgress({ ...base, actual: null })).toMatchObject({ actual: 0, offTrack: true });
    // nothing expected at the very start
    expect(goalProgress({ ...base, fraction: 0, actual: null })).toEqual({
      actual: 0,
      expected: 0,
      ratio: null,
      offTrack: false,
    });
  });
  it('a rate must hold its target all period; lower-is-better is off track 10% above', () => {
    const rate = { target: 0.8, fraction: 0.25, direction: 'higher' as const, additive: false };
    expect(goalProgress({ ...rate, actual: 0.72 })).toMatchObject({ expected: 0.8, offTrack: true });
    expect(goalProgress({ ...rate, actual: 0.73 }).offTrack).toBe(false);
    expect(goalProgress({ ...rate, actual: null })).toEqual({
      actual: null,
      expected: 0.8,
      ratio: null,
      offTrack: false,
    });
    const hours = { target: 10, fraction: 0.5, direction: 'lower' as const, additive: false };
    expect(goalProgress({ ...hours, actual: 11 }).offTrack).toBe(true);
    expect(goalProgress({ ...hours, actual: 10.9 }).offTrack).toBe(false);
    const complaints = { target: 0, fraction: 0.5, direction: 'lower' as const, additive: true };
    expect(goalProgress({ ...complaints, actual: 1 }).offTrack).toBe(true);
    expect(goalProgress({ ...complaints, actual: null }).offTrack).toBe(false);
  });
  it('cascades a team target by shares; rates are not divided', () => {
    const eq = equalShares(['a', 'b', 'c', 'd']);
    expect(eq).toEqual({ a: 0.25, b: 0.25, c: 0.25, d: 0.25 });
    expect(splitTarget(1000, eq, true)).toEqual({ a: 250, b: 250, c: 250, d: 250 });
    expect(splitTarget(1000, { a: 0.6, b: 0.4 }, true)).toEqual({ a: 600, b: 400 });
    expect(splitTarget(0.9, { a: 0.6, b: 0.4 }, false)).toEqual({ a: 0.9, b: 0.9 });
    expect(checkShares({ a: 0.6, b: 0.4 })).toBeNull();
    expect(checkShares({ a: 0.6, b: 0.3 })).toMatch(/add up to 1/);
    expect(checkShares({ a: 1.2, b: -0.2 })).toMatch(/above 0/);
    expect(checkShares({})).toMatch(/at least one/);
  });
});

describe('scorecard arithmetic', () => {
  it('scores each KPI against its target with a cap and weights them into 100', () => {
    const items = [
      { kpi: 'sales_amount', weight: 50, target: 100_000, cap: 1.2 },
      { kpi: 'task_on_time_rate', weight: 30, target: 0.9, cap: 1 },
      { kpi: 'complaint_count', weight: 20, target: 2, cap: 1.5, lowerIsBetter: true },
    ];
    // sales 150% capped at 120% → 60; on-time 0.45/0.9 = 50% → 15; complaints 2/4 = 50% → 10
    const r = computeScorecard(items, { sales_amount: 150_000, task_on_time_rate: 0.45, complaint_count: 4 });
    expect(r.items.map((i) => Math.round(i.points * 100) / 100)).toEqual([60, 15, 10]);
    expect(r.overall).toBe(85);
    // unknown KPIs score 0; no complaints at all reaches the cap
    const r2 = computeScorecard(items, {
      sales_amount: 100_000,
      task_on_time_rate: null,
      complaint_count: 0,
    });
    expect(r2.overall).toBe(50 + 0 + 30);
    expect(kpiAttainment({ kpi: 'x', weight: 1, target: 10, cap: 1 }, -5)).toBe(0);
    expect(computeScorecard([], {}).overall).toBeNull();
  });
});

describe('periods', () => {
  it('months, quarters and years containing a date; real calendar dates only', () => {
    expect(periodContaining('month', '2024-02-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodContaining('quarter', '2026-08-15')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(periodContaining('year', '2026-08-15')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    expect(daysInclusive('2026-04-01', '2026-04-30')).toBe(30);
    expect(addLocalDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
