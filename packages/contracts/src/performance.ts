import { z } from 'zod';
import { Id, IsoDateTime, ListQuery, page } from './common.js';

/** The KPI keys of API.md (the same list as core KPI_KEYS; a server test keeps them equal). */
export const KPI_KEY_LIST = [
  'sales_amount',
  'order_count',
  'new_customers',
  'retention_rate',
  'churn_rate',
  'avg_satisfaction',
  'nps',
  'complaint_count',
  'first_response_hours_median',
  'resolution_hours_median',
  'visit_completion_rate',
  'task_on_time_rate',
  'profile_completeness',
  'book_value',
] as const;
export const KpiKeyEnum = z.enum(KPI_KEY_LIST);

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** A real calendar date YYYY-MM-DD (2026-02-30 is refused). */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(
    (s) => {
      const [y, m, d] = s.split('-').map(Number) as [number, number, number];
      return m >= 1 && m <= 12 && d >= 1 && d <= lastDay(y, m);
    },
    { message: 'not a calendar date' },
  );

const SUBJECT =
  /^(organization|(manager|team):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
/** At most this many days in one KPI query (ten years). */
export const MAX_KPI_DAYS = 3660;

export const KpiQuery = z
  .object({
    subject: z
      .string()
      .max(100)
      .regex(SUBJECT, 'expected manager:{id}, team:{id} or organization')
      .describe('manager:{id} | team:{id} | organization'),
    from: CalendarDate.describe('first day, inclusive, in the organization time zone'),
    to: CalendarDate.describe('last day, inclusive, in the organization time zone'),
  })
  .superRefine((q, ctx) => {
    if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 >= MAX_KPI_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_KPI_DAYS} days` });
  });
export type KpiQuery = z.infer<typeof KpiQuery>;

export const KpiValue = z.object({
  kpi: z.string(),
  value: z.number().nullable().describe('null when the KPI had no data in the period'),
  unit: z
    .string()
    .describe('the currency code for money, else count | ratio | score | nps | hours | percent'),
});
export const KpiResult = z.object({
  data: z.array(KpiValue),
  subject: z.string(),
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
});
export type KpiResult = z.infer<typeof KpiResult>;

const Localized = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });
export const KpiDefinitionOut = z.object({
  key: z.string(),
  unit: z.string(),
  direction: z.enum(['higher', 'lower']),
  additive: z.boolean().describe('sums over the period; goal expectations grow in a straight line'),
  name: Localized,
  description: Localized,
});
export const KpiDefinitionList = z.object({ data: z.array(KpiDefinitionOut) });
export type KpiDefinitionOut = z.infer<typeof KpiDefinitionOut>;

export const GOAL_SUBJECTS = ['manager', 'team'] as const;
const Target = z.number().finite().min(-1e12).max(1e12);
const Note = z.string().trim().max(2000).nullish();

export const GoalCreate = z
  .object({
    subjectType: z.enum(GOAL_SUBJECTS),
    subjectId: Id,
    kpi: KpiKeyEnum,
    periodStart: CalendarDate,
    periodEnd: CalendarDate,
    target: Target,
    note: Note,
  })
  .superRefine((g, ctx) => {
    if (g.periodStart > g.periodEnd)
      ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'must not be before periodStart' });
  });
export type GoalCreate = z.infer<typeof GoalCreate>;

export const GoalUpdate = z.object({
  target: Target.optional(),
  periodStart: CalendarDate.optional(),
  periodEnd: CalendarDate.optional(),
  note: Note,
});
export type GoalUpdate = z.infer<typeof GoalUpdate>;

export const GoalListQuery = ListQuery.extend({
  subjectType: z.enum(GOAL_SUBJECTS).optional(),
  subjectId: Id.optional(),
  kpi: KpiKeyEnum.optional(),
  /** Goals whose period contains this day. */
  activeOn: CalendarDate.optional(),
});
export type GoalListQuery = z.infer<typeof GoalListQuery>;

export const GoalOut = z.object({
  id: Id,
  subjectType: z.enum(GOAL_SUBJECTS),
  subjectId: Id,
  subjectName: z.string().nullable(),
  kpi: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  target: z.number(),
  parentGoalId: Id.nullable(),
  note: z.string().nullable(),
  offTrackNotifiedAt: IsoDateTime.nullable(),
  createdBy: Id.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type GoalOut = z.infer<typeof GoalOut>;
export const GoalPage = page(GoalOut);

export const GoalCascade = z.object({
  split: z
    .union([z.literal('equal'), z.record(Id, z.number().finite())])
    .describe('"equal", or {memberId: share} with shares adding up to 1'),
});
export type GoalCascade = z.infer<typeof GoalCascade>;
export const GoalList = z.object({ data: z.array(GoalOut) });

export const GoalProgressQuery = z.object({
  asOf: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('judge progress as of this moment (default now)'),
});
export const GoalProgressOut = z.object({
  goalId: Id,
  kpi: z.string(),
  unit: z.string(),
  target: z.number(),
  actual: z.number().nullable(),
  expected: z.number(),
  ratio: z.number().nullable(),
  offTrack: z.boolean(),
  /** Share of the period elapsed, 0..1. */
  elapsed: z.number(),
  asOf: IsoDateTime,
});
export type GoalProgressOut = z.infer<typeof GoalProgressOut>;
