import { describe, expect, it } from 'vitest';
import { joinCustomers } from './population.js';

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

  it('sorts a day list that did not arrive ascending', () => {
    const pop = joinCustomers(
      {
        ids: [id(1), id(2)],
        offsets: Int32Array.from([0, 1, 4]),
        days: Int32Array.from([5, 30, -2, 11]),
        total: Float64Array.from([1, 2]),
        firstDaySpend: Float64Array.from([1, 2]),
        historic: Float64Array.from([0, 0]),
      },
      { ids: [id(2)], owners: [null], tiers: [null], stages: ['active'] },
    );
    expect(pop.ids).toEqual([id(2)]);
    expect([...pop.offsets]).toEqual([0, 3]);
    expect([...pop.days]).toEqual([-2, 11, 30]);
  });
});
