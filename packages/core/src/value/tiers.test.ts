import { describe, expect, it } from 'vitest';
import { assignTiers, explainTier, type TierInput, type TierRule } from './tiers.js';

const people = (values: (number | null)[]): TierInput[] =>
  values.map((v, i) => ({
    customerId: `c${i}`,
    historicValue: v,
    predictedValue: v === null ? null : v * 2,
  }));

describe('assignTiers', () => {
  it.each<[TierRule, (number | null)[], string]>([
    [
      { kind: 'percentile', basis: 'historic', cutoffs: { A: 0.8, B: 0.5, C: 0.2 } },
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      'DDCCCBBBAA',
    ],
    [
      { kind: 'percentile', basis: 'historic', cutoffs: { A: 0.8, B: 0.5, C: 0.2 } },
      [5, 5, 5, 5, 9],
      'DDDDA',
    ],
    [{ kind: 'percentile', basis: 'historic', cutoffs: { A: 0.8, B: 0.5, C: 0.2 } }, [null, 1, 2], 'DDB'],
    [
      { kind: 'threshold', basis: 'historic', cutoffs: { A: 1000, B: 500, C: 100 } },
      [50, 100, 499, 500, 1000, 5000],
      'DCCBAA',
    ],
    [
      { kind: 'threshold', basis: 'predicted', cutoffs: { A: 1000, B: 500, C: 100 } },
      [50, 100, 499, 500],
      'CCBA',
    ],
  ])('%o on %o → %s', (rule, values, want) =>
    expect(
      assignTiers(people(values), rule)
        .map((t) => t.tier)
        .join(''),
    ).toBe(want),
  );
  it('a manual override wins and keeps its reason and the rule tier', () => {
    const input = people([1, 2, 3]);
    input[0] = { ...input[0]!, override: { tier: 'A', reason: 'strategic account' } };
    const [first] = assignTiers(input);
    expect(first).toMatchObject({
      tier: 'A',
      source: 'override',
      ruleTier: 'D',
      overrideReason: 'strategic account',
    });
    const e = explainTier(first!);
    expect(e.reasons).toEqual([
      { code: 'tier_percentile_D', value: 0, threshold: null },
      { code: 'tier_manual_override', value: 'A', threshold: 'D' },
    ]);
  });
});
