import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type {
  BusinessCalendarBody,
  ComplaintEventOut,
  ComplaintOut,
  ComplaintUpdate,
  SlaPolicyBody,
} from '@steward/contracts';
import { api, type Page, type Query } from '../../shared/api';

export const complaintKeys = {
  all: ['complaints'] as const,
  list: (q: Query) => ['complaints', 'list', q] as const,
  detail: (id: string) => ['complaints', 'detail', id] as const,
  events: (id: string) => ['complaints', 'events', id] as const,
  policy: ['settings', 'sla-policy'] as const,
  calendar: ['settings', 'business-calendar'] as const,
};

/** Roles that raise and work on complaints (analysts only read). */
export const COMPLAINT_WRITERS: readonly string[] = [
  'admin',
  'director',
  'team_lead',
  'manager',
  'service_agent',
];
/** Roles that change the SLA policy and the business calendar. */
export const SLA_SETTINGS_ROLES: readonly string[] = ['admin', 'director'];

export const useComplaints = (query: Query) =>
  useInfiniteQuery({
    queryKey: complaintKeys.list(query),
    queryFn: ({ pageParam }) =>
      api.get<Page<ComplaintOut>>('/complaints', { ...query, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export const useComplaint = (id: string) =>
  useQuery({
    queryKey: complaintKeys.detail(id),
    queryFn: () => api.get<ComplaintOut>(`/complaints/${id}`),
    retry: false,
  });

export const useComplaintEvents = (id: string) =>
  useQuery({
    queryKey: complaintKeys.events(id),
    queryFn: () => api.get<{ data: ComplaintEventOut[] }>(`/complaints/${id}/events`),
    retry: false,
  });

/** Any write on one complaint: refreshes the complaint, its timeline and the lists. */
export const useComplaintAction = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      path,
      body,
    }: {
      path: '' | 'transition' | 'notes' | 'escalate' | 'extend';
      body: unknown;
    }) =>
      path === ''
        ? api.patch<ComplaintOut>(`/complaints/${id}`, body as ComplaintUpdate)
        : api.post<unknown>(`/complaints/${id}/${path}`, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: complaintKeys.all }),
  });
};

export const useSlaPolicy = () =>
  useQuery({ queryKey: complaintKeys.policy, queryFn: () => api.get<SlaPolicyBody>('/settings/sla-policy') });

export const useBusinessCalendar = () =>
  useQuery({
    queryKey: complaintKeys.calendar,
    queryFn: () => api.get<BusinessCalendarBody & { timeZone: string }>('/settings/business-calendar'),
  });
