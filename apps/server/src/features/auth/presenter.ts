import { mayEditReferenceData } from '@steward/core';
import type { Actor } from '../../platform/actor.js';
import type { organizations } from '../../db/schema/index.js';

export const presentUser = (a: Actor) => ({
  id: a.userId,
  email: a.email,
  name: a.name,
  role: a.role,
  organizationId: a.orgId,
  teamIds: a.teamIds,
});

export const presentMe = (a: Actor, org: typeof organizations.$inferSelect) => ({
  user: presentUser(a),
  organization: {
    id: org.id,
    name: org.name,
    timeZone: org.timeZone,
    currency: org.currency,
    language: org.language === 'en-US' ? ('en-US' as const) : ('zh-CN' as const),
  },
  permissions: { ...a.permissions, editReferenceData: mayEditReferenceData(a) },
});
