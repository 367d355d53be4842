import { useState } from 'react';
import { App, Typography } from 'antd';
import type { CustomerOut } from '@steward/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { customerKeys } from '../customers/api';
import { claimErrorCode, poolKeys } from './api';

/** Claims a pool customer; reports success with a link to the customer and failures in words, by code. */
export const useClaim = () => {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [claimingId, setClaimingId] = useState<string | null>(null);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: poolKeys.all }),
      queryClient.invalidateQueries({ queryKey: customerKeys.all }),
    ]);

  const claim = async (c: CustomerOut) => {
    setClaimingId(c.id);
    try {
      const claimed = await api.post<CustomerOut>(`/pool/${c.id}/claim`);
      const key = `claimed-${claimed.id}`;
      // The message renders outside the router, so the link navigates through the page's hook.
      message.success({
        key,
        duration: 6,
        content: (
          <span data-testid="claim-success">
            {t('pool.claimed', { name: claimed.name })}{' '}
            <Typography.Link
              href={`/customers/${claimed.id}`}
              data-testid="claim-success-open"
              onClick={(e) => {
                e.preventDefault();
                message.destroy(key);
                navigate(`/customers/${claimed.id}`);
              }}
            >
              {t('pool.openCustomer')}
            </Typography.Link>
          </span>
        ),
      });
      setClaimingId(null);
      void refresh();
    } catch (e) {
      const code = claimErrorCode(e);
      if (code) {
        notification.error({
          title: t(`pool.claimErrors.${code}`),
          description: e instanceof ApiError ? e.message : undefined,
          placement: 'topRight',
        });
        void refresh();
      } else if (e instanceof ApiError && e.status === 403) {
        notification.error({ title: t('pool.claimErrors.forbidden'), description: errorText(t, e) });
      } else {
        message.error(errorText(t, e));
      }
    } finally {
      setClaimingId(null);
    }
  };

  return { claim, claimingId };
};
