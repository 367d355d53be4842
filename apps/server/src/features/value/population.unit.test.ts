import { describe, expect, it } from 'vitest';
import { joinCustomers, sumCents } from './population.js';

const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;

describe('joinCustomers', () => {
  it('keeps the live customers with owner, tier and stage, compacting the purchase arrays', () => {
    // Purchases of customers 1, 2, 3, 5 (2 and 5 are deleted or gone); 4 and 6 are live without purchases.
    const pop = joinCustomers(
      {
        ids: [id(1), id(2), id(3), id(5)],
        offsets: Int32Array.from([0, 2, 5, 6, 8]),
        days: Int32Array.from([10, 20, 1, 2, 3, 7, 40, 41]),
        total: Float64Array.from([100, 200, 300, 500]),
        firstDaySpend: Float64Array.from([10, 20, 30, 50]),
        historic: Float64Array.from([1, 2, 3, 5]),
      },
      {
        ids: [id(1), id(3), id(4), id(6)],
        owners: ['u1', null, 'u4', 'u6'],
        tiers: ['A', 'B', null, 'C'],
        stages: ['active', 'new', 'lead', 'lost'],
      },
    );
    expect(pop.n).toBe(2);
    expect(pop.ids).toEqual([id(1), id(3)]);
    expect(pop.owners).toEqual(['u1', null]);
    expect(pop.tiers).toEqual(['A', 'B']);
    expect(pop.stages).toEqual(['active', 'new']);
    expect([...pop.offsets]).toEqual([0, 2, 3]);
    expect([...pop.days]).toEqual([10, 20, 7]);
    expect([...pop.total]).toEqual([100, 300]);
    expect([...pop.firstDaySpend]).toEqual([10, 30]);
    expect([...pop.historic]).toEqual([1, 3]);
  });

  it('sums the day spends in hundredths: all, the first day and the days after the window start', () => {
    const days = Int32Array.from([99, 10, 20, 400, 401]);
    // Customer from index 1: days 10, 20, 400, 401; a refund on day 20.
    const sums = sumCents('1050,-25,333,12', days, 1, 400);
    expect({ ...sums }).toEqual({ total: 1370, first: 1050, historic: 12 });
    expect({ ...sumCents('1050,-25,333,12', days, 1, 399) }).toEqual({
      total: 1370,
      first: 1050,
      historic: 345,
    });
    expect({ ...sumCents('-700', days, 2, 0) }).toEqual({ total: -700, first: -700, historic: -700 });
  });

  it('refuses day lists that are not strictly ascending', () => {
    expect(() => sumCents('1,2', Int32Array.from([5, 5]), 0, 0)).toThrow(/ascending/);
    expect(() => sumCents('1,2,3', Int32Array.from([5, 9, 7]), 0, 0)).toThrow(/ascending/);
  });
});
