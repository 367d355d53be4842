import { z } from 'zod';
import { Id, IsoDate, IsoDateTime, ListQuery, page } from './common.js';
import { VisitFeedback } from './visits.js';

export const CUSTOMER_TYPES = ['company', 'person'] as const;
export const TIERS = ['A', 'B', 'C', 'D'] as const;
export const STAGES = ['prospect', 'new', 'active', 'mature', 'at_risk', 'churned', 'won_back'] as const;
export const INTERACTION_TYPES = ['call', 'visit', 'meeting', 'email', 'im', 'note'] as const;
export const SORTS = ['createdAt', '-createdAt', 'updatedAt', '-updatedAt', 'name', '-name'] as const;

const text = (max: number) => z.string().trim().max(max);
const optText = (max: number) => text(max).nullish();
const Phone = z
  .string()
  .trim()
  .max(40)
  .regex(/^\+?[\d\s\-().]{5,40}$/, 'not a phone number')
  .refine((v) => v.replace(/\D/g, '').length >= 5, 'not a phone number');

const Email = z.string().trim().max(254).pipe(z.email('not an email address'));

export const Needs = z.object({
  productInterests: z.array(text(100)).max(50).optional(),
  preferredChannel: optText(50),
  preferredTime: optText(100),
  notes: optText(4000),
});

export const CustomerCreate = z.object({
  name: text(200).min(1, 'required'),
  type: z.enum(CUSTOMER_TYPES).default('company'),
  industry: optText(100),
  size: optText(50),
  region: optText(100),
  address: optText(300),
  source: optText(100),
  tier: z.enum(TIERS).nullish(),
  stage: z.enum(STAGES).optional(),
  ownerId: Id.nullish(),
  tags: z.array(text(50).min(1)).max(50).optional(),
  phone: Phone.nullish(),
  email: Email.nullish(),
  idNumber: optText(50),
  externalId: optText(100),
  customFields: z.record(z.string(), z.unknown()).optional(),
  needs: Needs.optional(),
});

export const CustomerUpdate = CustomerCreate.omit({ ownerId: true, type: true })
  .extend({ type: z.enum(CUSTOMER_TYPES) })
  .partial();

export const CustomerOut = z.object({
  id: Id,
  name: z.string(),
  type: z.enum(CUSTOMER_TYPES),
  industry: z.string().nullable(),
  size: z.string().nullable(),
  region: z.string().nullable(),
  address: z.string().nullable(),
  source: z.string().nullable(),
  tier: z.enum(TIERS).nullable(),
  stage: z.enum(STAGES),
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  teamId: Id.nullable(),
  tags: z.array(z.string()),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  idNumber: z.string().nullable(),
  externalId: z.string().nullable(),
  customFields: z.record(z.string(), z.unknown()),
  needs: Needs,
  completeness: z.number().int(),
  /** Exempt from the pool-reclaim rules. */
  protected: z.boolean(),
  masked: z.boolean(),
  lastContactedAt: IsoDateTime.nullable(),
  nextVisitDueAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});

const csv = z
  .string()
  .max(2000)
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

export const CustomerListQuery = ListQuery.extend({
  q: z.string().trim().max(200).optional(),
  ownerId: z.union([Id, z.literal('none')]).optional(),
  teamId: Id.optional(),
  tier: csv.pipe(z.array(z.enum(TIERS))).optional(),
  stage: csv.pipe(z.array(z.enum(STAGES))).optional(),
  tag: z.string().trim().max(50).optional(),
  region: z.string().trim().max(100).optional(),
  industry: z.string().trim().max(100).optional(),
  source: z.string().trim().max(100).optional(),
  sort: z.enum(SORTS).default('-createdAt'),
});

export const CustomerPage = page(CustomerOut);
export const CountOut = z.object({ count: z.number().int() });

export const CreateQuery = z.object({ force: z.enum(['true', 'false']).optional() });

export const DuplicateCandidate = z.object({
  id: Id,
  name: z.string(),
  matchedOn: z.array(z.enum(['phone', 'email', 'name_region', 'external_id'])),
  accessible: z.boolean(),
});

export const MergeBody = z.object({ sourceId: Id });

export const ContactCreate = z.object({
  name: text(100).min(1, 'required'),
  position: optText(100),
  phone: Phone.nullish(),
  email: Email.nullish(),
  wechat: optText(100),
  birthday: IsoDate.nullish(),
  preferences: optText(2000),
  isPrimary: z.boolean().optional(),
});
export const ContactUpdate = ContactCreate.partial();
export const ContactOut = z.object({
  id: Id,
  customerId: Id,
  name: z.string(),
  position: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  wechat: z.string().nullable(),
  birthday: z.string().nullable(),
  preferences: z.string().nullable(),
  isPrimary: z.boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export const ContactParams = z.object({ id: Id, contactId: Id });

export const InteractionCreate = z.object({
  type: z.enum(INTERACTION_TYPES),
  occurredAt: z.iso.datetime({ offset: true }),
  summary: text(4000).min(1, 'required'),
  outcome: optText(2000),
  nextStep: optText(2000),
  contactId: Id.nullish(),
  /** The open visit task this interaction completes (it becomes done). */
  taskId: Id.nullish(),
  feedback: VisitFeedback.nullish(),
});
export const InteractionOut = z.object({
  id: Id,
  customerId: Id,
  contactId: Id.nullable(),
  userId: Id.nullable(),
  userName: z.string().nullable(),
  type: z.enum(INTERACTION_TYPES),
  occurredAt: IsoDateTime,
  summary: z.string(),
  outcome: z.string().nullable(),
  nextStep: z.string().nullable(),
  taskId: Id.nullable().optional(),
  feedback: VisitFeedback.nullable().optional(),
  createdAt: IsoDateTime,
});

export const TimelineItem = z.object({
  kind: z.enum(['interaction', 'order', 'change', 'created']),
  id: z.string(),
  at: IsoDateTime,
  title: z.string(),
  detail: z.record(z.string(), z.unknown()),
  actorName: z.string().nullable(),
});
export const TimelinePage = page(TimelineItem);

export const HistoryItem = z.object({
  id: Id,
  field: z.string(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  at: IsoDateTime,
});
export const HistoryPage = page(HistoryItem);

export const OrderOut = z.object({
  id: Id,
  customerId: Id,
  externalId: z.string().nullable(),
  orderedAt: IsoDateTime,
  amount: z.number(),
  currency: z.string(),
  channel: z.string().nullable(),
  lines: z.array(z.object({ product: z.string(), quantity: z.number(), unitPrice: z.number() })),
});
export const OrderPage = page(OrderOut);

export const CompletenessOut = z.object({ score: z.number().int(), missing: z.array(z.string()) });

export type CustomerOut = z.infer<typeof CustomerOut>;
export type CustomerCreate = z.infer<typeof CustomerCreate>;
export type CustomerUpdate = z.infer<typeof CustomerUpdate>;
export type CustomerListQuery = z.infer<typeof CustomerListQuery>;
export type ContactOut = z.infer<typeof ContactOut>;
export type InteractionOut = z.infer<typeof InteractionOut>;
export type TimelineItem = z.infer<typeof TimelineItem>;
export type HistoryItem = z.infer<typeof HistoryItem>;
export type OrderOut = z.infer<typeof OrderOut>;
export type DuplicateCandidate = z.infer<typeof DuplicateCandidate>;
