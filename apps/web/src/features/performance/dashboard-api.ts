import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import type { ComplaintAnalyticsOut, GoalOut, KpiResult, VisitAnalyticsOut } from '@steward/contracts';
import { api, type Page } from '../../shared/api';
import { perfKeys } from './api';
import type { TrendMonth } from './dashboard-math';

/** Whose dashboard: the company, a team (with its sub-teams) or one person. */
export type DashSubject =
  | { kind: 'organization' }
  | { kind: 'team'; id: string }
  | { kind: 'manager'; id: string; teamId: string | null };

export const kpiSubject = (s: DashSubject): string =>
  s.kind === 'organization' ? 'organization' : `${s.kind}:${s.id}`;

/** The KPIs of a subject for each month of a trend (one request per month, cached like /kpis). */
export const useKpiTrend = (subject: string | null, months: TrendMonth[]) =>
  useQueries({
    queries: months.map((m) => ({
      queryKey: perfKeys.kpis(subject ?? '', m.from, m.to),
      queryFn: () => api.get<KpiResult>('/kpis', { subject, from: m.from, to: m.to }),
      enabled: subject !== null,
    })),
  });

/** Sales goals of a subject (a person's, a team's, or for the company the top-level teams'). */
export const useSalesGoals = (subject: DashSubject) =>
  useQuery({
    queryKey: ['performance', 'goals', 'sales', subject],
    queryFn: () =>
      api.get<Page<GoalOut>>('/goals', {
        kpi: 'sales_amount',
        subjectType: subject.kind === 'manager' ? 'manager' : 'team',
        subjectId: subject.kind === 'organization' ? undefined : subject.id,
        limit: 200,
      }),
  });

export const useVisitCompletion = (from: string, to: string, groupBy: 'manager' | 'team') =>
  useQuery({
    queryKey: ['visits', 'analytics', from, to, groupBy],
    queryFn: () => api.get<VisitAnalyticsOut>('/analytics/visits', { from, to, groupBy }),
    placeholderData: keepPreviousData,
  });

export const useComplaintAnalytics = (from: string, to: string, enabled: boolean) =>
  useQuery({
    queryKey: ['complaints', 'analytics', from, to],
    queryFn: () => api.get<ComplaintAnalyticsOut>('/analytics/complaints', { from, to }),
    enabled,
    placeholderData: keepPreviousData,
  });
