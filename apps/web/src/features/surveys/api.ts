import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type {
  CustomerOut,
  SurveyAnalyticsOut,
  SurveySendBody,
  SurveySendOut,
  SurveySendResult,
  SurveyTemplateCreate,
  SurveyTemplateOut,
  SurveyTemplateUpdate,
} from '@steward/contracts';
import { api, type Page, type Query } from '../../shared/api';

/** Who writes survey templates (the server checks again). */
export const TEMPLATE_ROLES: readonly string[] = ['admin', 'director'];
/** Who sends surveys: everyone but analysts. */
export const canSendSurveys = (role: string) => role !== 'analyst';

export const surveyKeys = {
  all: ['surveys'] as const,
  templates: ['surveys', 'templates'] as const,
  sends: (q: Query) => ['surveys', 'sends', q] as const,
  analytics: (q: Query) => ['surveys', 'analytics', q] as const,
};

export const useSurveyTemplates = () =>
  useQuery({
    queryKey: surveyKeys.templates,
    queryFn: () => api.get<Page<SurveyTemplateOut>>('/survey-templates', { limit: 500 }),
  });

export const useSaveTemplate = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: SurveyTemplateCreate | SurveyTemplateUpdate }) =>
      id
        ? api.patch<SurveyTemplateOut>(`/survey-templates/${id}`, body)
        : api.post<SurveyTemplateOut>('/survey-templates', body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: surveyKeys.templates }),
  });
};

export const useSurveySends = (query: Query) =>
  useInfiniteQuery({
    queryKey: surveyKeys.sends(query),
    queryFn: ({ pageParam }) =>
      api.get<Page<SurveySendOut>>('/surveys/sends', { ...query, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export const useSendSurveys = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SurveySendBody) => api.post<SurveySendResult>('/surveys/send', body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: surveyKeys.all }),
  });
};

export const useSurveyAnalytics = (query: Query) =>
  useQuery({
    queryKey: surveyKeys.analytics(query),
    queryFn: () => api.get<SurveyAnalyticsOut>('/analytics/surveys', query),
    placeholderData: keepPreviousData,
  });

/** Customers matching what was typed, for choosing survey recipients. */
export const useRecipientSearch = (q: string) =>
  useQuery({
    queryKey: ['customers', 'search', q],
    queryFn: () => api.get<Page<CustomerOut>>('/customers', { q, limit: 20 }),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
