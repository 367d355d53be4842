import { ts } from './columns.js';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './platform.js';

/** Every ownership change of a customer: from, to, when, by whom or which rule, why. */
export const assignmentHistory = pgTable(
  'assignment_history',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    /** assign | release | claim | reclaim | handover | rule | create */
    kind: text('kind').notNull(),
    fromUserId: uuid('from_user_id'),
    toUserId: uuid('to_user_id'),
    actorId: uuid('actor_id'),
    ruleId: uuid('rule_id'),
    reason: text('reason'),
    at: ts('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    // Migration 0019 adds INCLUDE (id, kind, from_user_id, to_user_id).
    index('assignment_history_customer_idx').on(t.orgId, t.customerId, t.at),
    // Migration 0019 adds INCLUDE (customer_id) to this index and the next.
    index('assignment_history_to_idx').on(t.orgId, t.toUserId, t.kind, t.at),
    /** The customers a team's book may have held (decision 0063): those handed away from its members. */
    index('assignment_history_from_idx').on(t.orgId, t.fromUserId),
  ],
);

/**
 * Pool limits; the most specific scope wins (user over team over organization).
 * scope: 'organization' (scopeId null) | 'team' | 'user'.
 */
export const poolPolicies = pgTable(
  'pool_policies',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull(),
    scope: text('scope').notNull(),
    scopeId: uuid('scope_id'),
    maxHeld: integer('max_held'),
    maxClaimsPerDay: integer('max_claims_per_day'),
    cooldownDays: integer('cooldown_days'),
    maxProtected: integer('max_protected'),
    /** Reclaim windows per tier, in days: {A:{noFollowUpDays, noOrderDays, warnDays}, …, default: {…}}. */
    reclaim:
      jsonb('reclaim').$type<
        Record<string, { noFollowUpDays?: number; noOrderDays?: number; warnDays?: number }>
      >(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('pool_policies_scope_idx').on(t.orgId, t.scope, t.scopeId),
  ],
);

/** Ordered assignment rules: conditions → a team and a strategy (core `chooseAssignee`). */
export const assignmentRules = pgTable(
  'assignment_rules',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    conditions: jsonb('conditions').$type<unknown[]>().notNull().default([]),
    teamId: uuid('team_id'),
    /** round_robin | least_loaded | best_fit */
    strategy: text('strategy').notNull(),
    allowAnyLevelForA: boolean('allow_any_level_for_a').notNull().default(false),
    /** pool | next_rule */
    onNoCapacity: text('on_no_capacity').notNull().default('pool'),
    /** Round-robin cursor: the manager who got the last customer by this rule. */
    lastAssigneeId: uuid('last_assignee_id'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('assignment_rules_position_idx').on(t.orgId, t.position),
  ],
);
