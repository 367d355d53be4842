import { z } from 'zod';
import { Id, IsoDateTime, page } from './common.js';

export const AssignBody = z.object({ managerId: Id, reason: z.string().trim().min(1, 'required').max(500) });
export const ReleaseBody = z.object({ reason: z.string().trim().min(1, 'required').max(500) });
export const CustomerIdParams = z.object({ customerId: Id });

export const PoolLimitsOut = z.object({
  /** null: no limit */
  maxHeld: z.number().nullable(),
  maxClaimsPerDay: z.number().int().nullable(),
  cooldownDays: z.number().int().nullable(),
  maxProtected: z.number().int().nullable(),
  held: z.number().int(),
  claimsToday: z.number().int(),
  claimsLeft: z.number().int(),
  capacity: z.number().int(),
});

export const AssignmentHistoryItem = z.object({
  id: Id,
  kind: z.enum(['create', 'assign', 'release', 'claim', 'reclaim', 'handover', 'rule']),
  fromUserId: Id.nullable(),
  fromName: z.string().nullable(),
  toUserId: Id.nullable(),
  toName: z.string().nullable(),
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  ruleId: Id.nullable(),
  reason: z.string().nullable(),
  at: IsoDateTime,
});
export const AssignmentHistoryPage = page(AssignmentHistoryItem);

export type PoolLimitsOut = z.infer<typeof PoolLimitsOut>;
export type AssignmentHistoryItem = z.infer<typeof AssignmentHistoryItem>;

const limit = z.number().int().min(0).max(100_000).nullable().optional();
export const PoolPolicyBody = z.object({
  scope: z.enum(['organization', 'team', 'user']),
  scopeId: Id.nullable().optional(),
  maxHeld: limit,
  maxClaimsPerDay: limit,
  cooldownDays: limit,
  maxProtected: limit,
});
export const PoolPolicyOut = PoolPolicyBody.extend({
  id: Id,
  scopeId: Id.nullable(),
  maxHeld: z.number().nullable(),
  maxClaimsPerDay: z.number().nullable(),
  cooldownDays: z.number().nullable(),
  maxProtected: z.number().nullable(),
});
export const PoolPolicyList = z.object({ data: z.array(PoolPolicyOut) });
