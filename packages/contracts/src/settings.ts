import { z } from 'zod';
import { Id, ListQuery, page } from './common.js';

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
export const UserSummary = z.object({
  id: Id,
  name: z.string(),
  role: z.string(),
  teamId: Id.nullable(),
  status: z.string(),
});
export const UserList = z.object({ data: z.array(UserSummary) });

export type CustomFieldDefOut = z.infer<typeof CustomFieldDefOut>;
export type TeamOut = z.infer<typeof TeamOut>;
export type UserSummary = z.infer<typeof UserSummary>;

export const AuditListQuery = ListQuery.extend({
  entityId: Id.optional(),
  actorId: Id.optional(),
  action: z.string().max(100).optional(),
});
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
export const AuditPage = page(AuditEntry);
