import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  AtRiskOut,
  ChurnAlertOut,
  ChurnAlertResolveBody,
  ReevaluationApplyBody,
  ReevaluationOut,
  ValueDashboardOut,
} from '@steward/contracts';
import { api } from '../../shared/api';

export type Dashboard = ValueDashboardOut;
export type AtRisk = AtRiskOut;
export type AtRiskItem = AtRiskOut['data'][number];
export type Reevaluation = ReevaluationOut;
export type ReevaluationProposal = ReevaluationOut['proposals'][number];

/** Roles that see the re-evaluation page (the server says the same). */
export const REEVALUATION_ROLES: readonly string[] = ['team_lead', 'director', 'admin'];
/** Roles whose at-risk page offers a choice of manager. */
export const BOOK_PICKER_ROLES: readonly string[] = ['team_lead', 'director', 'admin', 'analyst'];
/** Roles that resolve churn alerts (of customers they can see). */
export const RESOLVER_ROLES: readonly string[] = ['manager', 'team_lead', 'director', 'admin'];

export const valueKeys = {
  all: ['value-insights'] as const,
  dashboard: (f: { teamId?: string; ownerId?: string; flowDays: number }) =>
    ['value-insights', 'dashboard', f] as const,
  atRisk: (managerId: string | undefined, limit: number) =>
    ['value-insights', 'at-risk', managerId ?? 'me', limit] as const,
};

export const useValueDashboard = (f: { teamId?: string; ownerId?: string; flowDays: number }) =>
  useQuery({
    queryKey: valueKeys.dashboard(f),
    queryFn: () => api.get<Dashboard>('/analytics/value', f),
    placeholderData: keepPreviousData,
  });

export const useAtRisk = (managerId: string | undefined, limit: number) =>
  useQuery({
    queryKey: valueKeys.atRisk(managerId, limit),
    queryFn: () => api.get<AtRisk>('/value/at-risk', { managerId, limit }),
    placeholderData: keepPreviousData,
    retry: false,
  });

export const resolveAlert = (id: string, body: ChurnAlertResolveBody) =>
  api.post<ChurnAlertOut>(`/churn-alerts/${id}/resolve`, body);

export const proposeReevaluation = (q: { teamId?: string; upliftRatio: number }) =>
  api.get<Reevaluation>('/reevaluation', { ...q, limit: 500 });

export const applyReevaluation = (body: ReevaluationApplyBody) =>
  api.post<{ applied: number; unchanged: number }>('/reevaluation/apply', body);
