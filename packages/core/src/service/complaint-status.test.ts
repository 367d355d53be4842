import { describe, expect, it } from 'vitest';
import { canTransition, COMPLAINT_STATUSES, transitionEffects } from './complaint-status.js';
import { durationSummary, percentileCont } from './stats.js';

describe('complaint status flow', () => {
  it.each([
    ['open', 'acknowledged'],
    ['acknowledged', 'in_progress'],
    ['in_progress', 'waiting_customer'],
    ['waiting_customer', 'in_progress'],
    ['in_progress', 'resolved'],
    ['resolved', 'closed'],
    ['resolved', 'in_progress'],
    ['closed', 'in_progress'],
  ] as const)('allows %s → %s', (from, to) => expect(canTransition(from, to)).toBe(true));

  it.each([
    ['open', 'resolved'],
    ['open', 'closed'],
    ['open', 'waiting_customer'],
    ['waiting_customer', 'resolved'],
    ['closed', 'resolved'],
    ['in_progress', 'open'],
    ['resolved', 'resolved'],
  ] as const)('refuses %s → %s', (from, to) => expect(canTransition(from, to)).toBe(false));

  it('never goes back to open', () => {
    for (const s of COMPLAINT_STATUSES) expect(canTransition(s, 'open')).toBe(false);
  });

  it('says what a transition does to the clock', () => {
    expect(transitionEffects('open', 'acknowledged')).toMatchObject({ firstResponse: true, pause: false });
    expect(transitionEffects('in_progress', 'waiting_customer')).toMatchObject({
      pause: true,
      resume: false,
    });
    expect(transitionEffects('waiting_customer', 'in_progress')).toMatchObject({
      resume: true,
      reopen: false,
    });
    expect(transitionEffects('closed', 'in_progress')).toMatchObject({ reopen: true, firstResponse: false });
    expect(transitionEffects('in_progress', 'resolved')).toMatchObject({ resolve: true, close: false });
  });
});

describe('duration statistics', () => {
  it('interpolates percentiles like percentile_cont', () => {
    expect(percentileCont([], 0.5)).toBeNull();
    expect(percentileCont([5], 0.9)).toBe(5);
    expect(percentileCont([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(percentileCont([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
    expect(durationSummary([2, 10, 4])).toEqual({ median: 4, p90: 8.8, count: 3 });
  });
});
