import { z } from 'zod';
import { Id, IsoDate, IsoDateTime } from './common.js';
import { TaskOut } from './engagement.js';

export const VISIT_CHANNEL_VALUES = ['visit', 'phone', 'wechat', 'email', 'video'] as const;
export const VisitChannel = z.enum(VISIT_CHANNEL_VALUES);
const Cadence = z.number().int().min(1).max(3650).nullable();
const Tiered = <T extends z.ZodType>(v: T) => z.object({ A: v, B: v, C: v, D: v });

/** GET/PUT /settings/visit-plan (org_settings `visit_cadence`): days between visits per tier (null: none). */
export const VisitCadenceSettings = z.object({
  A: Cadence,
  B: Cadence,
  C: Cadence,
  D: Cadence,
  channels: Tiered(VisitChannel),
  /** Days after the due day before an undone visit counts as missed. */
  graceDays: z.number().int().min(0).max(90),
});

/** PUT /customers/{id}/visit-plan: replaces the tier's cadence for one customer (null: no plan). */
export const CustomerVisitPlanUpdate = z.object({
  cadenceDays: Cadence,
  channel: VisitChannel.nullable().optional(),
});
export const CustomerVisitPlanOut = z.object({
  customerId: Id,
  tier: z.string().nullable(),
  override: z
    .object({ cadenceDays: z.number().int().nullable(), channel: VisitChannel.nullable() })
    .nullable(),
  effective: z.object({
    cadenceDays: z.number().int().nullable(),
    channel: VisitChannel.nullable(),
    source: z.enum(['tier', 'override']),
  }),
  lastContactedAt: IsoDateTime.nullable(),
  /** The next planned visit (null: no plan). */
  nextDueAt: IsoDateTime.nullable(),
});

export const CARE_OCCASION_VALUES = [
  'birthday',
  'anniversary_first_order',
  'anniversary_contract',
  'holiday',
] as const;
const Template = z.object({ title: z.string().trim().min(1).max(200), message: z.string().trim().max(2000) });
export const CareHolidayIn = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _ only'),
  name_zh: z.string().trim().min(1).max(50),
  name_en: z.string().trim().min(1).max(50),
  dates: z.record(z.string().regex(/^\d{4}$/, 'expected a year'), IsoDate),
});
/** GET/PUT /settings/care (org_settings `care`). */
export const CareSettingsBody = z.object({
  daysAhead: z.number().int().min(0).max(60),
  holidays: z.array(CareHolidayIn).max(50),
  /** Which tiers get a holiday care task (one per owned customer). */
  holidayTiers: z.array(z.enum(['A', 'B', 'C', 'D'])).max(4),
  templates: z.object({
    birthday: Template.optional(),
    anniversary_first_order: Template.optional(),
    anniversary_contract: Template.optional(),
    holiday: Template.optional(),
  }),
});
/** The settings with the templates in effect (the organization's, else the defaults). */
export const CareSettingsOut = CareSettingsBody.extend({
  templates: z.object({
    birthday: Template,
    anniversary_first_order: Template,
    anniversary_contract: Template,
    holiday: Template,
  }),
});

/** GET/PUT /settings/task-escalation (org_settings `task_escalation`). */
export const TaskEscalationSettings = z.object({
  delayHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
});

/** Visit feedback logged with a visit interaction. */
export const VisitFeedback = z.object({
  satisfaction: z.number().int().min(1).max(5).optional(),
  needsRaised: z.array(z.string().trim().min(1).max(200)).max(20).optional(),
  problemsRaised: z.array(z.string().trim().min(1).max(200)).max(20).optional(),
});

export const AgendaQuery = z.object({
  assigneeId: Id.optional(),
  /** How many days after today count as upcoming. */
  days: z.coerce.number().int().min(1).max(60).default(7),
});
export const AgendaOut = z.object({
  /** Today in the organization's time zone. */
  date: IsoDate,
  timeZone: z.string(),
  assigneeId: Id,
  overdue: z.array(TaskOut),
  today: z.array(TaskOut),
  upcoming: z.array(TaskOut),
});

export const VisitAnalyticsQuery = z
  .object({
    /** First due day (organization's time zone), inclusive. */
    from: IsoDate,
    /** Last due day, inclusive. */
    to: IsoDate,
    groupBy: z.enum(['manager', 'team']).default('manager'),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'must not be before from' });
const Completion = z.object({
  planned: z.number().int(),
  doneOnTime: z.number().int(),
  doneLate: z.number().int(),
  missed: z.number().int(),
  pending: z.number().int(),
  completionRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
});
export const VisitAnalyticsOut = z.object({
  from: IsoDate,
  to: IsoDate,
  groupBy: z.enum(['manager', 'team']),
  graceDays: z.number().int(),
  data: z.array(Completion.extend({ id: Id.nullable(), name: z.string().nullable() })),
  total: Completion,
});

export type VisitCadenceSettings = z.infer<typeof VisitCadenceSettings>;
export type CustomerVisitPlanUpdate = z.infer<typeof CustomerVisitPlanUpdate>;
export type CustomerVisitPlanOut = z.infer<typeof CustomerVisitPlanOut>;
export type CareSettingsBody = z.infer<typeof CareSettingsBody>;
export type CareSettingsOut = z.infer<typeof CareSettingsOut>;
export type TaskEscalationSettings = z.infer<typeof TaskEscalationSettings>;
export type VisitFeedback = z.infer<typeof VisitFeedback>;
export type AgendaQuery = z.infer<typeof AgendaQuery>;
export type AgendaOut = z.infer<typeof AgendaOut>;
export type VisitAnalyticsQuery = z.infer<typeof VisitAnalyticsQuery>;
export type VisitAnalyticsOut = z.infer<typeof VisitAnalyticsOut>;
