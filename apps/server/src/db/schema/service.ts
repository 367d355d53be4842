import { ts } from './columns.js';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
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
 * A complaint (投诉) with its SLA clock (PRODUCT.md C5). Due times are absolute instants computed
 * from the organization's SLA policy (calendar or business time) and moved forward when the clock
 * resumes after a pause (waiting_customer).
 */
export const complaints = pgTable(
  'complaints',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    contactId: uuid('contact_id'),
    /** phone | email | wechat | visit | web | letter | regulator | other */
    channel: text('channel').notNull(),
    category: text('category').notNull(),
    /** low | medium | high | critical */
    severity: text('severity').notNull(),
    description: text('description').notNull(),
    /** open | acknowledged | in_progress | waiting_customer | resolved | closed */
    status: text('status').notNull().default('open'),
    /** The customer's owner when the complaint was raised (for analytics by manager). */
    ownerId: uuid('owner_id'),
    teamId: uuid('team_id'),
    /** Who works on it: the owner or a service agent. */
    assigneeId: uuid('assignee_id'),
    /** quality | logistics | finance | … (escalation to a department), or null. */
    escalatedTo: text('escalated_to'),
    escalatedAt: ts('escalated_at'),
    /** calendar | business */
    slaMode: text('sla_mode').notNull().default('calendar'),
    firstResponseDueAt: ts('first_response_due_at').notNull(),
    resolutionDueAt: ts('resolution_due_at').notNull(),
    firstResponseWarnAt: ts('first_response_warn_at'),
    resolutionWarnAt: ts('resolution_warn_at'),
    firstRespondedAt: ts('first_responded_at'),
    firstResponseWarnedAt: ts('first_response_warned_at'),
    firstResponseBreachedAt: ts('first_response_breached_at'),
    resolutionWarnedAt: ts('resolution_warned_at'),
    resolutionBreachedAt: ts('resolution_breached_at'),
    /** Set while the clock is paused (waiting on the customer). */
    pausedAt: ts('paused_at'),
    /** Total paused time so far, in milliseconds. */
    pausedMs: bigint('paused_ms', { mode: 'number' }).notNull().default(0),
    /** A regulatory deadline template, e.g. "regulatory_15_30". */
    deadlineTemplate: text('deadline_template'),
    extendedAt: ts('extended_at'),
    extensionReason: text('extension_reason'),
    resolution: text('resolution'),
    rootCause: text('root_cause'),
    resolvedAt: ts('resolved_at'),
    closedAt: ts('closed_at'),
    reopenCount: integer('reopen_count').notNull().default(0),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('complaints_status_due_idx').on(t.orgId, t.status, t.resolutionDueAt),
    index('complaints_customer_idx').on(t.orgId, t.customerId, t.createdAt),
    index('complaints_assignee_idx').on(t.orgId, t.assigneeId, t.status),
    index('complaints_owner_created_idx').on(t.orgId, t.ownerId, t.createdAt),
    index('complaints_open_idx')
      .on(t.orgId, t.firstResponseDueAt)
      .where(sql`${t.status} not in ('resolved', 'closed')`),
  ],
);

/** The timeline of a complaint: transitions, notes, escalations, assignments, SLA warnings and breaches. */
export const complaintEvents = pgTable(
  'complaint_events',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    complaintId: uuid('complaint_id').notNull(),
    /** transition | note | escalation | assignment | extension | sla_warning | sla_breach */
    kind: text('kind').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    /** Internal notes are never shown to the customer. */
    internal: boolean('internal').notNull().default(true),
    actorId: uuid('actor_id'),
    at: ts('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('complaint_events_complaint_idx').on(t.orgId, t.complaintId, t.at),
  ],
);

export type SurveyQuestion = {
  id: string;
  label: string;
  kind: 'text' | 'choice' | 'rating';
  options?: string[];
};

/** CSAT (1–5) or NPS (0–10) survey template with optional extra questions. */
export const surveyTemplates = pgTable(
  'survey_templates',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    /** csat | nps */
    kind: text('kind').notNull(),
    /** The main question shown above the score. */
    question: text('question'),
    questions: jsonb('questions').$type<SurveyQuestion[]>().notNull().default([]),
    /** Days a link stays valid. */
    validDays: integer('valid_days').notNull().default(14),
    /** Send automatically after: visit | complaint | null (manual and segment sends only). */
    trigger: text('trigger'),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('survey_templates_active_trigger_key')
      .on(t.orgId, t.trigger)
      .where(sql`${t.active} and ${t.trigger} is not null`),
  ],
);

/** One survey sent to one customer: a unique link, answered once, expiring. */
export const surveySends = pgTable(
  'survey_sends',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull(),
    templateId: uuid('template_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    contactId: uuid('contact_id'),
    /** The unguessable token of the public link (unique across organizations). */
    token: text('token').notNull(),
    /** visit | complaint | segment | manual */
    trigger: text('trigger').notNull(),
    /** The visit task / interaction or complaint that caused the send. */
    sourceId: uuid('source_id'),
    /** Makes automatic sends idempotent (one per source and template). */
    sourceKey: text('source_key'),
    /** The customer's owner and team when sent (scores per manager and team). */
    ownerId: uuid('owner_id'),
    teamId: uuid('team_id'),
    language: text('language'),
    sentAt: ts('sent_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    answeredAt: ts('answered_at'),
    score: integer('score'),
    comment: text('comment'),
    answers: jsonb('answers').$type<Record<string, unknown>>(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('survey_sends_token_key').on(t.token),
    uniqueIndex('survey_sends_source_key').on(t.orgId, t.sourceKey),
    index('survey_sends_customer_idx').on(t.orgId, t.customerId, t.sentAt),
    index('survey_sends_owner_idx').on(t.orgId, t.ownerId, t.answeredAt),
  ],
);

/** Per-customer override of the tier's visit cadence (回访计划). */
export const visitPlanOverrides = pgTable(
  'visit_plan_overrides',
  {
    orgId: uuid('org_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    /** Days between visits; null means no planned visits for this customer. */
    cadenceDays: integer('cadence_days'),
    /** visit | phone | wechat | email | video */
    channel: text('channel'),
    updatedBy: uuid('updated_by'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.customerId] })],
);
