import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { AuditEntry } from '@steward/contracts';
import { api, type Query } from '../../shared/api';

type Page<T> = { data: T[]; nextCursor: string | null };

/** Who may read the audit log (the server refuses everyone else with 403). */
export const AUDIT_ROLES = ['admin', 'director'];

export const useAuditLog = (query: Query) =>
  useInfiniteQuery({
    queryKey: ['audit-log', query],
    queryFn: ({ pageParam }) =>
      api.get<Page<AuditEntry>>('/audit-log', { ...query, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
