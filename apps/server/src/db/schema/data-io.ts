import { ts } from './columns.js';
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './platform.js';

/** An import of a CSV/XLSX file (PRODUCT.md C10); the file is kept on disk and streamed by the `import` job. */
export const imports = pgTable(
  'imports',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull(),
    /** customers | contacts | orders | interactions */
    entity: text('entity').notNull(),
    fileName: text('file_name').notNull(),
    /** Where the uploaded file is stored (server-side path). */
    filePath: text('file_path').notNull(),
    fileSha256: text('file_sha256'),
    /** csv | xlsx */
    format: text('format').notNull(),
    /** Column header → field. */
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull().default({}),
    /** skip | update | merge */
    dedupe: text('dedupe').notNull().default('skip'),
    /** externalId | email | phone | name_region */
    dedupeKey: text('dedupe_key'),
    jobId: uuid('job_id'),
    /** queued | running | succeeded | failed | cancelled */
    status: text('status').notNull().default('queued'),
    progress: real('progress').notNull().default(0),
    totalRows: integer('total_rows'),
    processedRows: integer('processed_rows').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    /** The last data row committed (rows counted from 1), for the report of a cancelled or failed run. */
    stoppedAtRow: integer('stopped_at_row'),
    error: text('error'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('imports_org_created_idx').on(t.orgId, t.createdAt),
  ],
);

/** One failed row of an import: row (from 1 for the first data row), column header as written, code, message. */
export const importErrors = pgTable(
  'import_errors',
  {
    orgId: uuid('org_id').notNull(),
    importId: uuid('import_id').notNull(),
    row: integer('row').notNull(),
    column: text('column'),
    code: text('code').notNull(),
    message: text('message').notNull(),
  },
  (t) => [index('import_errors_import_idx').on(t.orgId, t.importId, t.row)],
);

/** A saved column mapping, reusable for the next file of the same shape. */
export const importTemplates = pgTable(
  'import_templates',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    entity: text('entity').notNull(),
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/** A personal API token: stored as a hash, shown once, scoped, expiring, revocable. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    /** SHA-256 of the secret. */
    tokenHash: text('token_hash').notNull(),
    /** The first characters, to recognize a token in a list. */
    prefix: text('prefix').notNull(),
    /** read | write | <capability>:read | <capability>:write */
    scopes: text('scopes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    expiresAt: ts('expires_at'),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('api_tokens_hash_key').on(t.tokenHash)],
);

/** A webhook subscription of an organization. */
export const webhooks = pgTable(
  'webhooks',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull(),
    url: text('url').notNull(),
    secret: text('secret').notNull(),
    events: text('events')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    active: boolean('active').notNull().default(true),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    disabledAt: ts('disabled_at'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/** One event to deliver to one webhook, with its attempts. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    webhookId: uuid('webhook_id').notNull(),
    event: text('event').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** pending | delivered | failed */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at'),
    lastStatusCode: integer('last_status_code'),
    lastResponse: text('last_response'),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull(),
    deliveredAt: ts('delivered_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('webhook_deliveries_webhook_idx').on(t.orgId, t.webhookId, t.createdAt),
  ],
);

/** Filters, columns and sort of a list, private or shared with a team. */
export const savedViews = pgTable(
  'saved_views',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    /** customers | pool | tasks | complaints | … */
    list: text('list').notNull(),
    name: text('name').notNull(),
    filters: jsonb('filters').$type<Record<string, unknown>>().notNull().default({}),
    columns: jsonb('columns').$type<string[]>().notNull().default([]),
    sort: text('sort'),
    sharedTeamId: uuid('shared_team_id'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('saved_views_user_idx').on(t.orgId, t.userId, t.list),
  ],
);
