import { describe, expect, it } from 'vitest';
import { churnIndicators, DEFAULT_CHURN_THRESHOLDS, explainChurn, type ChurnFacts } from './churn.js';

const calm: ChurnFacts = {
  daysSinceLastPurchase: 20,
  usualIntervalDays: 30,
  pAlive: 0.9,
  recentPurchases: 3,
  earlierPurchases: 3,
  recentComplaints: 0,
  satisfactionTrend: 0.2,
  overdueVisits: 0,
};

describe('churnIndicators', () => {
  it('no alert for a calm customer', () =>
    expect(churnIndicators(calm)).toEqual({ alert: false, reasons: [] }));
  it.each<[Partial<ChurnFacts>, { code: string; value: number; threshold: number }]>([
    [
      { daysSinceLastPurchase: 95, usualIntervalDays: 40 },
      { code: 'overdue_vs_usual_interval', value: 95, threshold: 60 },
    ],
    [{ pAlive: 0.3 }, { code: 'p_alive_low', value: 0.3, threshold: 0.5 }],
    [
      { recentPurchases: 1, earlierPurchases: 4 },
      { code: 'purchase_frequency_drop', value: 0.25, threshold: 0.5 },
    ],
    [{ recentComplaints: 2 }, { code: 'recent_complaints', value: 2, threshold: 2 }],
    [{ satisfactionTrend: -1.5 }, { code: 'satisfaction_drop', value: -1.5, threshold: -1 }],
    [{ overdueVisits: 1 }, { code: 'overdue_visits', value: 1, threshold: 1 }],
  ])('%o fires %o', (change, reason) => {
    const r = churnIndicators({ ...calm, ...change });
    expect(r).toEqual({ alert: true, reasons: [reason] });
  });
  it('a very frequent buyer is not overdue before overdueMinDays (14) days', () => {
    expect(churnIndicators({ ...calm, daysSinceLastPurchase: 10, usualIntervalDays: 2 }).alert).toBe(false);
    expect(churnIndicators({ ...calm, daysSinceLastPurchase: 15, usualIntervalDays: 2 }).reasons).toEqual([
      { code: 'overdue_vs_usual_interval', value: 15, threshold: 14 },
    ]);
  });
  it('missing facts never fire, and too few earlier purchases do not count as a drop', () =>
    expect(
      churnIndicators({
        ...calm,
        daysSinceLastPurchase: null,
        pAlive: null,
        satisfactionTrend: null,
        recentPurchases: 0,
        earlierPurchases: 1,
      }).alert,
    ).toBe(false));
  it('minReasons requires several indicators', () => {
    const t = { ...DEFAULT_CHURN_THRESHOLDS, minReasons: 2 };
    expect(churnIndicators({ ...calm, pAlive: 0.2 }, t).alert).toBe(false);
    expect(churnIndicators({ ...calm, pAlive: 0.2, overdueVisits: 3 }, t).alert).toBe(true);
  });
  it('explains with facts and thresholds', () => {
    const e = explainChurn({ ...calm, pAlive: 0.2 });
    expect(e.result).toBe('alert');
    expect(e.inputs.pAlive).toBe(0.2);
    expect(e.parameters.pAliveBelow).toBe(0.5);
  });
});
