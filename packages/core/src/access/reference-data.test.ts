import { describe, expect, it } from 'vitest';
import { mayEditReferenceData } from './reference-data.js';
import type { Role } from './roles.js';

describe('mayEditReferenceData', () => {
  const cases: [Role, string, boolean][] = [
    ['admin', 'junior', true],
    ['director', 'junior', true],
    ['manager', 'senior', true],
    ['manager', 'key_account', true],
    ['team_lead', 'key_account', true],
    ['team_lead', 'senior', true],
    ['manager', 'junior', false],
    ['team_lead', 'junior', false],
    ['service_agent', 'junior', false],
    ['analyst', 'junior', false],
    // "Senior managers": a level set on an analyst's or agent's account does not count.
    ['analyst', 'senior', false],
    ['service_agent', 'key_account', false],
    ['manager', 'SENIOR', false],
    ['manager', '', false],
  ];
  it.each(cases)('%s at level %j → %s', (role, level, expected) => {
    expect(mayEditReferenceData({ role, level })).toBe(expected);
  });
});
