import type { ReactNode } from 'react';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../shared/session';

/** Shows the page only to the given roles; others get a sentence instead of a blank or broken page. */
export const RequireRole = ({
  roles,
  title,
  children,
}: {
  roles: readonly string[];
  title?: string;
  children: ReactNode;
}) => {
  const { t } = useTranslation();
  const me = useSession();
  if (!roles.includes(me.user.role))
    return <Result status="403" title={title ?? t('errors.forbidden')} data-testid="forbidden" />;
  return <>{children}</>;
};
