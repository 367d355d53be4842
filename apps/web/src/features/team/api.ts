import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { HandoverOut, UserProfile, UserSummary } from '@steward/contracts';
import { api } from '../../shared/api';

/** Roles that see the Team menu. */
export const TEAM_ROLES: readonly string[] = ['team_lead', 'director', 'admin'];
/** Roles that change the team tree and the assignment rules. */
export const ORG_EDIT_ROLES: readonly string[] = ['director', 'admin'];

export type PeopleFilters = { teamId?: string; role?: string; status?: string };

export const teamKeys = {
  users: ['users'] as const,
  people: (f: PeopleFilters) => ['users', 'people', f] as const,
  profile: (id: string) => ['users', 'profile', id] as const,
  handover: (id: string) => ['users', 'handover', id] as const,
  teams: ['teams'] as const,
};

export const usePeople = (f: PeopleFilters) =>
  useQuery({
    queryKey: teamKeys.people(f),
    queryFn: () => api.get<{ data: UserSummary[] }>('/users', f),
    placeholderData: keepPreviousData,
  });

export const useProfile = (id: string) =>
  useQuery({
    queryKey: teamKeys.profile(id),
    queryFn: () => api.get<UserProfile>(`/users/${id}`),
    retry: false,
  });

export const useHandoverPreview = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: teamKeys.handover(id),
    queryFn: () => api.get<HandoverOut>(`/users/${id}/handover-preview`, { mode: 'rule' }),
    enabled,
    retry: false,
    staleTime: 0,
  });

export const loadPercent = (load: number, capacity: number) =>
  capacity > 0 ? Math.min(100, Math.round((load / capacity) * 100)) : load > 0 ? 100 : 0;
