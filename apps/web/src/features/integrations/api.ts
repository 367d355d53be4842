import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { ApiTokenOut, WebhookDeliveryOut, WebhookOut } from '@steward/contracts';
import { api, type Page } from '../../shared/api';

export const WEBHOOK_ROLES: readonly string[] = ['admin'];

export const integrationKeys = {
  tokens: ['api-tokens'] as const,
  webhooks: ['webhooks'] as const,
  deliveries: (id: string) => ['webhooks', id, 'deliveries'] as const,
};

export const useApiTokens = () =>
  useQuery({
    queryKey: integrationKeys.tokens,
    queryFn: () => api.get<{ data: ApiTokenOut[] }>('/api-tokens'),
  });

export const useWebhooks = () =>
  useQuery({
    queryKey: integrationKeys.webhooks,
    queryFn: () => api.get<{ data: WebhookOut[] }>('/webhooks'),
  });

export const useDeliveries = (webhookId: string | null) =>
  useInfiniteQuery({
    queryKey: integrationKeys.deliveries(webhookId ?? ''),
    queryFn: ({ pageParam }) =>
      api.get<Page<WebhookDeliveryOut>>(`/webhooks/${webhookId}/deliveries`, {
        limit: 50,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: webhookId !== null,
    refetchInterval: 5000,
  });
