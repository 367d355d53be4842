import { misfit } from './fit.js';
import type { FitCustomer, ManagerLevel, ManagerStatus, AssignmentReason } from './types.js';

export type RebalanceCustomer = FitCustomer & { id: string; value: number; protected?: boolean };

export type RebalanceManager = {
  id: string;
  level: ManagerLevel;
  capacity: number;
  regions: string[];
  industries: string[];
  languages: string[];
  status?: ManagerStatus;
  customers: RebalanceCustomer[];
};

export type RebalanceOptions = {
  /** Weight of the misfit term (default 4); see docs/decisions/0020-rebalancing-objective.md. */
  lambda?: number;
  /** Weight of the value-load term against the customer-load term (default 0.5). */
  valueWeight?: number;
  /** Most moves proposed, a swap counting as two (default 20). */
  maxMoves?: number;
  /** Each move must lower the objective by at least this much (default 0.5). */
  minGain?: number;
  /** Protected customers never move unless this is true (default false). */
  moveProtected?: boolean;
  /** Also consider swapping two customers between two managers (default true). */
  swaps?: boolean;
};

export type RebalanceMove = {
  customerId: string;
  fromManagerId: string;
  toManagerId: string;
  reason: AssignmentReason;
};
export type ObjectiveParts = { load: number; value: number; misfit: number; total: number };
export type RebalanceResult = {
  moves: RebalanceMove[];
  before: ObjectiveParts;
  after: ObjectiveParts;
  /** Customers per manager after the moves. */
  loads: Record<string, number>;
};

type M = { id: string; cap: number; n: number; v: number };
type Step = { moves: { i: number; t: number }[]; gain: number; dl: number; dv: number; df: number };

const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** Candidates per manager pair examined for swaps. */
const SWAP_SHORTLIST = 8;

/**
 * Proposes moves that even out load and improve fit (PRODUCT.md C3), for a lead to review.
 * Among active managers with capacity > 0 it minimises (see decision 0020)
 *   J = C²·[Σ(u − ū)² + valueWeight·Σ(w − w̄)²] + lambda·Σ misfit(customer, owner)
 * with u = customers / capacity, w = value / (capacity · mean customer value), C the mean
 * capacity (so one customer of imbalance costs about the same at any scale) and misfit in [0, 1]
 * (`misfit` in fit.ts). Greedy: each step applies the best single move or swap by gain per move
 * (ties: lowest customer id, then lowest target id), never to a manager at capacity, never a
 * protected customer, each customer at most once; stops after maxMoves or when the best gain per
 * move is below minGain. Each move's reason has both utilisations before/after and the fit gain.
 */
export function proposeRebalance(
  managers: RebalanceManager[],
  options: RebalanceOptions = {},
): RebalanceResult {
  const lambda = options.lambda ?? 4;
  const beta = options.valueWeight ?? 0.5;
  const maxMoves = options.maxMoves ?? 20;
  const minGain = options.minGain ?? 0.5;

  const active = managers
    .filter((m) => (m.status ?? 'active') === 'active' && m.capacity > 0)
    .sort((a, b) => cmp(a.id, b.id));
  const ms: M[] = active.map((m) => ({
    id: m.id,
    cap: m.capacity,
    n: m.customers.length,
    v: m.customers.reduce((s, c) => s + c.value, 0),
  }));
  const k = ms.length;
  const cs = active
    .flatMap((m, i) => m.customers.map((c) => ({ c, owner: i })))
    .sort((a, b) => cmp(a.c.id, b.c.id));
  const totalV = cs.reduce((s, x) => s + x.c.value, 0);
  const meanValue = cs.length > 0 && totalV > 0 ? totalV / cs.length : 0;
  const scale = k > 0 ? (ms.reduce((s, m) => s + m.cap, 0) / k) ** 2 : 1;
  const mis = cs.map((x) => active.map((m) => misfit(x.c, m)));

  const u = (m: M, dn = 0) => (m.n + dn) / m.cap;
  const w = (m: M, dv = 0) => (meanValue > 0 ? (m.v + dv) / (m.cap * meanValue) : 0);
  const spread = (xs: number[]) => {
    const mean = xs.reduce((s, x) => s + x, 0) / (xs.length || 1);
    return xs.reduce((s, x) => s + (x - mean) ** 2, 0);
  };
  const parts = (): ObjectiveParts => {
    const load = scale * spread(ms.map((m) => u(m)));
    const value = scale * beta * spread(ms.map((m) => w(m)));
    const fit = lambda * cs.reduce((s, x, i) => s + mis[i]![x.owner]!, 0);
    return { load: r4(load), value: r4(value), misfit: r4(fit), total: r4(load + value + fit) };
  };
  // Running sums of u, u², w, w² make the balance gain of any two-manager change O(1).
  let s1u = 0,
    s2u = 0,
    s1w = 0,
    s2w = 0;
  const resum = () => {
    s1u = ms.reduce((s, m) => s + u(m), 0);
    s2u = ms.reduce((s, m) => s + u(m) ** 2, 0);
    s1w = ms.reduce((s, m) => s + w(m), 0);
    s2w = ms.reduce((s, m) => s + w(m) ** 2, 0);
  };
  const sp = (s1: number, s2: number) => s2 - (s1 * s1) / k;
  /** Drops in the load and value terms when manager f changes by (dnF, dvF) and t by (−dnF, −dvF). */
  const balance = (f: M, t: M, dnF: number, dvF: number): [number, number] => {
    const uf0 = u(f),
      uf1 = u(f, dnF),
      ut0 = u(t),
      ut1 = u(t, -dnF);
    const wf0 = w(f),
      wf1 = w(f, dvF),
      wt0 = w(t),
      wt1 = w(t, -dvF);
    const dl =
      sp(s1u, s2u) - sp(s1u - uf0 + uf1 - ut0 + ut1, s2u - uf0 * uf0 + uf1 * uf1 - ut0 * ut0 + ut1 * ut1);
    const dv =
      sp(s1w, s2w) - sp(s1w - wf0 + wf1 - wt0 + wt1, s2w - wf0 * wf0 + wf1 * wf1 - wt0 * wt0 + wt1 * wt1);
    return [scale * dl, scale * beta * dv];
  };

  const before = parts();
  const moves: RebalanceMove[] = [];
  const moved = new Set<number>();
  const movable = (i: number) => !moved.has(i) && (!cs[i]!.c.protected || options.moveProtected === true);
  const beats = (gainPerMove: number, b: Step | null) => !b || gainPerMove > b.gain / b.moves.length + 1e-9;
  /** An equal single move wins when its customer id, then its target id, is lower. */
  const tieFirst = (gain: number, b: Step, i: number, t: number) =>
    b.moves.length === 1 &&
    Math.abs(gain - b.gain) <= 1e-9 &&
    (i < b.moves[0]!.i || (i === b.moves[0]!.i && t < b.moves[0]!.t));
  while (moves.length < maxMoves && k > 1) {
    resum();
    let best: Step | null = null;
    const byOwner = ms.map((): number[] => []);
    cs.forEach((x, i) => movable(i) && byOwner[x.owner]!.push(i));
    // Single moves, with the per-manager terms hoisted out of the inner loop.
    const U = ms.map((m) => u(m));
    const W = ms.map((m) => w(m));
    const baseU = sp(s1u, s2u);
    const baseW = sp(s1w, s2w);
    for (let f = 0; f < k; f++) {
      const mf = ms[f]!;
      const uf1 = u(mf, -1);
      const dl = ms.map((mt, t) => {
        const ut1 = u(mt, 1);
        return (
          scale *
          (baseU - sp(s1u - U[f]! + uf1 - U[t]! + ut1, s2u - U[f]! ** 2 + uf1 ** 2 - U[t]! ** 2 + ut1 ** 2))
        );
      });
      for (const i of byOwner[f]!) {
        const value = cs[i]!.c.value;
        const wf1 = w(mf, -value);
        const a1 = s1w - W[f]! + wf1;
        const a2 = s2w - W[f]! ** 2 + wf1 ** 2;
        const row = mis[i]!;
        for (let t = 0; t < k; t++) {
          const mt = ms[t]!;
          if (t === f || mt.n + 1 > mt.cap) continue;
          const wt1 = w(mt, value);
          const dv = scale * beta * (baseW - sp(a1 - W[t]! + wt1, a2 - W[t]! ** 2 + wt1 ** 2));
          const df = lambda * (row[f]! - row[t]!);
          const gain = dl[t]! + dv + df;
          if (beats(gain, best) || (best && tieFirst(gain, best, i, t)))
            best = { moves: [{ i, t }], gain, dl: dl[t]!, dv, df };
        }
      }
    }
    if (options.swaps !== false && moves.length + 2 <= maxMoves) {
      /** The SWAP_SHORTLIST customers of `from` who would gain most fit at `to` (ties: lower index). */
      const short = (from: number, to: number) => {
        const top: { i: number; g: number }[] = [];
        for (const i of byOwner[from]!) {
          const g = mis[i]![from]! - mis[i]![to]!;
          if (top.length === SWAP_SHORTLIST && g <= top[top.length - 1]!.g) continue;
          let at = top.length;
          while (at > 0 && top[at - 1]!.g < g) at--;
          top.splice(at, 0, { i, g });
          if (top.length > SWAP_SHORTLIST) top.pop();
        }
        return top;
      };
      for (let f = 0; f < k; f++)
        for (let t = f + 1; t < k; t++) {
          const forward = short(f, t);
          const backward = short(t, f);
          if (!forward.length || !backward.length || forward[0]!.g + backward[0]!.g <= 0) continue;
          for (const a of forward)
            for (const b of backward) {
              if (a.g + b.g <= 0) continue;
              const dvF = cs[b.i]!.c.value - cs[a.i]!.c.value;
              const [dl, dv] = balance(ms[f]!, ms[t]!, 0, dvF);
              const df = lambda * (a.g + b.g);
              const gain = dl + dv + df;
              if (beats(gain / 2, best))
                best = {
                  moves: [
                    { i: a.i, t },
                    { i: b.i, t: f },
                  ],
                  gain,
                  dl,
                  dv,
                  df,
                };
            }
        }
    }
    if (!best || best.gain / best.moves.length < minGain) break;
    const util = best.moves.map(({ i, t }) => ({ f: ms[cs[i]!.owner]!, t: ms[t]! }));
    const pre = util.map(({ f, t }) => ({ from: u(f), to: u(t) }));
    const fromOwner = best.moves.map(({ i }) => cs[i]!.owner);
    for (const { i, t } of best.moves) {
      const x = cs[i]!;
      ms[x.owner]!.n -= 1;
      ms[x.owner]!.v -= x.c.value;
      ms[t]!.n += 1;
      ms[t]!.v += x.c.value;
      x.owner = t;
      moved.add(i);
    }
    const swap = best.moves.length === 2;
    best.moves.forEach(({ i, t }, j) => {
      const fitGain = mis[i]![fromOwner[j]!]! - mis[i]![t]!;
      moves.push({
        customerId: cs[i]!.c.id,
        fromManagerId: ms[fromOwner[j]!]!.id,
        toManagerId: ms[t]!.id,
        reason: {
          code: swap ? 'swap_improve_fit' : best!.dl + best!.dv >= best!.df ? 'even_load' : 'improve_fit',
          data: {
            fromUtilisation: { before: r4(pre[j]!.from), after: r4(u(util[j]!.f)) },
            toUtilisation: { before: r4(pre[j]!.to), after: r4(u(util[j]!.t)) },
            fitGain: r4(fitGain),
            loadGain: r4(best!.dl),
            valueGain: r4(best!.dv),
            misfitGain: r4(best!.df),
            gain: r4(best!.gain),
            ...(swap ? { swapWith: cs[best!.moves[1 - j]!.i]!.c.id } : {}),
          },
        },
      });
    });
  }
  return { moves, before, after: parts(), loads: Object.fromEntries(ms.map((m) => [m.id, m.n])) };
}
