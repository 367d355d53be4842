import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CareerLevelIn,
  CareerLevelUpdate,
  CommissionPlanIn,
  CommissionPlanOut,
  ScorecardTemplateIn,
  ScorecardTemplateOut,
} from '@steward/contracts';
import { api } from '../../shared/api';

/** A career level as GET /career-levels answers it. */
export type CareerLevel = {
  code: string;
  name: string;
  rank: number;
  criteria: {
    minTenureMonths?: number;
    kpis?: { kpi: string; min: number }[];
    trainingHours?: number;
    requiredCourses?: string[];
  };
};
export type {
  CareerLevelIn,
  CareerLevelUpdate,
  CommissionPlanIn,
  CommissionPlanOut,
  ScorecardTemplateIn,
  ScorecardTemplateOut,
};

const keys = {
  templates: ['performance', 'scorecard-templates'] as const,
  plans: ['performance', 'commission-plans'] as const,
  levels: ['performance', 'career-levels'] as const,
};

export const useTemplates = () =>
  useQuery({
    queryKey: keys.templates,
    queryFn: () => api.get<{ data: ScorecardTemplateOut[] }>('/scorecard-templates'),
  });
export const usePlans = () =>
  useQuery({
    queryKey: keys.plans,
    queryFn: () => api.get<{ data: CommissionPlanOut[] }>('/commission-plans'),
  });
export const useLevels = () =>
  useQuery({ queryKey: keys.levels, queryFn: () => api.get<{ data: CareerLevel[] }>('/career-levels') });

/** A write that refreshes the list it changed, and what is computed from it (scorecards, payouts, eligibility). */
const useWrite = <V, R>(key: readonly string[], fn: (v: V) => Promise<R>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: key });
      await queryClient.invalidateQueries({ queryKey: ['performance'] });
    },
  });
};

export const useSaveTemplate = () =>
  useWrite(keys.templates, ({ id, body }: { id: string | null; body: ScorecardTemplateIn }) =>
    id
      ? api.put<ScorecardTemplateOut>(`/scorecard-templates/${id}`, body)
      : api.post<ScorecardTemplateOut>('/scorecard-templates', body),
  );
export const useDeleteTemplate = () =>
  useWrite(keys.templates, (id: string) => api.del(`/scorecard-templates/${id}`));

export const useCreatePlan = () =>
  useWrite(keys.plans, (body: CommissionPlanIn) => api.post<CommissionPlanOut>('/commission-plans', body));

export const useSaveLevel = () =>
  useWrite(keys.levels, ({ code, body }: { code: string | null; body: CareerLevelIn }) =>
    code
      ? api.patch<CareerLevel>(`/career-levels/${encodeURIComponent(code)}`, {
          name: body.name,
          rank: body.rank,
          criteria: body.criteria,
        } satisfies CareerLevelUpdate)
      : api.post<CareerLevel>('/career-levels', body),
  );
export const useDeleteLevel = () =>
  useWrite(keys.levels, (code: string) => api.del(`/career-levels/${encodeURIComponent(code)}`));
