import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, teamSubtree } from './roles.js';

describe('teamSubtree', () => {
  const teams = [
    { id: 'dept', parentId: null },
    { id: 'a', parentId: 'dept' },
    { id: 'a1', parentId: 'a' },
    { id: 'a1x', parentId: 'a1' },
    { id: 'b', parentId: 'dept' },
  ];
  it.each([
    [['a'], ['a', 'a1', 'a1x']],
    [['dept'], ['a', 'a1', 'a1x', 'b', 'dept']],
    [['b'], ['b']],
    [
      ['a1', 'b'],
      ['a1', 'a1x', 'b'],
    ],
    [[], []],
  ])('from %j reaches %j', (roots, expected) => {
    expect(teamSubtree(teams, roots).sort()).toEqual(expected);
  });
  it('survives a cycle', () => {
    expect(
      teamSubtree(
        [
          { id: 'x', parentId: 'y' },
          { id: 'y', parentId: 'x' },
        ],
        ['x'],
      ).sort(),
    ).toEqual(['x', 'y']);
  });
});

describe('permission matrix', () => {
  it('gives every role an entry and keeps read-only roles read-only', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...ROLES].sort());
    for (const r of ['service_agent', 'analyst'] as const) {
      expect(PERMISSIONS[r].writeCustomers).toBe(false);
      expect(PERMISSIONS[r].deleteCustomers).toBe(false);
    }
    expect(PERMISSIONS.manager.reach).toBe('own');
    expect(PERMISSIONS.team_lead.reach).toBe('team');
    expect(PERMISSIONS.analyst.readSensitive).toBe(false);
  });
});
