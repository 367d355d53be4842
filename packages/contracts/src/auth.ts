import { z } from 'zod';
import { Id } from './common.js';

export const RoleSchema = z.enum(['admin', 'director', 'team_lead', 'manager', 'service_agent', 'analyst']);
export const LanguageSchema = z.enum(['zh-CN', 'en-US']);

export const SignupBody = z.object({
  organizationName: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(100),
  email: z.email().max(254),
  password: z.string().min(8, 'at least 8 characters').max(200),
  language: LanguageSchema.optional(),
});

export const LoginBody = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
});

export const UserOut = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  organizationId: Id,
  teamIds: z.array(Id),
});

export const OrganizationOut = z.object({
  id: Id,
  name: z.string(),
  timeZone: z.string(),
  currency: z.string(),
  language: LanguageSchema,
});

export const MeOut = z.object({
  user: UserOut,
  organization: OrganizationOut,
  permissions: z.record(z.string(), z.unknown()),
});
export const LoginOut = z.object({ user: UserOut, csrfToken: z.string() });
export const CsrfOut = z.object({ csrfToken: z.string() });

export type UserOut = z.infer<typeof UserOut>;
export type MeOut = z.infer<typeof MeOut>;
