import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CareSettingsBody,
  CareSettingsOut,
  TaskEscalationSettings,
  VisitCadenceSettings,
} from '@steward/contracts';
import { api } from '../../shared/api';

export const visitKeys = {
  cadence: ['settings', 'visit-plan'] as const,
  care: ['settings', 'care'] as const,
  escalation: ['settings', 'task-escalation'] as const,
};

export const useCadence = () =>
  useQuery({
    queryKey: visitKeys.cadence,
    queryFn: () => api.get<VisitCadenceSettings>('/settings/visit-plan'),
  });
export const useCare = () =>
  useQuery({ queryKey: visitKeys.care, queryFn: () => api.get<CareSettingsOut>('/settings/care') });
export const useEscalation = () =>
  useQuery({
    queryKey: visitKeys.escalation,
    queryFn: () => api.get<TaskEscalationSettings>('/settings/task-escalation'),
  });

const useSave = <B, R>(key: readonly string[], path: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => api.put<R>(path, body),
    onSuccess: (data) => queryClient.setQueryData(key, data),
  });
};
export const useSaveCadence = () =>
  useSave<VisitCadenceSettings, VisitCadenceSettings>(visitKeys.cadence, '/settings/visit-plan');
export const useSaveCare = () => useSave<CareSettingsBody, CareSettingsOut>(visitKeys.care, '/settings/care');
export const useSaveEscalation = () =>
  useSave<TaskEscalationSettings, TaskEscalationSettings>(visitKeys.escalation, '/settings/task-escalation');
