/** Scorecards, ratings, reviews, incentives, training and career levels (PRODUCT.md C7). */
import { z } from 'zod';
import { Id, IsoDateTime, ListQuery, page } from './common.js';
import { CalendarDate, KpiKeyEnum } from './performance.js';

const Money = z.number().finite().min(0).max(1e12);
const Text = (max: number) => z.string().trim().max(max);
const period = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ ...shape, from: CalendarDate, to: CalendarDate }).superRefine((raw, ctx) => {
    const q = raw as unknown as { from: string; to: string };
    if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > 366)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'at most 366 days' });
  });

// ---- scorecard templates ------------------------------------------------------------------
export const ScorecardItemIn = z.object({
  kpi: KpiKeyEnum,
  weight: z.number().finite().gt(0).max(1000),
  target: z.number().finite().min(-1e12).max(1e12),
  cap: z.number().finite().gt(0).max(10).describe('highest attainment counted, e.g. 1.2 = 120%'),
  lowerIsBetter: z.boolean().optional().describe('default: the KPI direction'),
});
export const ScorecardTemplateIn = z.object({
  name: Text(200).min(1),
  role: z.enum(['manager', 'team_lead']).nullish(),
  level: Text(40).min(1).nullish(),
  items: z.array(ScorecardItemIn).min(1).max(20),
});
export type ScorecardTemplateIn = z.infer<typeof ScorecardTemplateIn>;
export const ScorecardTemplateOut = ScorecardTemplateIn.extend({
  id: Id,
  role: z.string().nullable(),
  level: z.string().nullable(),
  items: z.array(ScorecardItemIn.extend({ kpi: z.string(), lowerIsBetter: z.boolean().optional() })),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type ScorecardTemplateOut = z.infer<typeof ScorecardTemplateOut>;
export const ScorecardTemplateList = z.object({ data: z.array(ScorecardTemplateOut) });

// ---- scorecards and rankings ----------------------------------------------------------------
export const ScorecardQuery = period({
  managerId: Id,
  trendMonths: z.coerce.number().int().min(0).max(12).default(0).describe('months of trend ending at `to`'),
});
export type ScorecardQuery = z.infer<typeof ScorecardQuery>;
export const ScoredItemOut = z.object({
  kpi: z.string(),
  weight: z.number(),
  target: z.number(),
  cap: z.number(),
  lowerIsBetter: z.boolean(),
  actual: z.number().nullable(),
  attainment: z.number(),
  points: z.number(),
});
export const RatingOut = z.object({
  id: Id,
  managerId: Id,
  periodStart: z.string(),
  periodEnd: z.string(),
  dimension: z.string(),
  score: z.number(),
  comment: z.string().nullable(),
  ratedBy: Id,
  createdAt: IsoDateTime,
});
export type RatingOut = z.infer<typeof RatingOut>;
export const ScorecardOut = z.object({
  managerId: Id,
  managerName: z.string(),
  from: z.string(),
  to: z.string(),
  template: z.object({
    id: Id.nullable(),
    name: z.string(),
    source: z.enum(['level', 'role', 'default', 'builtin']),
  }),
  items: z.array(ScoredItemOut),
  overall: z.number().nullable(),
  ratings: z.array(RatingOut),
  trend: z.array(z.object({ from: z.string(), to: z.string(), overall: z.number().nullable() })),
});
export type ScorecardOut = z.infer<typeof ScorecardOut>;

export const RankingQuery = period({
  teamId: Id.optional(),
  organization: z.enum(['true', 'false']).optional(),
}).refine((q) => !!q.teamId !== (q.organization === 'true'), {
  path: ['teamId'],
  message: 'give teamId or organization=true',
});
export const RankingRow = z.object({
  managerId: Id,
  managerName: z.string(),
  teamId: Id.nullable(),
  teamName: z.string().nullable(),
  overall: z.number().nullable(),
  teamRank: z.number().int().nullable().describe('within the team asked for (or their own team)'),
  companyRank: z.number().int().nullable(),
});
export const RankingOut = z.object({ data: z.array(RankingRow), from: z.string(), to: z.string() });

// ---- qualitative ratings --------------------------------------------------------------------
export const RatingIn = z
  .object({
    managerId: Id,
    periodStart: CalendarDate,
    periodEnd: CalendarDate,
    dimension: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, 'a slug such as teamwork'),
    score: z.number().min(1).max(5),
    comment: Text(2000).nullish(),
  })
  .refine((r) => r.periodStart <= r.periodEnd, {
    path: ['periodEnd'],
    message: 'must not be before periodStart',
  });
export type RatingIn = z.infer<typeof RatingIn>;
export const RatingQuery = period({ managerId: Id });
export const RatingList = z.object({ data: z.array(RatingOut) });

// ---- reviews --------------------------------------------------------------------------------
export const PLAN_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
export const PlanItem = z.object({
  text: Text(1000).min(1),
  ownerId: Id,
  dueDate: CalendarDate,
  status: z.enum(PLAN_STATUSES).default('open'),
  carriedFrom: Id.nullish().describe('the review this item was carried over from'),
});
export const ReviewCreate = z.object({
  managerId: Id,
  periodKind: z.enum(['month', 'quarter']),
  periodStart: CalendarDate.describe('the first day of the month or quarter'),
});
export type ReviewCreate = z.infer<typeof ReviewCreate>;
export const ReviewUpdate = z.object({
  strengths: Text(5000).nullish(),
  gaps: Text(5000).nullish(),
  feedback: Text(5000).nullish(),
  plan: z.array(PlanItem).max(50).optional(),
});
export type ReviewUpdate = z.infer<typeof ReviewUpdate>;
export const ReviewAcknowledge = z.object({ comment: Text(5000).nullish() });
export const REVIEW_STATUSES = ['draft', 'signed', 'acknowledged'] as const;
export const ReviewOut = z.object({
  id: Id,
  managerId: Id,
  managerName: z.string().nullable(),
  reviewerId: Id,
  reviewerName: z.string().nullable(),
  periodKind: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  scorecard: z.record(z.string(), z.unknown()),
  strengths: z.string().nullable(),
  gaps: z.string().nullable(),
  feedback: z.string().nullable(),
  plan: z.array(z.record(z.string(), z.unknown())),
  status: z.enum(REVIEW_STATUSES),
  signedAt: IsoDateTime.nullable(),
  acknowledgedAt: IsoDateTime.nullable(),
  managerComment: z.string().nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type ReviewOut = z.infer<typeof ReviewOut>;
export const ReviewListQuery = ListQuery.extend({
  managerId: Id.optional(),
  status: z.enum(REVIEW_STATUSES).optional(),
});
export type ReviewListQuery = z.infer<typeof ReviewListQuery>;
export const ReviewPage = page(ReviewOut);

// ---- incentives -----------------------------------------------------------------------------
export const CommissionRulesIn = z.object({
  tiers: z
    .array(z.object({ from: Money, rate: z.number().finite().min(0).max(1) }))
    .min(1)
    .max(20),
  threshold: Money.default(0),
  cap: Money.nullable().default(null),
  bonusMultipliers: z
    .array(
      z.object({ minScore: z.number().finite().min(0).max(1000), multiplier: z.number().min(0).max(10) }),
    )
    .max(20)
    .default([]),
});
export const CommissionPlanIn = z.object({
  name: Text(200).min(1),
  effectiveFrom: CalendarDate,
  rules: CommissionRulesIn,
});
export type CommissionPlanIn = z.infer<typeof CommissionPlanIn>;
export const CommissionPlanOut = z.object({
  id: Id,
  name: z.string(),
  effectiveFrom: z.string(),
  rules: CommissionRulesIn,
  createdBy: Id.nullable(),
  createdAt: IsoDateTime,
});
export type CommissionPlanOut = z.infer<typeof CommissionPlanOut>;
export const CommissionPlanList = z.object({ data: z.array(CommissionPlanOut) });

export const PayoutQuery = period({});
export type PayoutQuery = z.infer<typeof PayoutQuery>;
export const PayoutLine = z.object({
  from: z.number(),
  to: z.number().nullable(),
  rate: z.number(),
  base: z.number(),
  amount: z.number(),
});
export const PayoutRow = z.object({
  managerId: Id,
  managerName: z.string(),
  teamId: Id.nullable(),
  sales: z.number(),
  thresholdMet: z.boolean(),
  lines: z.array(PayoutLine),
  commission: z.number(),
  score: z.number().nullable(),
  multiplier: z.number(),
  capped: z.boolean(),
  total: z.number(),
});
export type PayoutRow = z.infer<typeof PayoutRow>;
export const PayoutOut = z.object({
  from: z.string(),
  to: z.string(),
  currency: z.string(),
  plan: z.object({ id: Id, name: z.string(), effectiveFrom: z.string() }).nullable(),
  closed: z.boolean(),
  closedAt: IsoDateTime.nullable(),
  data: z.array(PayoutRow),
  total: z.number(),
});
export type PayoutOut = z.infer<typeof PayoutOut>;
export const PayoutClose = z
  .object({ periodStart: CalendarDate, periodEnd: CalendarDate })
  .refine((p) => p.periodStart <= p.periodEnd, {
    path: ['periodEnd'],
    message: 'must not be before periodStart',
  });

// ---- training and career --------------------------------------------------------------------
export const TrainingIn = z.object({
  managerId: Id,
  course: Text(200).min(1),
  completedOn: CalendarDate,
  hours: z.number().finite().min(0).max(10_000),
  result: z.enum(['passed', 'failed', 'attended']),
});
export type TrainingIn = z.infer<typeof TrainingIn>;
export const TrainingOut = TrainingIn.extend({
  id: Id,
  managerName: z.string().nullable(),
  createdAt: IsoDateTime,
});
export const TrainingQuery = z.object({ managerId: Id.optional() });
export const TrainingList = z.object({ data: z.array(TrainingOut) });

export const CareerCriteriaIn = z.object({
  minTenureMonths: z.number().int().min(0).max(600).optional(),
  kpis: z
    .array(z.object({ kpi: KpiKeyEnum, min: z.number().finite() }))
    .max(20)
    .optional(),
  trainingHours: z.number().min(0).max(10_000).optional(),
  requiredCourses: z.array(Text(200).min(1)).max(30).optional(),
});
export const CareerLevelIn = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a slug such as senior'),
  name: Text(200).min(1),
  rank: z.number().int().min(0).max(9999),
  criteria: CareerCriteriaIn.default({}),
});
export type CareerLevelIn = z.infer<typeof CareerLevelIn>;
export const CareerLevelUpdate = CareerLevelIn.omit({ code: true }).partial();
export type CareerLevelUpdate = z.infer<typeof CareerLevelUpdate>;
export const CareerLevelOut = CareerLevelIn.extend({
  criteria: CareerCriteriaIn.extend({
    kpis: z.array(z.object({ kpi: z.string(), min: z.number() })).optional(),
  }),
});
export const CareerLevelList = z.object({ data: z.array(CareerLevelOut) });
export const CodeParams = z.object({ code: z.string().max(40) });

export const EligibilityQuery = z.object({
  teamId: Id.optional(),
  from: CalendarDate.optional().describe('KPI period; default the last 12 full months'),
  to: CalendarDate.optional(),
});
export const LackOut = z.object({
  criterion: z.enum(['tenure', 'kpi', 'training_hours', 'course']),
  kpi: z.string().optional(),
  course: z.string().optional(),
  required: z.number().optional(),
  actual: z.number().nullable().optional(),
  direction: z.enum(['higher', 'lower']).optional(),
});
const LevelRef = z.object({ code: z.string(), name: z.string(), rank: z.number() });
export const EligibilityRow = z.object({
  managerId: Id,
  managerName: z.string(),
  teamId: Id.nullable(),
  level: z.string(),
  currentLevel: LevelRef.nullable(),
  nextLevel: LevelRef.nullable(),
  eligible: z.boolean(),
  lacking: z.array(LackOut),
  tenureMonths: z.number().nullable(),
  trainingHours: z.number(),
});
export const EligibilityOut = z.object({ data: z.array(EligibilityRow), from: z.string(), to: z.string() });
