import { z } from 'zod';
import { Id, IsoDate, IsoDateTime, ListQuery, page } from './common.js';
import { RoleSchema } from './auth.js';

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'boolean', 'select'] as const;

export const CustomFieldDefCreate = z.object({
  entity: z.enum(['customer', 'contact']).default('customer'),
  key: z.string().regex(/^[a-z][a-z0-9_]{0,49}$/, 'lower-case letters, digits and _ only'),
  labelZh: z.string().trim().min(1).max(100),
  labelEn: z.string().trim().min(1).max(100),
  type: z.enum(CUSTOM_FIELD_TYPES),
  options: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
  required: z.boolean().optional(),
});
export const CustomFieldDefOut = CustomFieldDefCreate.extend({
  id: Id,
  required: z.boolean(),
  options: z.array(z.string()).nullable(),
});
export const CustomFieldDefList = z.object({ data: z.array(CustomFieldDefOut) });

export const TeamOut = z.object({ id: Id, name: z.string(), parentId: Id.nullable(), leadId: Id.nullable() });
export const TeamList = z.object({ data: z.array(TeamOut) });
export const TeamCreate = z.object({
  name: z.string().trim().min(1).max(100),
  parentId: Id.nullable().optional(),
  leadId: Id.nullable().optional(),
});
export const TeamUpdate = TeamCreate.partial();

export const MANAGER_LEVELS = ['junior', 'senior', 'key_account'] as const;
export const USER_STATUSES = ['active', 'on_leave', 'departed'] as const;
export const ManagerLevel = z.enum(MANAGER_LEVELS);
export const UserStatus = z.enum(USER_STATUSES);

const Tags = z.array(z.string().trim().min(1).max(100)).max(50);

/** A colleague as the settings screens and pickers see them; `load` is the customers they hold. */
export const UserSummary = z.object({
  id: Id,
  name: z.string(),
  email: z.string(),
  role: z.string(),
  teamId: Id.nullable(),
  status: z.string(),
  level: z.string(),
  capacity: z.number().int(),
  regions: z.array(z.string()),
  industries: z.array(z.string()),
  languages: z.array(z.string()),
  hireDate: IsoDate.nullable(),
  load: z.number().int(),
});
export const UserList = z.object({ data: z.array(UserSummary) });
export const UserListQuery = z.object({
  teamId: Id.optional(),
  role: RoleSchema.optional(),
  status: UserStatus.optional(),
});

/** The manager profile: the summary plus the book (customers held, by tier). */
export const UserProfile = UserSummary.extend({
  bookValue: z.object({
    A: z.number().int(),
    B: z.number().int(),
    C: z.number().int(),
    D: z.number().int(),
    ungraded: z.number().int(),
    total: z.number().int(),
  }),
  createdAt: IsoDateTime,
});

const profileFields = {
  level: ManagerLevel.optional(),
  capacity: z.number().int().min(0).max(100_000).optional(),
  regions: Tags.optional(),
  industries: Tags.optional(),
  languages: Tags.optional(),
};

export const UserCreate = z.object({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(100),
  role: RoleSchema,
  password: z.string().min(8).max(200),
  teamId: Id.nullable().optional(),
  hireDate: IsoDate.nullable().optional(),
  ...profileFields,
});

/**
 * Admins may change everything; team leads (and directors) only the profile fields
 * (level, capacity, regions, industries, languages) and status of the users in their scope.
 * `departed` is reached only through POST /users/{id}/deactivate.
 */
export const UserUpdate = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  role: RoleSchema.optional(),
  teamId: Id.nullable().optional(),
  hireDate: IsoDate.nullable().optional(),
  status: z.enum(['active', 'on_leave']).optional(),
  ...profileFields,
});

export const HandoverMode = z.enum(['rule', 'manual']);
export const DeactivateBody = z.object({
  mode: HandoverMode,
  assignments: z
    .array(z.object({ customerId: Id, managerId: Id }))
    .max(10_000)
    .optional(),
  taskAssigneeId: Id.optional(),
  reason: z.string().trim().min(1).max(500),
});
export const HandoverPreviewQuery = z.object({ mode: z.literal('rule').default('rule') });
export const HandoverOut = z.object({
  moved: z.number().int(),
  toPool: z.number().int(),
  tasksMoved: z.number().int(),
  plan: z.array(z.object({ customerId: Id, managerId: Id.nullable() })),
  tasks: z.array(z.object({ taskId: Id, customerId: Id.nullable(), assigneeId: Id })).optional(),
});

export type CustomFieldDefOut = z.infer<typeof CustomFieldDefOut>;
export type TeamOut = z.infer<typeof TeamOut>;
export type UserSummary = z.infer<typeof UserSummary>;
export type UserProfile = z.infer<typeof UserProfile>;
export type UserCreate = z.infer<typeof UserCreate>;
export type UserUpdate = z.infer<typeof UserUpdate>;
export type TeamCreate = z.infer<typeof TeamCreate>;
export type TeamUpdate = z.infer<typeof TeamUpdate>;
export type DeactivateBody = z.infer<typeof DeactivateBody>;
export type HandoverOut = z.infer<typeof HandoverOut>;

/** Filters of the audit log; `from` and `to` are local days of the organization, both included. */
export const AuditListQuery = ListQuery.extend({
  entityId: Id.optional(),
  actorId: Id.optional(),
  action: z.string().max(100).optional(),
  entity: z.string().max(100).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' });
export type AuditListQuery = z.infer<typeof AuditListQuery>;
export const AuditEntry = z.object({
  id: Id,
  at: z.string(),
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: Id.nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditPage = page(AuditEntry);
