import { z } from 'zod';
import { Id, IsoDate, IsoDateTime, ListQuery, page } from './common.js';
import { STAGES, TIERS } from './customers.js';

export const SURVEY_KIND_VALUES = ['csat', 'nps'] as const;
export const SURVEY_TRIGGERS = ['visit', 'complaint'] as const;
export const SURVEY_SEND_TRIGGERS = ['visit', 'complaint', 'segment', 'manual'] as const;
export const SURVEY_LANGUAGES = ['zh-CN', 'en-US'] as const;
export const SURVEY_QUESTION_KINDS = ['text', 'choice', 'rating'] as const;
export const SURVEY_SEND_STATUSES = ['pending', 'answered', 'expired'] as const;
export const SURVEY_GROUP_BY = ['manager', 'team', 'month'] as const;

const text = (max: number) => z.string().trim().max(max);
const When = z.iso.datetime({ offset: true });
const bool = z.enum(['true', 'false']);

export const SurveyQuestion = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _, starting with a letter'),
  label: text(300).min(1, 'required'),
  kind: z.enum(SURVEY_QUESTION_KINDS),
  options: z.array(text(100).min(1)).max(20).optional(),
});

export const SurveyTemplateCreate = z.object({
  name: text(200).min(1, 'required'),
  kind: z.enum(SURVEY_KIND_VALUES),
  /** The main question shown above the score; a default per kind and language when null. */
  question: text(500).nullish(),
  questions: z.array(SurveyQuestion).max(20).default([]),
  validDays: z.number().int().min(1).max(365).default(14),
  /** Sent automatically after a completed visit or a resolved complaint; null: manual and segment sends. */
  trigger: z.enum(SURVEY_TRIGGERS).nullable().default(null),
  active: z.boolean().default(true),
});

export const SurveyTemplateUpdate = z.object({
  name: text(200).min(1, 'required').optional(),
  kind: z.enum(SURVEY_KIND_VALUES).optional(),
  question: text(500).nullish(),
  questions: z.array(SurveyQuestion).max(20).optional(),
  validDays: z.number().int().min(1).max(365).optional(),
  trigger: z.enum(SURVEY_TRIGGERS).nullable().optional(),
  active: z.boolean().optional(),
});

export const SurveyTemplateListQuery = ListQuery.extend({
  active: bool.optional(),
  kind: z.enum(SURVEY_KIND_VALUES).optional(),
});

export const SurveyTemplateOut = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(SURVEY_KIND_VALUES),
  question: z.string().nullable(),
  questions: z.array(SurveyQuestion),
  validDays: z.number().int(),
  trigger: z.enum(SURVEY_TRIGGERS).nullable(),
  active: z.boolean(),
  createdBy: Id.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export const SurveyTemplatePage = page(SurveyTemplateOut);

export const SurveySegment = z
  .object({
    tier: z.enum(TIERS).optional(),
    tag: text(100).min(1).optional(),
    ownerId: Id.optional(),
    teamId: Id.optional(),
    stage: z.enum(STAGES).optional(),
  })
  .refine((s) => Object.values(s).some((v) => v !== undefined), {
    message: 'name at least one of tier, tag, ownerId, teamId, stage',
  });

export const SurveySendBody = z
  .object({
    templateId: Id,
    customerIds: z.array(Id).min(1).max(1000).optional(),
    segment: SurveySegment.optional(),
    /** The language of the survey page; the organization's language when absent. */
    language: z.enum(SURVEY_LANGUAGES).optional(),
  })
  .superRefine((b, ctx) => {
    if ((b.customerIds === undefined) === (b.segment === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['customerIds'],
        message: 'send either customerIds or a segment',
      });
  });

export const SurveySendCreated = z.object({
  id: Id,
  customerId: Id,
  token: z.string(),
  url: z.string(),
  expiresAt: IsoDateTime,
});
export const SurveySendResult = z.object({
  sent: z.number().int(),
  /** Customers left out because they already have an open link of this template. */
  skipped: z.number().int(),
  sends: z.array(SurveySendCreated),
});

export const SurveySendListQuery = ListQuery.extend({
  templateId: Id.optional(),
  customerId: Id.optional(),
  ownerId: Id.optional(),
  answered: bool.optional(),
  status: z.enum(SURVEY_SEND_STATUSES).optional(),
  /** Only low scores (CSAT ≤ 2, NPS ≤ 6). */
  low: bool.optional(),
  /** Sent at or after this moment. */
  from: When.optional(),
  /** Sent at or before this moment. */
  to: When.optional(),
});

export const SurveySendOut = z.object({
  id: Id,
  templateId: Id,
  templateName: z.string().nullable(),
  kind: z.enum(SURVEY_KIND_VALUES),
  customerId: Id,
  customerName: z.string().nullable(),
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  teamId: Id.nullable(),
  trigger: z.enum(SURVEY_SEND_TRIGGERS),
  sourceId: Id.nullable(),
  language: z.string().nullable(),
  status: z.enum(SURVEY_SEND_STATUSES),
  sentAt: IsoDateTime,
  expiresAt: IsoDateTime,
  answeredAt: IsoDateTime.nullable(),
  score: z.number().int().nullable(),
  low: z.boolean().nullable(),
  comment: z.string().nullable(),
  answers: z.record(z.string(), z.unknown()).nullable(),
  /** The public link; null for roles that do not send surveys. */
  url: z.string().nullable(),
  createdBy: Id.nullable(),
});
export const SurveySendPage = page(SurveySendOut);

export const SurveyTokenParams = z.object({ token: z.string().max(200) });

export const PublicSurveyOut = z.object({
  kind: z.enum(SURVEY_KIND_VALUES),
  question: z.string().nullable(),
  questions: z.array(SurveyQuestion),
  organizationName: z.string(),
  language: z.enum(SURVEY_LANGUAGES),
  expiresAt: IsoDateTime,
  answered: z.boolean(),
  min: z.number().int(),
  max: z.number().int(),
});

export const PublicSurveyAnswer = z.object({
  score: z.number().int(),
  comment: text(2000).nullish(),
  answers: z.record(z.string().max(40), z.union([z.string().max(2000), z.number(), z.null()])).optional(),
});
export const PublicSurveyAnswered = z.object({
  answered: z.literal(true),
  answeredAt: IsoDateTime,
  score: z.number().int(),
});

export const SurveyAnalyticsQuery = z.object({
  /** First local day (organization time zone), inclusive; default a year before `to`. */
  from: IsoDate.optional(),
  /** Last local day, inclusive; default today. */
  to: IsoDate.optional(),
  groupBy: z.enum(SURVEY_GROUP_BY).default('month'),
  kind: z.enum(SURVEY_KIND_VALUES).optional(),
});

export const SurveyStats = z.object({
  sent: z.number().int(),
  responses: z.number().int(),
  /** responses / sent, 0..1; null when nothing was sent. */
  responseRate: z.number().nullable(),
  csatResponses: z.number().int(),
  /** Average CSAT (1–5), 2 decimals; null without CSAT answers. */
  csatAvg: z.number().nullable(),
  npsResponses: z.number().int(),
  promoters: z.number().int(),
  passives: z.number().int(),
  detractors: z.number().int(),
  /** %promoters − %detractors, −100..100, 1 decimal; null without NPS answers. */
  nps: z.number().nullable(),
  lowScores: z.number().int(),
});
export const SurveyGroupStats = SurveyStats.extend({
  /** The manager or team id, or the month YYYY-MM; null for "none" (e.g. sent to a pool customer). */
  key: z.string().nullable(),
  label: z.string().nullable(),
});
export const SurveyAnalyticsOut = z.object({
  from: IsoDate,
  to: IsoDate,
  groupBy: z.enum(SURVEY_GROUP_BY),
  kind: z.enum(SURVEY_KIND_VALUES).nullable(),
  total: SurveyStats,
  data: z.array(SurveyGroupStats),
});

export type SurveyQuestion = z.infer<typeof SurveyQuestion>;
export type SurveyTemplateCreate = z.infer<typeof SurveyTemplateCreate>;
export type SurveyTemplateUpdate = z.infer<typeof SurveyTemplateUpdate>;
export type SurveyTemplateListQuery = z.infer<typeof SurveyTemplateListQuery>;
export type SurveyTemplateOut = z.infer<typeof SurveyTemplateOut>;
export type SurveySegment = z.infer<typeof SurveySegment>;
export type SurveySendBody = z.infer<typeof SurveySendBody>;
export type SurveySendResult = z.infer<typeof SurveySendResult>;
export type SurveySendListQuery = z.infer<typeof SurveySendListQuery>;
export type SurveySendOut = z.infer<typeof SurveySendOut>;
export type PublicSurveyOut = z.infer<typeof PublicSurveyOut>;
export type PublicSurveyAnswer = z.infer<typeof PublicSurveyAnswer>;
export type SurveyAnalyticsQuery = z.infer<typeof SurveyAnalyticsQuery>;
export type SurveyAnalyticsOut = z.infer<typeof SurveyAnalyticsOut>;
export type SurveyStats = z.infer<typeof SurveyStats>;
