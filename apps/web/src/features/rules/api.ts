import { useQuery } from '@tanstack/react-query';
import type { RuleOut } from '@steward/contracts';
import { api } from '../../shared/api';

export type Condition = RuleOut['conditions'][number];
export type Strategy = RuleOut['strategy'];
export const STRATEGIES: readonly Strategy[] = ['round_robin', 'least_loaded', 'best_fit'];
export const BASE_FIELDS = ['region', 'industry', 'tier', 'source'] as const;
export const OPS = ['equals', 'in', 'exists'] as const;
export const REASON_CODES = [
  'assigned_round_robin',
  'assigned_least_loaded',
  'assigned_best_fit',
  'no_eligible_manager',
  'no_rule_matched',
];

export type DryRunRow = {
  customerId: string;
  customerName: string;
  managerId: string | null;
  managerName: string | null;
  ruleId: string | null;
  pool: boolean;
  reason: { code: string; data: Record<string, unknown> };
};

export const ruleKeys = { all: ['assignment-rules'] as const };

export const useRules = () =>
  useQuery({
    queryKey: ruleKeys.all,
    queryFn: () => api.get<{ data: RuleOut[] }>('/assignment-rules'),
    select: (r) => [...r.data].sort((a, b) => a.position - b.position),
  });
