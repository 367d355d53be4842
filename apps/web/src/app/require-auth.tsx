import { useEffect, type ReactNode } from 'react';
import { Flex, Result, Spin } from 'antd';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, ensureCsrf } from '../shared/api';
import { ErrorAlert } from '../shared/errors';
import { useMe } from '../shared/session';

/** Renders its children only for a signed-in user; otherwise sends them to the sign-in page. */
export const RequireAuth = ({ children }: { children: ReactNode }) => {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();

  useEffect(() => {
    if (me.data) void ensureCsrf();
  }, [me.data]);

  if (me.isPending) {
    return (
      <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
        <Spin size="large" description={t('common.loading')} />
      </Flex>
    );
  }
  if (me.error instanceof ApiError && me.error.status === 401) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.error || !me.data) {
    return (
      <Result status="warning" title={t('errors.loadSession')}>
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
      </Result>
    );
  }
  return <>{children}</>;
};
