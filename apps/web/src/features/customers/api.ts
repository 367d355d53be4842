import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type {
  AssignmentHistoryItem,
  ContactOut,
  CustomerOut,
  CustomerValueOut,
  CustomFieldDefOut,
  HistoryItem,
  OrderOut,
  SORTS,
  STAGES,
  TIERS,
  TimelineItem,
  UserSummary,
} from '@steward/contracts';
import { api, type Page, type Query } from '../../shared/api';

export type Sort = (typeof SORTS)[number];
export type Tier = (typeof TIERS)[number];
export type Stage = (typeof STAGES)[number];

export type CustomerFilters = {
  q?: string;
  tier?: Tier[];
  stage?: Stage[];
  ownerId?: string;
  tag?: string;
  region?: string;
  industry?: string;
  source?: string;
  sort?: Sort;
};

const PAGE_SIZE = 50;

const filterQuery = (f: CustomerFilters): Query => ({
  q: f.q,
  tier: f.tier,
  stage: f.stage,
  ownerId: f.ownerId,
  tag: f.tag,
  region: f.region,
  industry: f.industry,
  source: f.source,
});

export const customerKeys = {
  all: ['customers'] as const,
  list: (f: CustomerFilters) => ['customers', 'list', f] as const,
  count: (f: CustomerFilters) => ['customers', 'count', f] as const,
  detail: (id: string) => ['customers', 'detail', id] as const,
  sub: (id: string, what: string) => ['customers', 'detail', id, what] as const,
};

export const useCustomerList = (f: CustomerFilters) =>
  useInfiniteQuery({
    queryKey: customerKeys.list(f),
    queryFn: ({ pageParam }) =>
      api.get<Page<CustomerOut>>('/customers', {
        ...filterQuery(f),
        sort: f.sort,
        limit: PAGE_SIZE,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export const useCustomerCount = (f: CustomerFilters) =>
  useQuery({
    queryKey: customerKeys.count(f),
    queryFn: () => api.get<{ count: number }>('/customers/count', filterQuery(f)),
    placeholderData: keepPreviousData,
  });

export const useCustomer = (id: string) =>
  useQuery({ queryKey: customerKeys.detail(id), queryFn: () => api.get<CustomerOut>(`/customers/${id}`) });

const usePaged = <T>(id: string, what: string, limit = 50) =>
  useInfiniteQuery({
    queryKey: customerKeys.sub(id, what),
    queryFn: ({ pageParam }) => api.get<Page<T>>(`/customers/${id}/${what}`, { limit, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useContacts = (id: string) => usePaged<ContactOut>(id, 'contacts', 200);
export const useTimeline = (id: string) => usePaged<TimelineItem>(id, 'timeline');
export const useCustomerValue = (id: string) =>
  useQuery({
    queryKey: customerKeys.sub(id, 'value'),
    queryFn: () => api.get<CustomerValueOut>(`/customers/${id}/value`),
  });

export const useOrders = (id: string) => usePaged<OrderOut>(id, 'orders');
export const useHistory = (id: string) => usePaged<HistoryItem>(id, 'history');
export const useAssignments = (id: string) => usePaged<AssignmentHistoryItem>(id, 'assignments');

export const useUsers = () =>
  useQuery({
    queryKey: ['users'],
    queryFn: () => api.get<Page<UserSummary>>('/users', { limit: 500 }),
    staleTime: 5 * 60_000,
    retry: false,
  });

export const useCustomFields = () =>
  useQuery({
    queryKey: ['custom-fields', 'customer'],
    queryFn: () => api.get<{ data: CustomFieldDefOut[] }>('/custom-fields', { entity: 'customer' }),
    staleTime: 5 * 60_000,
    retry: false,
    select: (r) => r.data.filter((d) => d.entity !== 'contact'),
  });

export const flatten = <T>(pages: Page<T>[] | undefined): T[] => (pages ?? []).flatMap((p) => p.data);
