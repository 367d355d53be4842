import { describe, expect, it } from 'vitest';
import {
  nearestRankQuantile,
  proposeReevaluation,
  upliftOf,
  type ReevaluationCustomer,
} from './reevaluation.js';
import type { Candidate } from './types.js';

const mgr = (id: string, over: Partial<Candidate> = {}): Candidate => ({
  id,
  teamId: 'sales',
  level: 'junior',
  capacity: 10,
  load: 5,
  loadValue: 0,
  regions: [],
  industries: [],
  languages: [],
  status: 'active',
  ...over,
});
const cust = (
  id: string,
  currentValue: number,
  predictedValue: number,
  over: Partial<ReevaluationCustomer> = {},
) => ({
  id,
  ownerId: 'owner',
  currentValue,
  predictedValue,
  tier: 'D' as const,
  region: null,
  industry: null,
  ...over,
});

describe('nearestRankQuantile', () => {
  it.each([
    [[5, 1, 3, 2, 4], 0.2, 1],
    [[5, 1, 3, 2, 4], 0.4, 2],
    [[5, 1, 3, 2, 4], 0.5, 3],
    [[5, 1, 3, 2, 4], 0, 1],
    [[5, 1, 3, 2, 4], 1, 5],
    [[], 0.5, null],
  ])('%j at %s → %s', (values, q, expected) => {
    expect(nearestRankQuantile(values, q)).toBe(expected);
  });
});

describe('upliftOf', () => {
  it.each([
    [10, 30, 3],
    [0, 5, Infinity],
    [0, 0, 0],
    [-1, 5, Infinity],
  ])('%s → %s = %s', (c, p, r) => {
    expect(upliftOf(c, p)).toBe(r);
  });
});

describe('proposeReevaluation', () => {
  const customers = [
    cust('c1', 10, 50, { region: 'east' }),
    cust('c2', 20, 20),
    cust('c3', 30, 60),
    cust('c4', 40, 400),
    cust('c5', 50, 0),
  ];
  const managers = [
    mgr('east', { regions: ['east'] }),
    mgr('west', { regions: ['west'] }),
    mgr('std', { teamId: 'standard', regions: ['east'], load: 0 }),
    mgr('owner', { load: 9 }),
  ];
  it('sends high-potential low-value customers to a fitting manager and the rest to the standard team', () => {
    const r = proposeReevaluation(customers, managers, 'standard', { lowValueQuantile: 0.6, upliftRatio: 2 });
    expect(r.threshold).toBe(30);
    expect(
      r.proposals.map((p) => [p.customerId, p.action, 'managerId' in p ? p.managerId : p.teamId]),
    ).toEqual([
      ['c1', 'assign_manager', 'east'],
      ['c2', 'standard_team', 'standard'],
      ['c3', 'assign_manager', 'west'], // uplift exactly 2 counts; east took c1 so west has more room
    ]);
    expect(r.proposals[1]!.reason).toEqual({
      code: 'low_value',
      data: { currentValue: 20, predictedValue: 20, uplift: 1, threshold: 30 },
    });
    expect(r.freedCapacity).toEqual({ owner: 3 });
  });
  it('keeps the owner when the owner fits best', () => {
    const r = proposeReevaluation(
      [cust('c1', 1, 10, { region: 'north' }), cust('c2', 100, 100)],
      [...managers, mgr('north', { regions: ['north'], load: 10, capacity: 10 })],
      'standard',
      { lowValueQuantile: 0.5, upliftRatio: 2 },
    );
    expect(r.proposals).toMatchObject([{ customerId: 'c1', action: 'assign_manager', managerId: 'east' }]);
    const own = proposeReevaluation(
      [{ ...cust('c1', 1, 10, { region: 'north' }), ownerId: 'north' }],
      [mgr('north', { regions: ['north'], load: 10, capacity: 10 }), mgr('east')],
      'standard',
      { lowValueQuantile: 0.5, upliftRatio: 2 },
    );
    expect(own.proposals).toMatchObject([{ action: 'keep_owner', managerId: 'north' }]);
    expect(own.freedCapacity).toEqual({});
  });
  it('high potential with nobody free goes to the standard team, and minPredictedValue filters', () => {
    const full = [mgr('a', { load: 10 }), mgr('s', { teamId: 'standard', load: 0 })];
    const r = proposeReevaluation([cust('c1', 1, 10)], full, 'standard', {
      lowValueQuantile: 1,
      upliftRatio: 2,
    });
    expect(r.proposals[0]).toMatchObject({
      action: 'standard_team',
      reason: { code: 'high_potential_no_capacity' },
    });
    const r2 = proposeReevaluation([cust('c1', 1, 10)], managers, 'standard', {
      lowValueQuantile: 1,
      upliftRatio: 2,
      minPredictedValue: 100,
    });
    expect(r2.proposals[0]).toMatchObject({ action: 'standard_team', reason: { code: 'low_value' } });
  });
  it('gives capacity to the largest uplift first', () => {
    const r = proposeReevaluation(
      [cust('a', 10, 30), cust('b', 10, 100)],
      [mgr('only', { load: 9 })],
      'standard',
      { lowValueQuantile: 1, upliftRatio: 2 },
    );
    expect(r.proposals.map((p) => [p.customerId, p.action])).toEqual([
      ['a', 'standard_team'],
      ['b', 'assign_manager'],
    ]);
  });
  it('no customers → nothing', () => {
    expect(proposeReevaluation([], managers, 'standard', { lowValueQuantile: 0.2, upliftRatio: 2 })).toEqual({
      threshold: null,
      proposals: [],
      freedCapacity: {},
    });
  });
});
