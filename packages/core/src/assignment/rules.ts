import { fitScore, mayOwnTierA, utilisation, type FitBreakdown } from './fit.js';
import type { Candidate, AssignmentReason, Tier } from './types.js';

export const STRATEGIES = ['round_robin', 'least_loaded', 'best_fit'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/**
 * A condition on a customer. `field` is `region`, `industry`, `tier`, `source`, `language` or
 * `customFields.<key>`. `equals` compares strictly, `in` tests membership, `exists` is true when
 * the field is neither missing, null nor an empty string.
 */
export type RuleCondition =
  | { field: string; op: 'equals'; value: string | number | boolean }
  | { field: string; op: 'in'; values: (string | number | boolean)[] }
  | { field: string; op: 'exists' };

export type AssignmentRule = {
  id: string;
  /** Rules are tried in ascending position; ties keep the order of the array. */
  position: number;
  enabled?: boolean;
  /** All must hold; an empty list matches every customer (a catch-all rule). */
  conditions: RuleCondition[];
  teamId: string;
  strategy: Strategy;
  /** Lets an A-tier customer go to a junior manager of this rule's team. */
  allowAnyLevelForA?: boolean;
  /** What to do when the matched team has nobody eligible: pool (default) or try the next rule. */
  onNoCapacity?: 'pool' | 'next_rule';
};

export type AssignableCustomer = {
  tier: Tier | null;
  region: string | null;
  industry: string | null;
  source: string | null;
  language?: string | null;
  customFields?: Record<string, unknown>;
};

/** Round-robin cursors: the manager last given a customer by each rule. */
export type AssignmentState = { roundRobin: Record<string, string> };

export type AssignmentResult =
  | { pool: false; managerId: string; ruleId: string; reason: AssignmentReason; state: AssignmentState }
  | { pool: true; ruleId: string | null; reason: AssignmentReason; state: AssignmentState };

/** Reads a condition's field from a customer (custom fields through `customFields.<key>`). */
export function fieldValue(customer: AssignableCustomer, field: string): unknown {
  if (field.startsWith('customFields.')) return customer.customFields?.[field.slice('customFields.'.length)];
  switch (field) {
    case 'region':
    case 'industry':
    case 'tier':
    case 'source':
    case 'language':
      return customer[field];
    default:
      return undefined;
  }
}

/** True when the condition holds for the customer (see RuleCondition). */
export function conditionHolds(customer: AssignableCustomer, c: RuleCondition): boolean {
  const v = fieldValue(customer, c.field);
  if (c.op === 'exists') return v !== undefined && v !== null && v !== '';
  if (c.op === 'equals') return v === c.value;
  return c.values.some((x) => x === v);
}

/** True when every condition of the rule holds (and the rule is not disabled). */
export const ruleMatches = (customer: AssignableCustomer, rule: AssignmentRule): boolean =>
  rule.enabled !== false && rule.conditions.every((c) => conditionHolds(customer, c));

/** The rules in the order they are tried. */
export const orderedRules = (rules: AssignmentRule[]): AssignmentRule[] =>
  rules
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.position - b.r.position || a.i - b.i)
    .map((x) => x.r);

type Exclusion = 'other_team' | 'inactive' | 'at_capacity' | 'level_too_low_for_a';

/**
 * Why a manager may not take this customer under this rule, or null when they may:
 * they must be in the rule's team, active, below capacity, and senior or key account for an
 * A-tier customer unless the rule allows any level.
 */
export function exclusion(
  c: Candidate,
  customer: AssignableCustomer,
  rule: AssignmentRule,
): Exclusion | null {
  if (c.teamId !== rule.teamId) return 'other_team';
  if (c.status !== 'active') return 'inactive';
  if (c.load >= c.capacity) return 'at_capacity';
  if (customer.tier === 'A' && !rule.allowAnyLevelForA && !mayOwnTierA(c.level)) return 'level_too_low_for_a';
  return null;
}

/**
 * Assignment rules of PRODUCT.md C3. Tries the rules in order; the first that matches picks a
 * manager from its team by its strategy among the eligible ones (see `exclusion`):
 * - round_robin: the next eligible manager by id after the rule's cursor, wrapping around;
 * - least_loaded: lowest load / capacity, ties by id;
 * - best_fit: highest `fitScore` (breakdown in the reason), ties by load / capacity, then id.
 * When nobody is eligible the customer goes to the pool (`no_eligible_manager`, with counts per
 * exclusion), unless the rule says `onNoCapacity: 'next_rule'`. No match → pool, `no_rule_matched`.
 * Returns the new state (only the round-robin cursor of the chosen rule changes).
 */
export function chooseAssignee(
  customer: AssignableCustomer,
  rules: AssignmentRule[],
  candidates: Candidate[],
  state: AssignmentState = { roundRobin: {} },
): AssignmentResult {
  let lastEmpty: { rule: AssignmentRule; reason: AssignmentReason } | null = null;
  for (const rule of orderedRules(rules)) {
    if (!ruleMatches(customer, rule)) continue;
    const counts: Record<Exclusion, number> = {
      other_team: 0,
      inactive: 0,
      at_capacity: 0,
      level_too_low_for_a: 0,
    };
    const eligible = candidates
      .filter((c) => {
        const why = exclusion(c, customer, rule);
        if (why) counts[why]++;
        return !why;
      })
      .sort((a, b) => cmp(a.id, b.id));
    if (eligible.length === 0) {
      const { other_team: _, ...inTeam } = counts;
      const reason: AssignmentReason = {
        code: 'no_eligible_manager',
        data: { ruleId: rule.id, teamId: rule.teamId, ...inTeam },
      };
      if (rule.onNoCapacity === 'next_rule') {
        lastEmpty = { rule, reason };
        continue;
      }
      return { pool: true, ruleId: rule.id, reason, state };
    }
    const picked = pick(rule, eligible, customer, state.roundRobin[rule.id]);
    const newState =
      rule.strategy === 'round_robin'
        ? { roundRobin: { ...state.roundRobin, [rule.id]: picked.manager.id } }
        : state;
    return {
      pool: false,
      managerId: picked.manager.id,
      ruleId: rule.id,
      reason: {
        code: `assigned_${rule.strategy}`,
        data: { ruleId: rule.id, teamId: rule.teamId, eligible: eligible.length, ...picked.data },
      },
      state: newState,
    };
  }
  if (lastEmpty) return { pool: true, ruleId: lastEmpty.rule.id, reason: lastEmpty.reason, state };
  return { pool: true, ruleId: null, reason: { code: 'no_rule_matched', data: {} }, state };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function pick(
  rule: AssignmentRule,
  eligible: Candidate[],
  customer: AssignableCustomer,
  cursor: string | undefined,
): { manager: Candidate; data: AssignmentReason['data'] } {
  if (rule.strategy === 'round_robin') {
    const manager = (cursor !== undefined && eligible.find((c) => c.id > cursor)) || eligible[0]!;
    return { manager, data: { previous: cursor ?? null } };
  }
  if (rule.strategy === 'least_loaded') {
    const manager = [...eligible].sort(
      (a, b) => utilisation(a.load, a.capacity) - utilisation(b.load, b.capacity) || cmp(a.id, b.id),
    )[0]!;
    return { manager, data: { load: manager.load, capacity: manager.capacity, utilisation: ratio(manager) } };
  }
  const scored = eligible
    .map((c) => ({ c, s: fitScore(customer, c, c.load) }))
    .sort(
      (a, b) =>
        b.s.total - a.s.total ||
        utilisation(a.c.load, a.c.capacity) - utilisation(b.c.load, b.c.capacity) ||
        cmp(a.c.id, b.c.id),
    );
  const best = scored[0]!;
  return { manager: best.c, data: { score: breakdownData(best.s), runnerUp: scored[1]?.s.total ?? null } };
}

const ratio = (c: Candidate): number => Math.round(utilisation(c.load, c.capacity) * 1e4) / 1e4;

/** A fit breakdown as reason data. */
export const breakdownData = (s: FitBreakdown): Record<string, number> => ({ ...s });
