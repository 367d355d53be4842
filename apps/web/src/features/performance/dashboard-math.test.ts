import { describe, expect, it } from 'vitest';
import { monthTarget, radarValue, scoreBuckets, trendMonths } from './dashboard-math';
import { periodOf } from './period';
import dayjs from 'dayjs';

describe('dashboard arithmetic', () => {
  it('trends over six months for a month or a quarter, and over the twelve months of a year', () => {
    const month = trendMonths(periodOf('month', dayjs('2026-03-15')));
    expect(month.map((m) => m.label)).toEqual([
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    expect(month[4]).toEqual({ from: '2026-02-01', to: '2026-02-28', label: '2026-02' });
    const quarter = trendMonths(periodOf('quarter', dayjs('2026-05-02')));
    expect(quarter.map((m) => m.label)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    const year = trendMonths(periodOf('year', dayjs('2024-07-01')));
    expect(year).toHaveLength(12);
    expect(year[0]!.from).toBe('2024-01-01');
    expect(year[11]!.to).toBe('2024-12-31');
  });

  it('spreads a goal over its days: a quarter target of 9,000 gives each month its share of days', () => {
    const q = [{ periodStart: '2026-01-01', periodEnd: '2026-03-31', target: 9000 }];
    // 90 days: January 31, February 28, March 31.
    expect(monthTarget(q, { from: '2026-01-01', to: '2026-01-31', label: '' })).toBe(3100);
    expect(monthTarget(q, { from: '2026-02-01', to: '2026-02-28', label: '' })).toBe(2800);
    expect(monthTarget(q, { from: '2026-04-01', to: '2026-04-30', label: '' })).toBeNull();
    const both = [...q, { periodStart: '2026-02-01', periodEnd: '2026-02-28', target: 500 }];
    expect(monthTarget(both, { from: '2026-02-01', to: '2026-02-28', label: '' })).toBe(3300);
  });

  it('counts scores in buckets of ten, the top score in the last bucket, no score left out', () => {
    const b = scoreBuckets([0, 9.99, 10, 55, 100, null]);
    expect(b).toHaveLength(10);
    expect(b.map((x) => x.count)).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
    // A cap of 120% lets scores pass 100: the buckets grow to hold them.
    const capped = scoreBuckets([118]);
    expect(capped).toHaveLength(12);
    expect(capped[11]).toEqual({ from: 110, to: 120, count: 1 });
  });

  it('puts every radar KPI on 0..100', () => {
    expect(radarValue('retention_rate', 0.825)).toBe(82.5);
    expect(radarValue('profile_completeness', 64)).toBe(64);
    expect(radarValue('avg_satisfaction', 4)).toBe(80);
    expect(radarValue('nps', -20)).toBe(40);
    expect(radarValue('nps', 100)).toBe(100);
    expect(radarValue('visit_completion_rate', null)).toBeNull();
  });
});
