import { useMutation, useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query';
import type {
  GoalCreate,
  GoalOut,
  GoalProgressOut,
  KpiDefinitionOut,
  KpiResult,
  TeamOut,
  UserSummary,
} from '@steward/contracts';
import { api, type Page } from '../../shared/api';

/** Roles that read the whole organization's KPIs, and roles that set goals (the server decides). */
export const ORG_READER_ROLES: readonly string[] = ['admin', 'director', 'analyst'];
export const GOAL_SETTER_ROLES: readonly string[] = ['admin', 'director', 'team_lead'];

export const perfKeys = {
  all: ['performance'] as const,
  kpis: (subject: string, from: string, to: string) => ['performance', 'kpis', subject, from, to] as const,
  goals: ['performance', 'goals'] as const,
  progress: (id: string) => ['performance', 'goals', id, 'progress'] as const,
};

export const useKpis = (subject: string | null, from: string, to: string) =>
  useQuery({
    queryKey: perfKeys.kpis(subject ?? '', from, to),
    queryFn: () => api.get<KpiResult>('/kpis', { subject, from, to }),
    enabled: subject !== null,
    placeholderData: keepPreviousData,
  });

export const useKpiDefinitions = () =>
  useQuery({
    queryKey: ['performance', 'definitions'],
    queryFn: () => api.get<{ data: KpiDefinitionOut[] }>('/kpis/definitions'),
    staleTime: Infinity,
  });

export const useGoals = () =>
  useQuery({
    queryKey: perfKeys.goals,
    queryFn: () => api.get<Page<GoalOut>>('/goals', { limit: 200 }),
  });

export const useGoalProgress = (id: string) =>
  useQuery({
    queryKey: perfKeys.progress(id),
    queryFn: () => api.get<GoalProgressOut>(`/goals/${id}/progress`),
  });

export const useCreateGoal = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: GoalCreate) => api.post<GoalOut>('/goals', body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: perfKeys.goals }),
  });
};

export const useDeleteGoal = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.del(`/goals/${id}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: perfKeys.goals }),
  });
};

export const useTeamList = () =>
  useQuery({
    queryKey: ['teams'],
    queryFn: () => api.get<{ data: TeamOut[] }>('/teams'),
    staleTime: 5 * 60_000,
  });

export const useUserList = () =>
  useQuery({
    queryKey: ['users'],
    queryFn: () => api.get<Page<UserSummary>>('/users', { limit: 500 }),
    staleTime: 5 * 60_000,
    retry: false,
  });

/** The team and every team below it. */
export const subtree = (teams: TeamOut[], rootIds: string[]): Set<string> => {
  const out = new Set(rootIds);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of teams)
      if (t.parentId && out.has(t.parentId) && !out.has(t.id)) {
        out.add(t.id);
        grew = true;
      }
  }
  return out;
};

/** A registry text in the interface language. */
export const localized = (text: { 'zh-CN': string; 'en-US': string }, lang: string): string =>
  lang === 'en-US' ? text['en-US'] : text['zh-CN'];
