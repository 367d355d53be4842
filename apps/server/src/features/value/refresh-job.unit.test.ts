import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { deterministicSample, parseValueRefreshOptions } from './refresh-job.js';

describe('value-refresh options', () => {
  it('defaults to weeks, a 52-week horizon in the unit and 10 % a year', () => {
    expect(parseValueRefreshOptions({})).toEqual({ unit: 'week', horizon: 52, annualDiscountRate: 0.1 });
    expect(parseValueRefreshOptions({ unit: 'month', asOf: '2026-01-01' })).toMatchObject({
      unit: 'month',
      horizon: 12,
      asOf: '2026-01-01',
    });
    expect(parseValueRefreshOptions({ unit: 'day' }).horizon).toBe(364);
  });
  it('rejects bad values with 400 validation_failed and the path of each', () => {
    try {
      parseValueRefreshOptions({ unit: 'year', horizon: 2.5, annualDiscountRate: '10%' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).status).toBe(400);
      expect((e as AppError).details?.map((d) => d.path)).toEqual(['unit', 'horizon', 'annualDiscountRate']);
    }
  });
});

describe('the fit sample', () => {
  it('keeps everyone up to the limit, else every k-th in order, the same each time', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    expect(deterministicSample(items, 10)).toEqual(items);
    expect(deterministicSample(items, 4)).toEqual([0, 2, 5, 7]);
    expect(deterministicSample(items, 4)).toEqual(deterministicSample(items, 4));
  });
});
