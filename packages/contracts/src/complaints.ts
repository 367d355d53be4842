import { z } from 'zod';
import { Id, IsoDate, IsoDateTime, ListQuery, page } from './common.js';

export const COMPLAINT_SEVERITY_VALUES = ['low', 'medium', 'high', 'critical'] as const;
export const COMPLAINT_STATUS_VALUES = [
  'open',
  'acknowledged',
  'in_progress',
  'waiting_customer',
  'resolved',
  'closed',
] as const;
/** The channels the web app offers; the API takes any short code. */
export const COMPLAINT_CHANNELS = [
  'phone',
  'email',
  'wechat',
  'visit',
  'web',
  'letter',
  'regulator',
  'other',
] as const;
/** The categories the web app offers; the API takes any short code. */
export const COMPLAINT_CATEGORIES = [
  'quality',
  'delivery',
  'service',
  'billing',
  'after_sales',
  'other',
] as const;
/** Departments a complaint can be escalated to, besides "lead". */
export const COMPLAINT_DEPARTMENTS = [
  'quality',
  'logistics',
  'finance',
  'sales',
  'customer_service',
  'legal',
] as const;
export const SLA_STATES = ['normal', 'warning', 'breached', 'paused', 'met', 'missed'] as const;

export const ComplaintSeverity = z.enum(COMPLAINT_SEVERITY_VALUES);
export const ComplaintStatus = z.enum(COMPLAINT_STATUS_VALUES);

const code = z
  .string()
  .trim()
  .min(1, 'required')
  .max(50)
  .regex(/^[\p{L}\p{N}_ -]+$/u, 'letters, digits, spaces, - and _ only');
const text = (max: number) => z.string().trim().max(max);
const csv = z
  .string()
  .max(4000)
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

export const ComplaintCreate = z.object({
  customerId: Id,
  severity: ComplaintSeverity,
  category: code,
  channel: code,
  description: text(10_000).min(1, 'required'),
  contactId: Id.nullish(),
  /** Default: the customer's owner (a service agent creating it: the agent; a pool customer: the caller). */
  assigneeId: Id.nullish(),
  /** A deadline template of the SLA policy, e.g. "regulatory_15_30"; channel "regulator" gets it by default. */
  deadlineTemplate: z.string().trim().min(1).max(50).nullish(),
});

/** Severity is set at intake and fixes the SLA; it is not edited afterwards. */
export const ComplaintUpdate = z.object({
  category: code.optional(),
  assigneeId: Id.optional(),
  contactId: Id.nullish(),
  resolution: text(10_000).nullish(),
  rootCause: text(4000).nullish(),
});

export const ComplaintTransition = z.object({
  to: ComplaintStatus,
  note: text(4000).nullish(),
});
export const ComplaintNote = z.object({ note: text(4000).min(1, 'required') });
export const ComplaintEscalate = z.object({
  /** A department code (quality, logistics, finance …) or "lead" for the assignee's team lead. */
  to: code,
  note: text(4000).min(1, 'required'),
});
export const ComplaintExtend = z.object({ reason: text(2000).min(1, 'required') });

export const ComplaintListQuery = ListQuery.extend({
  status: csv.pipe(z.array(ComplaintStatus)).optional(),
  severity: csv.pipe(z.array(ComplaintSeverity)).optional(),
  category: csv.pipe(z.array(z.string().max(50)).max(50)).optional(),
  assigneeId: csv.pipe(z.array(Id).max(200)).optional(),
  customerId: csv.pipe(z.array(Id).max(200)).optional(),
  /** true: a target was missed (or is overdue now); false: none was. */
  breached: z.enum(['true', 'false']).optional(),
  /** Matches the description, the customer's name or the category. */
  q: z.string().trim().max(200).optional(),
});

const Instant = IsoDateTime;
export const ComplaintOut = z.object({
  id: Id,
  customerId: Id,
  customerName: z.string().nullable(),
  contactId: Id.nullable(),
  channel: z.string(),
  category: z.string(),
  severity: ComplaintSeverity,
  description: z.string(),
  status: ComplaintStatus,
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  teamId: Id.nullable(),
  assigneeId: Id.nullable(),
  assigneeName: z.string().nullable(),
  escalatedTo: z.string().nullable(),
  escalatedAt: Instant.nullable(),
  slaMode: z.enum(['calendar', 'business']),
  firstResponseDueAt: Instant,
  resolutionDueAt: Instant,
  firstResponseWarnAt: Instant.nullable(),
  resolutionWarnAt: Instant.nullable(),
  firstRespondedAt: Instant.nullable(),
  firstResponseWarnedAt: Instant.nullable(),
  firstResponseBreachedAt: Instant.nullable(),
  resolutionWarnedAt: Instant.nullable(),
  resolutionBreachedAt: Instant.nullable(),
  pausedAt: Instant.nullable(),
  pausedMs: z.number(),
  deadlineTemplate: z.string().nullable(),
  extendedAt: Instant.nullable(),
  extensionReason: z.string().nullable(),
  resolution: z.string().nullable(),
  rootCause: z.string().nullable(),
  resolvedAt: Instant.nullable(),
  closedAt: Instant.nullable(),
  reopenCount: z.number().int(),
  /** The running target and where it stands, as of the request. */
  sla: z.object({
    target: z.enum(['first_response', 'resolution']),
    state: z.enum(SLA_STATES),
    dueAt: Instant,
  }),
  /** The transitions allowed from the current status. */
  allowedTransitions: z.array(ComplaintStatus),
  createdBy: Id.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
});
export const ComplaintPage = page(ComplaintOut);

export const ComplaintEventOut = z.object({
  id: Id,
  kind: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  internal: z.boolean(),
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  at: Instant,
});
export const ComplaintEventList = z.object({ data: z.array(ComplaintEventOut) });

// ---- settings -------------------------------------------------------------------------------

const Minutes = z
  .number()
  .int()
  .min(1)
  .max(366 * 24 * 60);
const SlaTargetSchema = z.object({ firstResponseMinutes: Minutes, resolutionMinutes: Minutes });
export const SlaPolicySchema = z.object({
  mode: z.enum(['calendar', 'business']),
  warnAtFraction: z.number().gt(0).lt(1).nullable(),
  targets: z.object({
    low: SlaTargetSchema,
    medium: SlaTargetSchema,
    high: SlaTargetSchema,
    critical: SlaTargetSchema,
  }),
  templates: z
    .record(
      z.string().regex(/^[a-z][a-z0-9_]{0,49}$/, 'lower-case letters, digits and _ only'),
      z
        .object({
          resolutionMinutes: Minutes,
          extendedResolutionMinutes: Minutes,
          channels: z.array(code).max(20).default([]),
        })
        .refine((t) => t.extendedResolutionMinutes >= t.resolutionMinutes, {
          message: 'must not be shorter than resolutionMinutes',
          path: ['extendedResolutionMinutes'],
        }),
    )
    .default({}),
});

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected HH:MM');
const Interval = z
  .object({ start: HHMM, end: HHMM })
  .refine((w) => w.end > w.start, { message: 'must be after start', path: ['end'] });
const Day = z.array(Interval).max(6);
export const BusinessCalendarSchema = z.object({
  week: z.object({ mon: Day, tue: Day, wed: Day, thu: Day, fri: Day, sat: Day, sun: Day }),
  holidays: z.array(IsoDate).max(1000).default([]),
  workdays: z.array(IsoDate).max(1000).default([]),
  makeUpHours: Day.default([{ start: '09:00', end: '18:00' }]),
});
export const BusinessCalendarOut = BusinessCalendarSchema.extend({ timeZone: z.string() });

// ---- analytics ------------------------------------------------------------------------------

export const ComplaintAnalyticsQuery = z.object({ from: IsoDate, to: IsoDate });
const Hours = z.object({
  median: z.number().nullable(),
  p90: z.number().nullable(),
  count: z.number().int(),
});
const Count = z.object({ key: z.string(), count: z.number().int() });
export const ComplaintAnalyticsOut = z.object({
  from: IsoDate,
  to: IsoDate,
  total: z.number().int(),
  byCategory: z.array(Count),
  bySeverity: z.array(Count),
  byManager: z.array(
    z.object({ managerId: Id.nullable(), name: z.string().nullable(), count: z.number().int() }),
  ),
  firstResponseHours: Hours,
  resolutionHours: Hours,
  breached: z.number().int(),
  repeat: z.object({
    /** Customers with two or more complaints raised in the period. */
    customers: z.number().int(),
    /** Complaints raised within 30 days after an earlier complaint of the same customer. */
    within30Days: z.number().int(),
  }),
});

export type ComplaintCreate = z.infer<typeof ComplaintCreate>;
export type ComplaintUpdate = z.infer<typeof ComplaintUpdate>;
export type ComplaintTransition = z.infer<typeof ComplaintTransition>;
export type ComplaintListQuery = z.infer<typeof ComplaintListQuery>;
export type ComplaintOut = z.infer<typeof ComplaintOut>;
export type ComplaintEventOut = z.infer<typeof ComplaintEventOut>;
export type SlaPolicyBody = z.infer<typeof SlaPolicySchema>;
export type BusinessCalendarBody = z.infer<typeof BusinessCalendarSchema>;
export type ComplaintAnalyticsOut = z.infer<typeof ComplaintAnalyticsOut>;
