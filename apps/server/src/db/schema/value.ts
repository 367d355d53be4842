import { ts } from './columns.js';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './platform.js';

/**
 * The latest value scores of each customer (one row per customer, replaced by every
 * `value-refresh`): RFM, CLV and P(alive) from the fitted models, the rule tier and the lifecycle
 * stage, with the explanation of each.
 */
export const customerScores = pgTable(
  'customer_scores',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    customerId: uuid('customer_id').notNull(),
    r: integer('r').notNull(),
    f: integer('f').notNull(),
    m: integer('m').notNull(),
    segment: text('segment').notNull(),
    /** RFM inputs: days since the last purchase, purchase days, money spent (all up to as_of). */
    recencyDays: integer('recency_days').notNull(),
    frequency: integer('frequency').notNull(),
    monetary: doublePrecision('monetary').notNull(),
    /** Model outputs; null when no model could be fitted. */
    pAlive: doublePrecision('p_alive'),
    expectedPurchases: doublePrecision('expected_purchases'),
    expectedSpend: doublePrecision('expected_spend'),
    clv: doublePrecision('clv'),
    /** Horizon of expected purchases and CLV, in `unit`s. */
    horizon: integer('horizon'),
    unit: text('unit').notNull(),
    stage: text('stage').notNull(),
    stageSince: date('stage_since', { mode: 'string' }),
    /** The tier the rule gives (a manual override may differ; customers.tier holds the result). */
    tierRule: text('tier_rule').notNull(),
    /**
     * The explanation as stored by refreshes before migration 0011; null since then — the explanation is
     * built on read from the compact inputs below and the model (features/value/explanation.ts).
     */
    explanation: jsonb('explanation').$type<Record<string, unknown>[]>(),
    asOf: ts('as_of').notNull(),
    computedAt: ts('computed_at').notNull(),
    /** The value_models row the CLV numbers come from (null when no model could be fitted). */
    modelId: uuid('model_id'),
    /** Customers scored in the refresh (the RFM and tier population). */
    population: integer('population'),
    /** The tier rule's input: spend in the last 12 months up to as_of, and its percentile 0–1. */
    tierValue: doublePrecision('tier_value'),
    tierPercentile: doublePrecision('tier_percentile'),
    /** Median days between purchase days (null with fewer than two). */
    usualIntervalDays: doublePrecision('usual_interval_days'),
    /** BG/NBD inputs in `unit`s (x = frequency − 1) and the mean spend of the repeat purchases. */
    bgTx: doublePrecision('bg_tx'),
    bgT: doublePrecision('bg_t'),
    bgMonetary: doublePrecision('bg_monetary'),
    /** Churn facts: purchase days in the last 180 days and the 180 before, recent complaints, CSAT trend, overdue visits. */
    recentPurchases: integer('recent_purchases'),
    earlierPurchases: integer('earlier_purchases'),
    recentComplaints: integer('recent_complaints'),
    satisfactionTrend: doublePrecision('satisfaction_trend'),
    overdueVisits: integer('overdue_visits'),
    /**
     * The last point written to score_history (value-refresh writes one only when P(alive) or CLV
     * moved by a step since it; decision 0062): its as-of, P(alive) and CLV.
     */
    historyAsOf: ts('history_as_of'),
    historyPAlive: doublePrecision('history_p_alive'),
    historyClv: doublePrecision('history_clv'),
  },
  // Only the primary key: every column changes at each refresh, and with no other index (and the
  // table's fillfactor, migration 0018) the nightly rewrite of every row is a heap-only update.
  (t) => [primaryKey({ columns: [t.orgId, t.customerId] })],
);

/** Every model fit of `value-refresh`: BG/NBD and Gamma-Gamma parameters as of a moment. */
export const valueModels = pgTable(
  'value_models',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull(),
    model: text('model').notNull().default('bg-nbd'),
    /** {r, alpha, a, b}; alpha in `unit`s. */
    params: jsonb('params').$type<{ r: number; alpha: number; a: number; b: number }>().notNull(),
    logLikelihood: doublePrecision('log_likelihood').notNull(),
    /** Gamma-Gamma {p, q, gamma}; gamma in currency units. */
    spendParams: jsonb('spend_params').$type<{ p: number; q: number; gamma: number }>().notNull(),
    spendLogLikelihood: doublePrecision('spend_log_likelihood'),
    unit: text('unit').notNull(),
    horizon: integer('horizon').notNull(),
    annualDiscountRate: doublePrecision('annual_discount_rate').notNull(),
    asOf: ts('as_of').notNull(),
    /** Customers the BG/NBD fit used, and the repeat buyers of the Gamma-Gamma fit. */
    customers: integer('customers').notNull(),
    repeatBuyers: integer('repeat_buyers').notNull(),
    sampled: boolean('sampled').notNull().default(false),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('value_models_latest_idx').on(t.orgId, t.createdAt.desc()),
  ],
);

/** P(alive) and CLV of each customer at each refresh, for the small history chart. */
export const scoreHistory = pgTable(
  'score_history',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    customerId: uuid('customer_id').notNull(),
    asOf: ts('as_of').notNull(),
    pAlive: doublePrecision('p_alive'),
    clv: doublePrecision('clv'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.customerId, t.asOf] })],
);

/** A churn alert, followed to an outcome: open → retained | lost. At most one open per customer. */
export const churnAlerts = pgTable(
  'churn_alerts',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    ownerId: uuid('owner_id'),
    /** open | retained | lost */
    status: text('status').notNull().default('open'),
    /** The indicators that fired: [{code, value, threshold}]. */
    reasons: jsonb('reasons').$type<Record<string, unknown>[]>().notNull(),
    taskId: uuid('task_id'),
    openedAt: ts('opened_at').notNull(),
    closedAt: ts('closed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('churn_alerts_open_key')
      .on(t.orgId, t.customerId)
      .where(sql`${t.status} = 'open'`),
    index('churn_alerts_owner_idx').on(t.orgId, t.ownerId, t.status),
  ],
);

/** A manual tier that wins over the rule, with its reason. */
export const tierOverrides = pgTable(
  'tier_overrides',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    customerId: uuid('customer_id').notNull(),
    tier: text('tier').notNull(),
    reason: text('reason').notNull(),
    by: uuid('by'),
    at: ts('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.customerId] })],
);

/**
 * The value of each owner's book at each completed value refresh (docs/decisions/0066): the sum of
 * the CLV the refresh computed over the customers it scored, by their owner when it read them
 * (null: the pool). The `book_value` KPI reads the latest snapshot at or before a period's end.
 */
export const bookValueSnapshots = pgTable(
  'book_value_snapshots',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    asOf: ts('as_of').notNull(),
    ownerId: uuid('owner_id'),
    /** Sum of CLV (null when none of the customers has one: no model could be fitted). */
    clv: doublePrecision('clv'),
    /** Customers scored in the book. */
    customers: integer('customers').notNull(),
  },
  (t) => [index('book_value_snapshots_as_of_idx').on(t.orgId, t.asOf)],
);

/**
 * Each customer's purchase days as of the organization's last `value-refresh` (decision 0071): its
 * distinct local calendar days with an order up to that moment, ascending (days since 1970-01-01),
 * and the spend of each day. The nightly refresh reads these instead of aggregating every order
 * again, after rebuilding the rows of the customers whose orders changed since (`value_stale`) or
 * who ordered after the stored moment. A customer without an order up to then has no row.
 */
export const purchaseDays = pgTable(
  'purchase_days',
  {
    orgId: uuid('org_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    days: integer('days').array().notNull(),
    /** The spend of each day in hundredths (orders' amounts have two decimals): exact sums. */
    cents: bigint('cents', { mode: 'number' }).array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.customerId] })],
);

/** What `purchase_days` of an organization holds: orders up to `asOf`, days in time zone `tz`. */
export const purchaseDaysState = pgTable('purchase_days_state', {
  orgId: uuid('org_id').primaryKey(),
  asOf: ts('as_of').notNull(),
  tz: text('tz').notNull(),
});

/**
 * Customers whose `purchase_days` row may be out of date: the trigger on orders that lists them
 * in `lifecycle_stale` lists them here too (migration 0024). `seq` changes on each listing, so the
 * refresh deletes only the entries it saw.
 */
export const valueStale = pgTable(
  'value_stale',
  {
    orgId: uuid('org_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.customerId] })],
);
