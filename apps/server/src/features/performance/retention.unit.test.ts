import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LIFECYCLE_RULES,
  addLocalDays,
  dayNumber,
  lifecycleStage,
  liveBoundaries,
} from '@steward/core';
import { distinctSorted, retentionFromBoundaries, retentionOf } from './retention.js';

const LIVE = new Set(['new', 'active', 'mature', 'at_risk', 'won_back']);
const iso = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

/** The definition as docs/kpis.md states it: two walks of lifecycleStage on ISO dates. */
function reference(days: string[], from: string, lastDay: string) {
  if (!days.length) return null;
  const dayBefore = addLocalDays(from, -1);
  if (!LIVE.has(lifecycleStage(days, dayBefore, DEFAULT_LIFECYCLE_RULES).stage)) return null;
  const after = lifecycleStage(days, lastDay, DEFAULT_LIFECYCLE_RULES);
  return {
    churned: after.history.some((h) => h.stage === 'churned' && h.since !== null && h.since >= from),
    retained: after.stage !== 'churned',
  };
}

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('retentionOf (one lifecycle walk)', () => {
  it('distinctSorted sorts and drops repeated days', () => {
    expect(distinctSorted([5, 3, 5, 1, 3])).toEqual([1, 3, 5]);
    expect(distinctSorted([])).toEqual([]);
  });

  it('hand cases: not live before, retained, churned during the period, churned and won back', () => {
    const d = dayNumber;
    // No purchase before the period: not in the base.
    expect(retentionOf([d('2026-04-05')], d('2026-03-31'), d('2026-04-30'))).toBeNull();
    // Bought on 1 March: new on 31 March, not churned by 30 April.
    expect(retentionOf([d('2026-03-01')], d('2026-03-31'), d('2026-04-30'))).toEqual({
      churned: false,
      retained: true,
    });
    // One purchase (usual interval 90 days assumed): churned 271 days later, max(3 × 90, 180) + 1.
    // Bought on 22 June 2025: churned on 20 March 2026, before April: not live.
    expect(retentionOf([d('2025-06-22')], d('2026-03-31'), d('2026-04-30'))).toBeNull();
    // Bought on 16 July 2025: churned on 13 April, within April.
    expect(retentionOf([d('2025-07-16')], d('2026-03-31'), d('2026-04-30'))).toEqual({
      churned: true,
      retained: false,
    });
    // The same, then won back on 20 April: churned and retained.
    expect(retentionOf([d('2025-07-16'), d('2026-04-20')], d('2026-03-31'), d('2026-04-30'))).toEqual({
      churned: true,
      retained: true,
    });
  });

  it('equals the two-walk definition on 5,000 random purchase histories and periods', () => {
    const rnd = prng(20261207);
    const base = dayNumber('2024-01-01');
    for (let k = 0; k < 5000; k++) {
      const n = Math.floor(rnd() * 12);
      const raw = Array.from({ length: n }, () => base + Math.floor(rnd() * 1000));
      const fromN = base + 100 + Math.floor(rnd() * 900);
      const lastN = fromN + Math.floor(rnd() * 120);
      const from = iso(fromN);
      const days = distinctSorted(raw).filter((x) => x <= lastN);
      const expected = reference(days.map(iso), from, iso(lastN));
      expect(
        retentionOf(days, fromN - 1, lastN),
        `${days.map(iso).join(',')} ${from}..${iso(lastN)}`,
      ).toEqual(expected);
    }
  });

  it('from the stored live boundaries of all purchase days: the same answer for every period', () => {
    const rnd = prng(20261208);
    const base = dayNumber('2023-01-01');
    let churnedSeen = 0;
    let wonBackSeen = 0;
    for (let k = 0; k < 5000; k++) {
      const n = Math.floor(rnd() * 14);
      // Purchases spread over four years, so many customers churn and some are won back.
      const all = distinctSorted(Array.from({ length: n }, () => base + Math.floor(rnd() * 1460)));
      const boundaries = liveBoundaries(all);
      for (let j = 0; j < 4; j++) {
        const fromN = base + 30 + Math.floor(rnd() * 1460);
        const lastN = fromN + Math.floor(rnd() * 120);
        // The direct walk sees the purchases up to the period's last day; the boundaries were built
        // from every purchase, later ones included.
        const expected = retentionOf(
          all.filter((d) => d <= lastN),
          fromN - 1,
          lastN,
        );
        const got = retentionFromBoundaries(boundaries, fromN - 1, lastN);
        expect(got, `${all.map(iso).join(',')} ${iso(fromN)}..${iso(lastN)}`).toEqual(expected);
        if (expected?.churned) churnedSeen++;
        if (expected?.churned && expected.retained) wonBackSeen++;
      }
    }
    // The cases that matter occur in the sample.
    expect(churnedSeen).toBeGreaterThan(100);
    expect(wonBackSeen).toBeGreaterThan(5);
  });

  it('boundaries: first purchase, churn 271 days after a single purchase, won back by the next', () => {
    const d = dayNumber;
    expect(liveBoundaries([])).toEqual([]);
    expect(liveBoundaries([d('2025-07-16')])).toEqual([d('2025-07-16'), d('2026-04-13')]);
    expect(liveBoundaries([d('2025-07-16'), d('2026-04-20')])).toEqual([
      d('2025-07-16'),
      d('2026-04-13'),
      d('2026-04-20'),
      // Two days 278 apart: usual interval 278, churned max(3 × 278, 180) + 1 = 835 days after.
      d('2026-04-20') + 835,
    ]);
  });
});
