import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { NotFoundResult } from '../shared/not-found-result';

export const NotFoundPage = () => <NotFoundResult />;

/** Shown when rendering a route throws: never a blank page. */
export const RouteErrorPage = () => {
  const { t } = useTranslation();
  return (
    <Result
      status="error"
      title={t('errors.crashTitle')}
      subTitle={t('errors.crashSubTitle')}
      extra={
        <Button type="primary" onClick={() => window.location.assign('/')}>
          {t('errors.reload')}
        </Button>
      }
    />
  );
};
