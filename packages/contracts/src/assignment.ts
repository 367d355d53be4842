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

const Scalar = z.union([z.string().max(200), z.number(), z.boolean()]);
export const RuleCondition = z.discriminatedUnion('op', [
  z.object({ field: z.string().min(1).max(100), op: z.literal('equals'), value: Scalar }),
  z.object({
    field: z.string().min(1).max(100),
    op: z.literal('in'),
    values: z.array(Scalar).min(1).max(200),
  }),
  z.object({ field: z.string().min(1).max(100), op: z.literal('exists') }),
]);
export const RuleBody = z.object({
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean().default(true),
  conditions: z.array(RuleCondition).max(20).default([]),
  teamId: Id,
  strategy: z.enum(['round_robin', 'least_loaded', 'best_fit']),
  allowAnyLevelForA: z.boolean().default(false),
  onNoCapacity: z.enum(['pool', 'next_rule']).default('pool'),
  position: z.number().int().min(0).optional(),
});
export const RulePatch = RuleBody.partial();
export const RuleOut = z.object({
  id: Id,
  position: z.number().int(),
  name: z.string(),
  enabled: z.boolean(),
  conditions: z.array(RuleCondition),
  teamId: Id.nullable(),
  strategy: z.enum(['round_robin', 'least_loaded', 'best_fit']),
  allowAnyLevelForA: z.boolean(),
  onNoCapacity: z.enum(['pool', 'next_rule']),
});
export const RuleList = z.object({ data: z.array(RuleOut) });
export const DryRunBody = z.object({
  customerIds: z.array(Id).max(500).optional(),
  /** Without ids: this many of the newest pool customers. */
  sample: z.number().int().min(1).max(500).default(20),
});
export const DryRunOut = z.object({
  data: z.array(
    z.object({
      customerId: Id,
      customerName: z.string(),
      managerId: Id.nullable(),
      managerName: z.string().nullable(),
      ruleId: Id.nullable(),
      pool: z.boolean(),
      reason: z.object({ code: z.string(), data: z.record(z.string(), z.unknown()) }),
    }),
  ),
});
export const ApplyRulesBody = z.object({ customerIds: z.array(Id).min(1).max(1000) });
export const ApplyRulesOut = z.object({
  assigned: z.number().int(),
  pooled: z.number().int(),
  data: DryRunOut.shape.data,
});

export type RuleOut = z.infer<typeof RuleOut>;

export const RebalanceBody = z.object({
  /** A team and its sub-teams; omitted: the caller's teams (lead) or the whole organization. */
  teamId: Id.optional(),
  maxMoves: z.number().int().min(1).max(500).default(20),
});
const Reason = z.object({ code: z.string(), data: z.record(z.string(), z.unknown()) });
const Objective = z.object({ load: z.number(), value: z.number(), misfit: z.number(), total: z.number() });
export const RebalanceProposal = z.object({
  moves: z.array(
    z.object({
      customerId: Id,
      customerName: z.string(),
      fromManagerId: Id,
      fromName: z.string(),
      toManagerId: Id,
      toName: z.string(),
      reason: Reason,
    }),
  ),
  /** The objective of docs/decisions/0020 (null when the large-book load levelling was used). */
  before: Objective.nullable(),
  after: Objective.nullable(),
  /** Most customers held by one manager ÷ the mean, before and after the moves. */
  spreadBefore: z.number(),
  spreadAfter: z.number(),
  method: z.enum(['objective', 'load_levelling']),
  managers: z.array(
    z.object({ id: Id, name: z.string(), capacity: z.number(), before: z.number(), after: z.number() }),
  ),
});
export const RebalanceApplyBody = z.object({
  moves: z
    .array(z.object({ customerId: Id, fromManagerId: Id, toManagerId: Id }))
    .min(1)
    .max(500),
  reason: z.string().trim().min(1).max(500).default('rebalance'),
});
export const RebalanceApplied = z.object({ applied: z.number().int() });

export const ProtectBody = z.object({ protected: z.boolean() });
