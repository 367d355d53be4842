import { ts } from './columns.js';
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
  /** The time zone the customers' lifecycle boundaries were last built in (decision 0063). */
  lifecycleTz: text('lifecycle_tz'),
  currency: text('currency').notNull().default('CNY'),
  language: text('language').notNull().default('zh-CN'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const teams = pgTable(
  'teams',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    parentId: uuid('parent_id'),
    leadId: uuid('lead_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.parentId], foreignColumns: [t.orgId, t.id] }),
  ],
);

export const users = pgTable(
  'users',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    passwordHash: text('password_hash').notNull(),
    status: text('status').notNull().default('active'),
    teamId: uuid('team_id'),
    language: text('language'),
    /** Manager profile (PRODUCT.md C2). */
    level: text('level').notNull().default('junior'),
    capacity: integer('capacity').notNull().default(200),
    regions: text('regions')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    industries: text('industries')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    languages: text('languages')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    hireDate: date('hire_date', { mode: 'string' }),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: ts('locked_until'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
    foreignKey({ columns: [t.orgId, t.teamId], foreignColumns: [teams.orgId, teams.id] }),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie value; the raw token is never stored. */
    tokenHash: text('token_hash').primaryKey(),
    orgId: uuid('org_id').notNull(),
    userId: uuid('user_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    expiresAt: ts('expires_at').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }).onDelete('cascade'),
    index('sessions_user_idx').on(t.orgId, t.userId),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: uuid('entity_id'),
    data: jsonb('data'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('audit_entity_idx').on(t.orgId, t.entity, t.entityId),
    // The log is read newest first, for everyone or for one person (GET /audit-log, its page).
    index('audit_org_at_idx').on(t.orgId, t.at, t.id),
    index('audit_actor_at_idx').on(t.orgId, t.actorId, t.at),
  ],
);

export const customFieldDefs = pgTable(
  'custom_field_defs',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull(),
    entity: text('entity').notNull(),
    key: text('key').notNull(),
    labelZh: text('label_zh').notNull(),
    labelEn: text('label_en').notNull(),
    type: text('type').notNull(),
    options: jsonb('options').$type<string[]>(),
    required: boolean('required').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('cfd_key').on(t.orgId, t.entity, t.key)],
);

/**
 * Organization settings by key, each a JSON document validated by its feature's zod schema:
 * sla_policy, business_calendar, visit_cadence, care, task_escalation, …
 * A missing key means the documented default.
 */
export const orgSettings = pgTable(
  'org_settings',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    key: text('key').notNull(),
    value: jsonb('value').$type<unknown>().notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.key] })],
);
