import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SavedViewCreate, SavedViewOut, SavedViewUpdate } from '@steward/contracts';
import { api } from '../../shared/api';

export type ViewListName = SavedViewOut['list'];

export const viewKeys = { list: (list: ViewListName) => ['views', list] as const };

export const useViews = (list: ViewListName) =>
  useQuery({
    queryKey: viewKeys.list(list),
    queryFn: () => api.get<{ data: SavedViewOut[] }>('/views', { list }),
    staleTime: 60_000,
  });

export const useSaveView = (list: ViewListName) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; body: Omit<SavedViewCreate, 'list'> | SavedViewUpdate }) =>
      v.id
        ? api.patch<SavedViewOut>(`/views/${v.id}`, v.body)
        : api.post<SavedViewOut>('/views', { ...v.body, list }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: viewKeys.list(list) }),
  });
};

export const useDeleteView = (list: ViewListName) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.del(`/views/${id}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: viewKeys.list(list) }),
  });
};
