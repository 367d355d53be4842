import { misfit } from './fit.js';
import type { RebalanceCustomer, RebalanceManager, RebalanceMove } from './rebalance.js';

export type BalanceOptions = {
  /** Aim: no manager above targetSpread × the mean load (default 1.1). */
  targetSpread?: number;
  /** Receivers considered per move, least loaded first (default 8). */
  candidates?: number;
  /** Upper bound on moves (default: as many as the target needs). */
  maxMoves?: number;
};

type Slot = { m: RebalanceManager; load: number; index: number };

/**
 * Fast load levelling for large books (PRODUCT.md C3 rebalancing at 100,000 customers and 500
 * managers): moves only the customers above each manager's limit — min(capacity,
 * floor(targetSpread × mean load)) — so the number of moves is the least the target allows.
 * Each move goes to one of the `candidates` least-loaded managers with room, choosing the
 * (customer, receiver) pair that lowers misfit the most (value ↔ level, region, industry,
 * language; core `misfit`). Protected customers stay. Deterministic: ties by id.
 * Cost: O(moves × candidates × customers of the donor).
 */
export function balanceLoad(managers: RebalanceManager[], opts: BalanceOptions = {}) {
  const target = opts.targetSpread ?? 1.1;
  const k = opts.candidates ?? 8;
  const active = managers.filter((m) => (m.status ?? 'active') === 'active');
  const total = active.reduce((s, m) => s + m.customers.length, 0);
  const mean = active.length ? total / active.length : 0;
  const limitOf = (m: RebalanceManager) => Math.min(m.capacity, Math.floor(target * mean));
  const slots: Slot[] = active.map((m, index) => ({ m, load: m.customers.length, index }));
  // Customers alike in (tier, region, industry, language) fit every manager alike: group them,
  // and cache misfit per (group, manager), so a move costs groups × candidates, not customers.
  const keyOf = (c: RebalanceCustomer) => `${c.tier}|${c.region}|${c.industry}|${c.language ?? ''}`;
  const cache = new Map<string, number>();
  const fit = (c: RebalanceCustomer, m: RebalanceManager) => {
    const key = `${keyOf(c)}#${m.id}`;
    let v = cache.get(key);
    if (v === undefined) cache.set(key, (v = misfit(c, m)));
    return v;
  };
  const groupsOf = (list: RebalanceCustomer[]) => {
    const groups = new Map<string, RebalanceCustomer[]>();
    for (const c of [...list].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      if (c.protected) continue;
      const g = groups.get(keyOf(c));
      if (g) g.push(c);
      else groups.set(keyOf(c), [c]);
    }
    return groups;
  };
  // Receivers ordered by load, then id; kept sorted as loads change.
  const receivers = slots
    .filter((s) => s.load < limitOf(s.m))
    .sort((a, b) => a.load - b.load || (a.m.id < b.m.id ? -1 : 1));
  const moves: RebalanceMove[] = [];
  const donors = slots
    .filter((s) => s.load > limitOf(s.m))
    .sort((a, b) => b.load - a.load || (a.m.id < b.m.id ? -1 : 1));
  const max = opts.maxMoves ?? Infinity;
  for (const donor of donors) {
    const groups = groupsOf(donor.m.customers);
    while (donor.load > limitOf(donor.m) && moves.length < max && receivers.length) {
      const pool = receivers.slice(0, k);
      let best: { key: string; r: Slot; gain: number } | null = null;
      for (const [key, members] of groups) {
        const here = fit(members[0]!, donor.m);
        for (const r of pool) {
          const gain = here - fit(members[0]!, r.m);
          if (!best || gain > best.gain) best = { key, r, gain };
        }
      }
      if (!best) break;
      const { key, r, gain } = best as { key: string; r: Slot; gain: number };
      const members = groups.get(key)!;
      const c = members.shift()!;
      if (!members.length) groups.delete(key);
      donor.load -= 1;
      r.load += 1;
      moves.push({
        customerId: c.id,
        fromManagerId: donor.m.id,
        toManagerId: r.m.id,
        reason: {
          code: 'even_load',
          data: {
            fromLoad: donor.load + 1,
            toLoad: r.load - 1,
            fromCapacity: donor.m.capacity,
            toCapacity: r.m.capacity,
            misfitGain: Math.round(gain * 1000) / 1000,
          },
        },
      });
      // keep the receivers sorted; drop the one that reached its limit
      receivers.splice(receivers.indexOf(r), 1);
      if (r.load < limitOf(r.m)) {
        let at = receivers.findIndex((x) => x.load > r.load || (x.load === r.load && x.m.id > r.m.id));
        if (at < 0) at = receivers.length;
        receivers.splice(at, 0, r);
      }
    }
  }
  const loads = Object.fromEntries(slots.map((s) => [s.m.id, s.load]));
  const values = Object.values(loads);
  const spread = (xs: number[]) => (xs.length && mean ? Math.max(...xs) / mean : 1);
  return {
    moves,
    loads,
    spreadBefore: spread(active.map((m) => m.customers.length)),
    spreadAfter: spread(values),
  };
}
