import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReviewOut, ReviewUpdate, ScorecardOut } from '@steward/contracts';
import { api, type Page } from '../../shared/api';

/** Roles that review, rate and record training for their people (the server decides). */
export const REVIEWER_ROLES: readonly string[] = ['admin', 'director', 'team_lead'];
export const CONFIGURER_ROLES: readonly string[] = ['admin', 'director'];

export type RankingRow = {
  managerId: string;
  managerName: string;
  teamId: string | null;
  teamName: string | null;
  overall: number | null;
  teamRank: number | null;
  companyRank: number | null;
};
export type PayoutLine = { from: number; to: number | null; rate: number; base: number; amount: number };
export type PayoutRow = {
  managerId: string;
  managerName: string;
  teamId: string | null;
  sales: number;
  thresholdMet: boolean;
  lines: PayoutLine[];
  commission: number;
  score: number | null;
  multiplier: number;
  capped: boolean;
  total: number;
};
export type Payouts = {
  from: string;
  to: string;
  currency: string;
  plan: { id: string; name: string; effectiveFrom: string } | null;
  closed: boolean;
  closedAt: string | null;
  data: PayoutRow[];
  total: number;
};
export type Lack = {
  criterion: 'tenure' | 'kpi' | 'training_hours' | 'course';
  kpi?: string;
  course?: string;
  required?: number;
  actual?: number | null;
  direction?: 'higher' | 'lower';
};
export type EligibilityRow = {
  managerId: string;
  managerName: string;
  level: string;
  currentLevel: { code: string; name: string } | null;
  nextLevel: { code: string; name: string } | null;
  eligible: boolean;
  lacking: Lack[];
  tenureMonths: number | null;
  trainingHours: number;
};
export type TrainingRecord = {
  id: string;
  managerId: string;
  managerName: string | null;
  course: string;
  completedOn: string;
  hours: number;
  result: 'passed' | 'failed' | 'attended';
};

const keys = {
  reviews: ['performance', 'reviews'] as const,
  review: (id: string) => ['performance', 'reviews', id] as const,
  payouts: ['performance', 'payouts'] as const,
  training: ['performance', 'training'] as const,
};

export const useScorecard = (managerId: string | null, from: string, to: string) =>
  useQuery({
    queryKey: ['performance', 'scorecard', managerId, from, to],
    queryFn: () => api.get<ScorecardOut>('/scorecards', { managerId, from, to, trendMonths: 6 }),
    enabled: managerId !== null,
    placeholderData: keepPreviousData,
  });

export const useRankings = (
  scope: { teamId?: string; organization?: boolean } | null,
  from: string,
  to: string,
) =>
  useQuery({
    queryKey: ['performance', 'rankings', scope, from, to],
    queryFn: () =>
      api.get<{ data: RankingRow[] }>('/scorecards/rankings', {
        teamId: scope?.teamId,
        organization: scope?.organization ? 'true' : undefined,
        from,
        to,
      }),
    enabled: scope !== null,
    placeholderData: keepPreviousData,
  });

export const useReviews = () =>
  useQuery({ queryKey: keys.reviews, queryFn: () => api.get<Page<ReviewOut>>('/reviews', { limit: 200 }) });

export const useReview = (id: string) =>
  useQuery({ queryKey: keys.review(id), queryFn: () => api.get<ReviewOut>(`/reviews/${id}`), retry: false });

const useReviewMutation = <V>(fn: (v: V) => Promise<ReviewOut>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (r) => queryClient.setQueryData(keys.review(r.id), r),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.reviews }),
  });
};

export const useCreateReview = () =>
  useReviewMutation((body: { managerId: string; periodKind: 'month' | 'quarter'; periodStart: string }) =>
    api.post<ReviewOut>('/reviews', body),
  );
export const useUpdateReview = (id: string) =>
  useReviewMutation((body: ReviewUpdate) => api.patch<ReviewOut>(`/reviews/${id}`, body));
export const useSignReview = (id: string) =>
  useReviewMutation((_: void) => api.post<ReviewOut>(`/reviews/${id}/sign`));
export const useAcknowledgeReview = (id: string) =>
  useReviewMutation((comment: string) => api.post<ReviewOut>(`/reviews/${id}/acknowledge`, { comment }));

export const usePayouts = (from: string, to: string) =>
  useQuery({
    queryKey: [...keys.payouts, from, to],
    queryFn: () => api.get<Payouts>('/payouts', { from, to }),
    placeholderData: keepPreviousData,
  });

export const useClosePayouts = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { periodStart: string; periodEnd: string }) =>
      api.post<Payouts>('/payouts/close', body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.payouts }),
  });
};

export const useEligibility = () =>
  useQuery({
    queryKey: ['performance', 'eligibility'],
    queryFn: () => api.get<{ data: EligibilityRow[]; from: string; to: string }>('/career/eligibility'),
  });

export const useTraining = () =>
  useQuery({
    queryKey: keys.training,
    queryFn: () => api.get<{ data: TrainingRecord[] }>('/training-records'),
  });

export const useCreateTraining = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<TrainingRecord, 'id' | 'managerName'>) => api.post('/training-records', body),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.training });
      await queryClient.invalidateQueries({ queryKey: ['performance', 'eligibility'] });
    },
  });
};

export const useRate = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      managerId: string;
      periodStart: string;
      periodEnd: string;
      dimension: string;
      score: number;
      comment?: string;
    }) => api.post('/ratings', body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['performance', 'scorecard'] }),
  });
};
