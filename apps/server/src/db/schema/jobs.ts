import { ts } from './columns.js';
import { index, jsonb, uniqueIndex, pgTable, primaryKey, real, text, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './platform.js';

/** A background job as the API shows it; pg-boss carries the work, this row carries the status. */
export const jobs = pgTable(
  'jobs',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    /** queued | running | succeeded | failed */
    status: text('status').notNull(),
    progress: real('progress').notNull().default(0),
    options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
    result: jsonb('result').$type<Record<string, unknown>>(),
    error: text('error'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('jobs_org_created_idx').on(t.orgId, t.createdAt)],
);

/** The in-app notification center. */
export const notifications = pgTable(
  'notifications',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    /** A stable code the web app translates, e.g. reclaim_warning, task_assigned. */
    kind: text('kind').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    entity: text('entity'),
    entityId: uuid('entity_id'),
    /** Makes a notification idempotent: one per key (e.g. one warning per customer and due date). */
    dedupeKey: text('dedupe_key'),
    readAt: ts('read_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('notifications_user_idx').on(t.orgId, t.userId, t.createdAt),
    uniqueIndex('notifications_dedupe_key').on(t.orgId, t.dedupeKey),
  ],
);
