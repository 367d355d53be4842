import { ts } from './columns.js';
import { sql } from 'drizzle-orm';
import {
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
  boolean,
} from 'drizzle-orm/pg-core';
import { organizations, users } from './platform.js';

export type CustomerNeeds = {
  productInterests?: string[];
  preferredChannel?: string | null;
  preferredTime?: string | null;
  notes?: string | null;
};

export const customers = pgTable(
  'customers',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    /** Lower-cased, without spaces and punctuation: the name half of the name + region duplicate key. */
    nameNorm: text('name_norm').notNull(),
    type: text('type').notNull().default('company'),
    industry: text('industry'),
    size: text('size'),
    region: text('region'),
    address: text('address'),
    source: text('source'),
    tier: text('tier'),
    stage: text('stage').notNull().default('prospect'),
    ownerId: uuid('owner_id'),
    teamId: uuid('team_id'),
    /** When the current owner got the customer (the reclaim clock starts here). */
    assignedAt: ts('assigned_at'),
    /** Exempt from reclaim (a limited number per manager). */
    protected: boolean('protected').notNull().default(false),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    phone: text('phone'),
    /** Digits only, for duplicate detection and partial search. */
    phoneNorm: text('phone_norm'),
    email: text('email'),
    emailNorm: text('email_norm'),
    idNumber: text('id_number'),
    externalId: text('external_id'),
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
    needs: jsonb('needs').$type<CustomerNeeds>().notNull().default({}),
    completeness: integer('completeness').notNull().default(0),
    /** The latest interaction's occurredAt (kept by every write that adds or moves interactions). */
    lastContactedAt: ts('last_contacted_at'),
    /** The latest order's orderedAt (kept by every write that adds, changes or moves orders). */
    lastOrderAt: ts('last_order_at'),
    nextVisitDueAt: ts('next_visit_due_at'),
    /**
     * The days the customer entered the live lifecycle stages and `churned`, alternately, from all
     * its orders (`liveBoundaries`, decision 0063), in the organization's `lifecycle_tz`; null until
     * the kpi-facts job builds it. Valid unless the customer is listed in `lifecycle_stale`.
     */
    lifecycleDays: integer('lifecycle_days').array(),
    /** The latest orderedAt among the orders lifecycleDays was built from (null: none). */
    lifecycleThrough: ts('lifecycle_through'),
    /**
     * The instant and the new owner of the customer's latest assignment history row (by `at`, then
     * `id`), kept by a trigger on assignment_history (migration 0022; null: no history). From that
     * instant on the owner by the history is `ownerChangedTo`, so the book KPIs read no history
     * for a customer whose last change precedes the period (decision 0067).
     */
    ownerChangedAt: ts('owner_changed_at'),
    ownerChangedTo: uuid('owner_changed_to'),
    /** Contract signing date (a care anniversary). */
    contractDate: date('contract_date', { mode: 'string' }),
    mergedIntoId: uuid('merged_into_id'),
    deletedAt: ts('deleted_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.ownerId], foreignColumns: [users.orgId, users.id] }),
    // Migrations 0019 and 0022 add INCLUDE (deleted_at, completeness, lifecycle_through,
    // lifecycle_days, owner_changed_at, owner_changed_to).
    index('customers_owner_created_idx').on(
      t.orgId,
      t.ownerId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('customers_owner_stage_created_idx').on(
      t.orgId,
      t.ownerId,
      t.stage,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('customers_team_created_idx').on(
      t.orgId,
      t.teamId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('customers_pool_idx')
      .on(t.orgId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.ownerId} is null and ${t.deletedAt} is null`),
    index('customers_org_created_idx').on(t.orgId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('customers_org_name_idx').on(t.orgId, t.name, t.id),
    index('customers_phone_norm_idx').on(t.orgId, t.phoneNorm),
    index('customers_email_norm_idx').on(t.orgId, t.emailNorm),
    index('customers_name_norm_idx').on(t.orgId, t.nameNorm, t.region),
    index('customers_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    index('customers_phone_trgm_idx').using('gin', t.phoneNorm.op('gin_trgm_ops')),
    index('customers_email_trgm_idx').using('gin', t.emailNorm.op('gin_trgm_ops')),
    index('customers_tags_idx').using('gin', t.tags),
    uniqueIndex('customers_external_id_key')
      .on(t.orgId, t.externalId)
      .where(sql`${t.externalId} is not null and ${t.deletedAt} is null`),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    name: text('name').notNull(),
    position: text('position'),
    phone: text('phone'),
    email: text('email'),
    wechat: text('wechat'),
    birthday: date('birthday', { mode: 'string' }),
    preferences: text('preferences'),
    isPrimary: boolean('is_primary').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }),
    index('contacts_customer_idx').on(t.orgId, t.customerId),
  ],
);

export const interactions = pgTable(
  'interactions',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    contactId: uuid('contact_id'),
    userId: uuid('user_id'),
    type: text('type').notNull(),
    occurredAt: ts('occurred_at').notNull(),
    summary: text('summary').notNull(),
    outcome: text('outcome'),
    nextStep: text('next_step'),
    /** Structured visit feedback: satisfaction 1–5, needs raised, problems raised. */
    feedback: jsonb('feedback').$type<{
      satisfaction?: number;
      needsRaised?: string[];
      problemsRaised?: string[];
    }>(),
    /** The task (e.g. a planned visit) this interaction completed. */
    taskId: uuid('task_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }),
    index('interactions_customer_idx').on(t.orgId, t.customerId, t.occurredAt.desc().nullsFirst()),
  ],
);

export type OrderLine = { product: string; quantity: number; unitPrice: number };

export const orders = pgTable(
  'orders',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    externalId: text('external_id'),
    orderedAt: ts('ordered_at').notNull(),
    amount: numeric('amount', { precision: 16, scale: 2, mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    channel: text('channel'),
    lines: jsonb('lines').$type<OrderLine[]>().notNull().default([]),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }),
    index('orders_customer_idx').on(t.orgId, t.customerId, t.orderedAt.desc().nullsFirst()),
    /** Orders of a period across the organization (KPI facts, docs/decisions/0060). */
    index('orders_org_ordered_idx').on(t.orgId, t.orderedAt),
    uniqueIndex('orders_external_id_key')
      .on(t.orgId, t.externalId)
      .where(sql`${t.externalId} is not null`),
  ],
);

/** One row per changed field: who, when, old → new. */
export const fieldHistory = pgTable(
  'field_history',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    entity: text('entity').notNull(),
    entityId: uuid('entity_id').notNull(),
    field: text('field').notNull(),
    oldValue: jsonb('old_value'),
    newValue: jsonb('new_value'),
    actorId: uuid('actor_id'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('field_history_entity_idx').on(t.orgId, t.entityId, t.at),
  ],
);
