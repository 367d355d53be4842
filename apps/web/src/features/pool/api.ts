import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { CustomerOut, PoolLimitsOut, TeamOut } from '@steward/contracts';
import { api, ApiError, type Page } from '../../shared/api';
import type { CustomerFilters } from '../customers/api';

const PAGE_SIZE = 50;

/** Only account managers and team leads claim from the pool. */
export const CLAIMER_ROLES: readonly string[] = ['manager', 'team_lead'];

export type PoolPolicy = {
  id: string;
  scope: 'organization' | 'team' | 'user';
  scopeId: string | null;
  maxHeld: number | null;
  maxClaimsPerDay: number | null;
  cooldownDays: number | null;
  maxProtected: number | null;
};

export type PoolPolicyInput = Omit<PoolPolicy, 'id'>;

export const poolKeys = {
  all: ['pool'] as const,
  list: (f: CustomerFilters) => ['pool', 'list', f] as const,
  limits: ['pool', 'limits'] as const,
  policies: ['pool', 'policies'] as const,
};

export const usePoolList = (f: CustomerFilters) =>
  useInfiniteQuery({
    queryKey: poolKeys.list(f),
    queryFn: ({ pageParam }) =>
      api.get<Page<CustomerOut>>('/pool', {
        q: f.q,
        tier: f.tier,
        stage: f.stage,
        region: f.region,
        industry: f.industry,
        source: f.source,
        sort: f.sort,
        limit: PAGE_SIZE,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export const usePoolLimits = (enabled: boolean) =>
  useQuery({
    queryKey: poolKeys.limits,
    queryFn: () => api.get<PoolLimitsOut>('/pool/limits'),
    enabled,
  });

export const usePoolPolicies = () =>
  useQuery({
    queryKey: poolKeys.policies,
    queryFn: () => api.get<{ data: PoolPolicy[] }>('/pool/policies'),
  });

export const useTeams = () =>
  useQuery({
    queryKey: ['teams'],
    queryFn: () => api.get<{ data: TeamOut[] }>('/teams'),
    staleTime: 5 * 60_000,
    retry: false,
  });

export const CLAIM_ERROR_CODES = [
  'already_claimed',
  'claim_limit_reached',
  'holding_limit_reached',
  'cooldown_active',
] as const;
export type ClaimErrorCode = (typeof CLAIM_ERROR_CODES)[number];

export const claimErrorCode = (e: unknown): ClaimErrorCode | null =>
  e instanceof ApiError && (CLAIM_ERROR_CODES as readonly string[]).includes(e.code)
    ? (e.code as ClaimErrorCode)
    : null;
