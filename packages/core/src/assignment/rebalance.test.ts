import { describe, expect, it } from 'vitest';
import { proposeRebalance, type RebalanceCustomer, type RebalanceManager } from './rebalance.js';

const cust = (id: string, over: Partial<RebalanceCustomer> = {}): RebalanceCustomer => ({
  id,
  value: 100,
  tier: 'C',
  region: null,
  industry: null,
  ...over,
});
const mgr = (
  id: string,
  customers: RebalanceCustomer[],
  over: Partial<RebalanceManager> = {},
): RebalanceManager => ({
  id,
  level: 'junior',
  capacity: 10,
  regions: [],
  industries: [],
  languages: [],
  customers,
  ...over,
});
const many = (prefix: string, n: number, over: Partial<RebalanceCustomer> = {}) =>
  Array.from({ length: n }, (_, i) => cust(`${prefix}${i}`, over));

describe('proposeRebalance: load', () => {
  it('evens out two identical managers, lowest customer ids first', () => {
    const r = proposeRebalance([mgr('a', many('c', 8)), mgr('b', [])]);
    expect(r.loads).toEqual({ a: 4, b: 4 });
    expect(r.moves.map((m) => m.customerId)).toEqual(['c0', 'c1', 'c2', 'c3']);
    expect(r.moves.every((m) => m.fromManagerId === 'a' && m.toManagerId === 'b')).toBe(true);
    expect(r.moves[0]!.reason).toMatchObject({
      code: 'even_load',
      data: {
        fromUtilisation: { before: 0.8, after: 0.7 },
        toUtilisation: { before: 0, after: 0.1 },
        fitGain: 0,
      },
    });
    expect(r.after.total).toBeLessThan(r.before.total);
  });
  it.each([
    ['capacity of the target', [mgr('a', many('c', 8)), mgr('b', [], { capacity: 1 })], { a: 7, b: 1 }],
    [
      'a full target receives nothing',
      [mgr('a', many('c', 12)), mgr('b', many('d', 2), { capacity: 2 })],
      { a: 12, b: 2 },
    ],
    [
      'on-leave managers take no part',
      [mgr('a', many('c', 8)), mgr('b', [], { status: 'on_leave' })],
      { a: 8 },
    ],
    ['balanced stays put', [mgr('a', many('c', 3)), mgr('b', many('d', 3))], { a: 3, b: 3 }],
    [
      'utilisation, not counts',
      [mgr('a', many('c', 4), { capacity: 20 }), mgr('b', many('d', 4), { capacity: 5 })],
      { a: 6, b: 2 },
    ],
  ] as const)('%s', (_name, managers, loads) => {
    const r = proposeRebalance([...managers]);
    expect(r.loads).toEqual(loads);
  });
  it('never moves protected customers unless told to', () => {
    const ms = [mgr('a', many('c', 8, { protected: true })), mgr('b', [])];
    expect(proposeRebalance(ms).moves).toEqual([]);
    expect(proposeRebalance(ms, { moveProtected: true }).moves).toHaveLength(4);
  });
  it('stops at maxMoves and at minGain', () => {
    const ms = [mgr('a', many('c', 8)), mgr('b', [])];
    expect(proposeRebalance(ms, { maxMoves: 2 }).moves).toHaveLength(2);
    expect(proposeRebalance(ms, { minGain: 100 }).moves).toHaveLength(0);
  });
  it('evens out value as well as counts', () => {
    const ms = [
      mgr('a', [cust('big1', { value: 1000 }), cust('big2', { value: 1000 })]),
      mgr('b', [cust('s1', { value: 10 }), cust('s2', { value: 10 })]),
    ];
    const r = proposeRebalance(ms);
    expect(r.moves.map((m) => [m.customerId, m.toManagerId])).toEqual([
      ['big1', 'b'],
      ['s1', 'a'],
    ]);
    expect(r.moves[0]!.reason.code).toBe('even_load');
    expect(r.loads).toEqual({ a: 2, b: 2 });
  });
});

describe('proposeRebalance: fit', () => {
  it('swaps customers into their managers’ regions when load is even', () => {
    const r = proposeRebalance([
      mgr('a', [cust('w', { region: 'west' })], { regions: ['east'] }),
      mgr('b', [cust('e', { region: 'east' })], { regions: ['west'] }),
    ]);
    expect(r.moves.map((m) => [m.customerId, m.fromManagerId, m.toManagerId])).toEqual([
      ['w', 'a', 'b'],
      ['e', 'b', 'a'],
    ]);
    expect(r.moves[0]!.reason).toMatchObject({
      code: 'swap_improve_fit',
      data: { fitGain: 0.375, loadGain: 0, swapWith: 'e', fromUtilisation: { before: 0.1, after: 0.1 } },
    });
    expect(r.after.misfit).toBeLessThan(r.before.misfit);
    expect(r.loads).toEqual({ a: 1, b: 1 });
  });
  it('does not swap when told not to, nor unbalance load for a small fit gain', () => {
    const r = proposeRebalance(
      [
        mgr('a', [cust('w', { region: 'west' })], { regions: ['east'] }),
        mgr('b', [cust('e', { region: 'east' })], { regions: ['west'] }),
      ],
      { swaps: false },
    );
    expect(r.moves).toEqual([]);
  });
  it('moves an A-tier customer from a junior to a key-account manager, at full capacity too', () => {
    const r = proposeRebalance([
      mgr('j', [cust('a1', { tier: 'A' }), ...many('c', 4)], { capacity: 5 }),
      mgr('k', many('d', 5), { level: 'key_account', capacity: 5 }),
    ]);
    expect(r.moves.map((m) => [m.customerId, m.toManagerId])).toEqual([
      ['a1', 'k'],
      ['d0', 'j'],
    ]);
  });
  it('a large misfit justifies a step of imbalance', () => {
    const r = proposeRebalance(
      [
        mgr('a', [cust('x', { tier: 'A', region: 'r', industry: 'i', language: 'l' })]),
        mgr('b', [cust('y')], { level: 'key_account', regions: ['r'], industries: ['i'], languages: ['l'] }),
      ],
      { swaps: false },
    );
    expect(r.moves[0]).toMatchObject({
      customerId: 'x',
      toManagerId: 'b',
      reason: {
        code: 'improve_fit',
        data: { fitGain: 1, loadGain: -2, valueGain: -1, misfitGain: 4, gain: 1 },
      },
    });
    // then the C-tier customer goes back to the junior: better fit and even load again
    expect(r.moves[1]).toMatchObject({ customerId: 'y', toManagerId: 'a' });
  });
});

describe('proposeRebalance: determinism', () => {
  it('gives the same moves whatever the input order', () => {
    const a = mgr('a', many('c', 9), { regions: ['x'] });
    const b = mgr('b', many('d', 1, { region: 'x' }));
    const c = mgr('c', [], { level: 'senior' });
    const one = proposeRebalance([a, b, c]);
    const two = proposeRebalance([
      c,
      { ...b, customers: [...b.customers].reverse() },
      { ...a, customers: [...a.customers].reverse() },
    ]);
    expect(two).toEqual(one);
    expect(one.moves.length).toBeGreaterThan(0);
  });
  it('handles no managers and a single manager', () => {
    expect(proposeRebalance([]).moves).toEqual([]);
    expect(proposeRebalance([mgr('a', many('c', 3))]).moves).toEqual([]);
  });
});
