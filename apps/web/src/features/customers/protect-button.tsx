import { useState } from 'react';
import { App, Button } from 'antd';
import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CustomerOut } from '@steward/contracts';
import { api, ApiError } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { customerKeys } from './api';

/** Marks an owned customer protected from the pool-reclaim rules, or lifts the mark. */
export const ProtectButton = ({ customer }: { customer: CustomerOut }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const next = !customer.protected;
  const toggle = async () => {
    setBusy(true);
    try {
      await api.put(`/customers/${customer.id}/protected`, { protected: next });
      void message.success(t(next ? 'protect.onDone' : 'protect.offDone'));
      await queryClient.invalidateQueries({ queryKey: customerKeys.all });
    } catch (e) {
      void message.error(
        e instanceof ApiError && e.code === 'protect_limit_reached' ? t('protect.limit') : errorText(t, e),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      icon={next ? <LockOutlined /> : <UnlockOutlined />}
      loading={busy}
      onClick={toggle}
      data-testid="protect-customer"
    >
      {t(next ? 'protect.on' : 'protect.off')}
    </Button>
  );
};
