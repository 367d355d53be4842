import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/** A friendly 404: the record does not exist, or it is outside what the user may see. */
export const NotFoundResult = ({ title, subTitle }: { title?: string; subTitle?: string }) => {
  const { t } = useTranslation();
  return (
    <div data-testid="not-found">
      <Result
        status="404"
        title={title ?? t('notFound.title')}
        subTitle={subTitle ?? t('notFound.subTitle')}
        extra={
          <Link to="/customers">
            <Button type="primary">{t('notFound.backToCustomers')}</Button>
          </Link>
        }
      />
    </div>
  );
};
