import { describe, expect, it } from 'vitest';
import { balanceLoad } from './balance-load.js';
import type { RebalanceManager } from './rebalance.js';

const mgr = (id: string, n: number, extra: Partial<RebalanceManager> = {}): RebalanceManager => ({
  id,
  level: 'senior',
  capacity: 100,
  regions: ['上海'],
  industries: [],
  languages: [],
  customers: Array.from({ length: n }, (_, i) => ({
    id: `${id}-c${String(i).padStart(3, '0')}`,
    value: 1,
    tier: 'C',
    region: '北京',
    industry: null,
  })),
  ...extra,
});

describe('balanceLoad', () => {
  it('moves only what the spread target needs, from the heaviest to the lightest', () => {
    const r = balanceLoad([mgr('a', 30), mgr('b', 10), mgr('c', 5), mgr('d', 15)]);
    // mean 15, limit floor(1.1 × 15) = 16: a gives 14
    expect(r.moves).toHaveLength(14);
    expect(r.moves.every((m) => m.fromManagerId === 'a')).toBe(true);
    expect(r.loads).toEqual({ a: 16, b: 15, c: 14, d: 15 }); // the lightest receive first
    expect(r.spreadAfter).toBeLessThanOrEqual(1.1);
    expect(r.spreadBefore).toBe(2);
  });

  it('never fills a receiver past its capacity and keeps protected customers', () => {
    const a = mgr('a', 20);
    a.customers.forEach((c, i) => (c.protected = i < 15));
    const r = balanceLoad([a, mgr('b', 0, { capacity: 2 }), mgr('c', 0, { capacity: 2 })]);
    expect(r.loads.b).toBeLessThanOrEqual(2);
    expect(r.loads.c).toBeLessThanOrEqual(2);
    expect(r.moves).toHaveLength(4);
    const moved = new Set(r.moves.map((m) => m.customerId));
    for (const c of a.customers.filter((x) => x.protected)) expect(moved.has(c.id)).toBe(false);
  });

  it('sends a customer where it fits better (region) when receivers are equally loaded', () => {
    const donor = mgr('a', 12);
    const r = balanceLoad([donor, mgr('b', 2, { regions: ['北京'] }), mgr('c', 2, { regions: ['广州'] })], {
      candidates: 2,
    });
    expect(r.moves[0]).toMatchObject({ fromManagerId: 'a', toManagerId: 'b', reason: { code: 'even_load' } });
    expect((r.moves[0]!.reason.data as { misfitGain: number }).misfitGain).toBeGreaterThan(0);
  });

  it('is deterministic and ignores inactive managers', () => {
    const input = () => [mgr('a', 40), mgr('b', 0), mgr('x', 0, { status: 'on_leave' })];
    expect(balanceLoad(input())).toEqual(balanceLoad(input()));
    expect(balanceLoad(input()).loads.x).toBeUndefined();
  });
});
