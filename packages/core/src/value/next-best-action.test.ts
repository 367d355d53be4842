import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NBA_CONFIG,
  explainNextBestAction,
  rankNextBestActions,
  scoreNextBestAction,
} from './next-best-action.js';

describe('next-best action', () => {
  const book = [
    { customerId: 'steady', clv: 10_000, pAlive: 0.95, pAlivePrevious: 0.96 },
    { customerId: 'slipping', clv: 8_000, pAlive: 0.6, pAlivePrevious: 0.85 },
    { customerId: 'small-lost', clv: 100, pAlive: 0.1 },
    {
      customerId: 'alerted',
      clv: 3_000,
      pAlive: 0.7,
      churnReasons: [{ code: 'recent_complaints', value: 3, threshold: 2 }],
    },
    { customerId: 'overdue', clv: 2_000, pAlive: 0.9, overdueVisits: 2 },
  ];
  it('ranks by value at risk boosted by the reasons that fired', () => {
    const ranked = rankNextBestActions(book);
    expect(ranked.map((r) => [r.customerId, r.action])).toEqual([
      ['slipping', 'retain'], // 8000 × 0.4 × 1.5 = 4800
      ['alerted', 'retain'], // 3000 × 0.3 × 1.5 = 1350
      ['steady', 'check_in'], // 10000 × 0.05 = 500
      ['overdue', 'visit'], // 2000 × 0.1 × 1.25 = 250
      ['small-lost', 'retain'], // 100 × 0.9 = 90
    ]);
    expect(ranked[0]!.priority).toBeCloseTo(4800, 8);
  });
  it('gives reasons as codes with numbers', () => {
    const r = scoreNextBestAction(book[1]!);
    expect(r.reasons.map((x) => x.code)).toEqual(['value_at_risk', 'p_alive_falling']);
    expect(r.reasons[1]!.value).toBeCloseTo(-0.25, 12);
    const a = scoreNextBestAction(book[3]!);
    expect(a.reasons.map((x) => x.code)).toEqual(['value_at_risk', 'churn_alert', 'recent_complaints']);
  });
  it('applies minValueAtRisk and limit', () => {
    const ranked = rankNextBestActions(book, { ...DEFAULT_NBA_CONFIG, minValueAtRisk: 400, limit: 2 });
    expect(ranked.map((r) => r.customerId)).toEqual(['slipping', 'alerted']);
    const noReasons = rankNextBestActions([{ customerId: 'x', clv: 100, pAlive: 0.5 }], {
      ...DEFAULT_NBA_CONFIG,
      minValueAtRisk: 1000,
    });
    expect(noReasons).toEqual([]);
  });
  it('explains the action with inputs and weights', () => {
    const e = explainNextBestAction(book[4]!);
    expect(e.result).toBe('visit');
    expect(e.parameters.weight_overdueVisits).toBe(0.25);
    expect(e.inputs.priority).toBeCloseTo(250, 8);
  });
});
