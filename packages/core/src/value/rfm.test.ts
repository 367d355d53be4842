import { describe, expect, it } from 'vitest';
import { loadOnlineRetail } from '../../test-support/online-retail.js';
import { explainRfm, quintileScores, rfmInputsFromTransactions, rfmScores, rfmSegment } from './rfm.js';

describe('quintileScores', () => {
  it.each([
    [
      [1, 2, 3, 4, 5],
      [1, 2, 3, 4, 5],
    ],
    [
      [5, 4, 3, 2, 1],
      [5, 4, 3, 2, 1],
    ],
    [
      [10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
      [1, 1, 2, 2, 3, 3, 4, 4, 5, 5],
    ],
    [
      [7, 7, 7, 7],
      [1, 1, 1, 1],
    ],
    [
      [1, 1, 1, 2, 3],
      [1, 1, 1, 4, 5],
    ],
    [[42], [1]],
    [[], []],
  ])('%o → %o', (values, want) => expect(quintileScores(values)).toEqual(want));
  it('does not depend on input order', () => {
    const v = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
    const s = quintileScores(v);
    const rev = quintileScores([...v].reverse()).reverse();
    expect(rev).toEqual(s);
  });
});

describe('rfmSegment grid', () => {
  it.each([
    [5, 5, 'champions'],
    [5, 4, 'champions'],
    [4, 5, 'champions'],
    [4, 4, 'loyal'],
    [3, 5, 'loyal'],
    [5, 1, 'new'],
    [4, 2, 'potential'],
    [3, 1, 'hibernating'],
    [2, 3, 'at_risk'],
    [1, 4, 'at_risk'],
    [1, 5, 'cant_lose'],
    [2, 5, 'cant_lose'],
    [2, 2, 'hibernating'],
    [1, 1, 'lost'],
  ])('R%d FM%d → %s', (r, fm, seg) => expect(rfmSegment(r, fm)).toBe(seg));
});

describe('rfmScores', () => {
  const customers = [
    { customerId: 'a', daysSinceLastPurchase: 2, frequency: 20, monetary: 5000 },
    { customerId: 'b', daysSinceLastPurchase: 10, frequency: 1, monetary: 100 },
    { customerId: 'c', daysSinceLastPurchase: 400, frequency: 15, monetary: 4000 },
    { customerId: 'd', daysSinceLastPurchase: 300, frequency: 2, monetary: 200 },
    { customerId: 'e', daysSinceLastPurchase: 60, frequency: 8, monetary: 1500 },
  ];
  it('scores recent = 5 and names segments', () => {
    const s = rfmScores(customers);
    expect(s.map((x) => [x.customerId, x.r, x.f, x.m, x.segment])).toEqual([
      ['a', 5, 5, 5, 'champions'],
      ['b', 4, 1, 1, 'potential'],
      ['c', 1, 4, 4, 'at_risk'],
      ['d', 2, 2, 2, 'hibernating'],
      ['e', 3, 3, 3, 'loyal'],
    ]);
  });
  it('explains with inputs, scores and the grid cell', () => {
    const e = explainRfm('c', customers);
    expect(e.result).toBe('at_risk');
    expect(e.inputs).toEqual({ daysSinceLastPurchase: 400, frequency: 15, monetary: 4000 });
    expect(e.reasons).toContainEqual({ code: 'segment_at_risk', value: 'R1FM4' });
    expect(e.reasons[0]).toEqual({ code: 'recency_score', value: 1, threshold: 400 });
  });
});

describe('rfmInputsFromTransactions', () => {
  it('merges same-day purchases and counts days since the last one', () => {
    const t = [
      { customerId: 'x', date: '2026-01-05', amount: 10 },
      { customerId: 'x', date: '2026-01-05', amount: 5 },
      { customerId: 'x', date: '2026-02-01', amount: 20 },
      { customerId: 'x', date: '2026-05-01', amount: 99 }, // after asOf
      { customerId: 'y', date: '2025-12-31', amount: 7 },
    ];
    expect(rfmInputsFromTransactions(t, '2026-03-01')).toEqual([
      { customerId: 'x', daysSinceLastPurchase: 28, frequency: 2, monetary: 35 },
      { customerId: 'y', daysSinceLastPurchase: 60, frequency: 1, monetary: 7 },
    ]);
    expect(rfmInputsFromTransactions(t, '2026-03-01', '2026-01-01').map((c) => c.customerId)).toEqual(['x']);
  });
});

describe('RFM on the UCI Online Retail invoices (4,338 customers)', () => {
  const tx = loadOnlineRetail();
  const inputs = rfmInputsFromTransactions(tx, '2011-12-10');
  const scores = rfmScores(inputs);
  it('reads the published totals', () => {
    expect(inputs.length).toBe(4338);
    expect(inputs.reduce((s, c) => s + c.monetary, 0)).toBeCloseTo(8_911_407.9, 1);
  });
  it('monetary scores are quintiles (about 20 % each); every segment occurs', () => {
    for (let s = 1; s <= 5; s++) {
      const share = scores.filter((x) => x.m === s).length / scores.length;
      expect(share).toBeGreaterThan(0.19);
      expect(share).toBeLessThan(0.21);
    }
    const segments = new Set(scores.map((x) => x.segment));
    expect([...segments].sort()).toEqual(
      ['at_risk', 'cant_lose', 'champions', 'hibernating', 'lost', 'loyal', 'new', 'potential'].sort(),
    );
  });
});
