import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { ProductOut } from '@steward/contracts';
import { api, type Page, type Query } from '../../shared/api';

export const productKeys = {
  all: ['products'] as const,
  list: (query: Query) => ['products', 'list', query] as const,
  categories: ['products', 'categories'] as const,
};

/** The catalog, filtered, 50 products a page by code. */
export const useProducts = (query: Query) =>
  useInfiniteQuery({
    queryKey: productKeys.list(query),
    queryFn: ({ pageParam }) =>
      api.get<Page<ProductOut>>('/products', { ...query, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export const useProductCategories = () =>
  useQuery({
    queryKey: productKeys.categories,
    queryFn: () => api.get<{ data: string[] }>('/products/categories'),
  });
