import { ts } from './columns.js';
import {
  bigserial,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './platform.js';

/** A SMART target for a manager or a team, on one KPI, over one period (dates inclusive, org time zone). */
export const goals = pgTable(
  'goals',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull(),
    /** manager | team */
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    kpi: text('kpi').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    target: numeric('target', { precision: 18, scale: 4, mode: 'number' }).notNull(),
    /** The team goal this one was cascaded from. */
    parentGoalId: uuid('parent_goal_id'),
    note: text('note'),
    /** When the off-track notification was last sent (once per off-track spell). */
    offTrackNotifiedAt: ts('off_track_notified_at'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('goals_subject_idx').on(t.orgId, t.subjectType, t.subjectId, t.periodStart),
  ],
);

/** A qualitative rating by a lead (teamwork, relationship quality, …) for a period. */
export const qualitativeRatings = pgTable(
  'qualitative_ratings',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    managerId: uuid('manager_id').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    dimension: text('dimension').notNull(),
    score: numeric('score', { precision: 6, scale: 2, mode: 'number' }).notNull(),
    comment: text('comment'),
    ratedBy: uuid('rated_by').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('ratings_manager_idx').on(t.orgId, t.managerId, t.periodStart),
    uniqueIndex('ratings_period_dimension_key').on(
      t.orgId,
      t.managerId,
      t.periodStart,
      t.periodEnd,
      t.dimension,
    ),
  ],
);

export type ScorecardItem = {
  kpi: string;
  weight: number;
  target: number;
  cap: number;
  lowerIsBetter?: boolean;
};

/** A weighted KPI set for a role or level. */
export const scorecardTemplates = pgTable(
  'scorecard_templates',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    role: text('role'),
    level: text('level'),
    items: jsonb('items').$type<ScorecardItem[]>().notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/** A periodic performance review (绩效考核); locked once signed. */
export const reviews = pgTable(
  'reviews',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull(),
    managerId: uuid('manager_id').notNull(),
    reviewerId: uuid('reviewer_id').notNull(),
    /** month | quarter */
    periodKind: text('period_kind').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    /** The scorecard at the time of writing (pre-filled). */
    scorecard: jsonb('scorecard').$type<Record<string, unknown>>().notNull().default({}),
    strengths: text('strengths'),
    gaps: text('gaps'),
    feedback: text('feedback'),
    /** Improvement plan items: {text, ownerId, dueDate, status}. */
    plan: jsonb('plan').$type<Record<string, unknown>[]>().notNull().default([]),
    /** draft | signed | acknowledged */
    status: text('status').notNull().default('draft'),
    signedAt: ts('signed_at'),
    acknowledgedAt: ts('acknowledged_at'),
    managerComment: text('manager_comment'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('reviews_manager_idx').on(t.orgId, t.managerId, t.periodStart),
    uniqueIndex('reviews_period_key').on(t.orgId, t.managerId, t.periodKind, t.periodStart),
  ],
);

/** A commission plan version: applies from effectiveFrom; a change is a new version, never an edit of a closed period. */
export const commissionPlans = pgTable(
  'commission_plans',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    /** {tiers:[{from, rate}], threshold, cap, bonusMultipliers:[{minScore, multiplier}]} */
    rules: jsonb('rules').$type<Record<string, unknown>>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('commission_plans_effective_key').on(t.orgId, t.effectiveFrom),
  ],
);

/** A closed payout period: its lines are frozen. */
export const payoutPeriods = pgTable(
  'payout_periods',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    planId: uuid('plan_id').notNull(),
    lines: jsonb('lines').$type<Record<string, unknown>[]>().notNull(),
    closedBy: uuid('closed_by'),
    closedAt: ts('closed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

export const trainingRecords = pgTable(
  'training_records',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    managerId: uuid('manager_id').notNull(),
    course: text('course').notNull(),
    completedOn: date('completed_on', { mode: 'string' }).notNull(),
    hours: numeric('hours', { precision: 6, scale: 1, mode: 'number' }).notNull(),
    /** passed | failed | attended */
    result: text('result').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('training_manager_idx').on(t.orgId, t.managerId)],
);

/** A career level with its promotion criteria (KPI thresholds, tenure, training). */
export const careerLevels = pgTable(
  'career_levels',
  {
    orgId: uuid('org_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    rank: numeric('rank', { precision: 4, scale: 0, mode: 'number' }).notNull(),
    criteria: jsonb('criteria').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.code] })],
);

/**
 * Pre-aggregated KPI facts (docs/decisions/0060): per organization, local day and credited user
 * (null = nobody, e.g. pool customers), the orders and new customers that `computeKpis` would
 * count. Only days listed in `kpi_fact_days` are valid; the readers compute the others directly.
 */
export const kpiDayFacts = pgTable(
  'kpi_day_facts',
  {
    orgId: uuid('org_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    /** The owner credited at the moment of the order / creation (assignment history); null = nobody. */
    userId: uuid('user_id'),
    orders: integer('orders').notNull(),
    /** Sum of amounts in the organization's currency; null when no order of the day was in it. */
    sales: numeric('sales', { precision: 20, scale: 2, mode: 'number' }),
    newCustomers: integer('new_customers').notNull(),
  },
  (t) => [
    index('kpi_day_facts_day_idx').on(t.orgId, t.day),
    index('kpi_day_facts_user_idx').on(t.orgId, t.userId, t.day),
  ],
);

/**
 * The days whose facts are valid. The `kpi-facts` job builds missing days; triggers on orders,
 * customers, assignment history and organizations delete the rows of the days a write affects.
 */
export const kpiFactDays = pgTable(
  'kpi_fact_days',
  {
    orgId: uuid('org_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    /** The job's asOf when the day was built. */
    builtAt: ts('built_at').notNull(),
    /**
     * Null: the facts cover the whole local day. Otherwise the day was still running when it was
     * built (today): the facts cover its instants before this one only (decision 0061).
     */
    coveredUntil: ts('covered_until'),
    /**
     * The latest creation of a task counted in the day's task facts (null: none). A reader as of
     * an earlier instant would not count that task, so it computes the day directly (decision 0065).
     */
    tasksCreatedMax: ts('tasks_created_max'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day] })],
);

/**
 * Task timeliness facts (docs/decisions/0065): per organization, local due day and assignee, the
 * tasks (not cancelled) due that day and those done by the end of it, of every type and of type
 * `visit`. Built for whole days only, with the order facts of `kpi_day_facts`, and valid for the
 * same days listed in `kpi_fact_days` with `covered_until` null: a trigger on tasks delists the
 * due days of every task write that can change them.
 */
export const kpiTaskFacts = pgTable(
  'kpi_task_facts',
  {
    orgId: uuid('org_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    userId: uuid('user_id').notNull(),
    total: integer('total').notNull(),
    onTime: integer('on_time').notNull(),
    visits: integer('visits').notNull(),
    visitsOnTime: integer('visits_on_time').notNull(),
  },
  (t) => [
    index('kpi_task_facts_day_idx').on(t.orgId, t.day),
    // A team's or a manager's days (as kpi_day_facts_user_idx).
    index('kpi_task_facts_user_idx').on(t.orgId, t.userId, t.day),
  ],
);

/**
 * Customers whose stored lifecycle boundaries (`customers.lifecycle_days`) may be out of date:
 * a trigger on orders lists every customer an order write touches (migration 0019). `seq` changes
 * on each listing, so the job deletes only the entries it saw (decision 0063).
 */
export const lifecycleStale = pgTable(
  'lifecycle_stale',
  {
    orgId: uuid('org_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.customerId] })],
);
