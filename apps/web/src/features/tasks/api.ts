import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { CustomerOut, TaskOut, TaskUpdate } from '@steward/contracts';
import { api, type Page, type Query } from '../../shared/api';

export type TaskTab = 'mine' | 'overdue' | 'all';
export const TASK_TABS: readonly TaskTab[] = ['mine', 'overdue', 'all'];

export const taskKeys = {
  all: ['tasks'] as const,
  list: (q: Query) => ['tasks', 'list', q] as const,
};

/** Who may be given a task in the picker; the server decides who the caller may assign to. */
export const ASSIGNEE_ROLES: readonly string[] = ['manager', 'team_lead'];

export const tabQuery = (tab: TaskTab, meId: string): Query =>
  tab === 'mine' ? { assigneeId: meId } : tab === 'overdue' ? { overdue: 'true' } : {};

export const useTasks = (query: Query) =>
  useInfiniteQuery({
    queryKey: taskKeys.list(query),
    queryFn: ({ pageParam }) => api.get<Page<TaskOut>>('/tasks', { ...query, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export const useUpdateTask = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: TaskUpdate }) =>
      api.patch<TaskOut>(`/tasks/${id}`, patch),
    onSettled: () => queryClient.invalidateQueries({ queryKey: taskKeys.all }),
  });
};

/** Customers matching what was typed, for the optional customer of a task. */
export const useCustomerSearch = (q: string) =>
  useQuery({
    queryKey: ['customers', 'search', q],
    queryFn: () => api.get<Page<CustomerOut>>('/customers', { q, limit: 20 }),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
