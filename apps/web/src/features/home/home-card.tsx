import type { ReactNode } from 'react';
import { Card, Empty, Flex, Skeleton, Statistic, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { KpiDefinitionOut, KpiResult } from '@steward/contracts';
import { ErrorAlert } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { localized } from '../performance/api';
import { formatKpi } from '../performance/kpi-format';

type Props = {
  title: ReactNode;
  /** The full page behind the card. */
  to?: string;
  testId: string;
  loading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  /** Shown instead of the children when set (the card has nothing to show). */
  empty?: string | null;
  extra?: ReactNode;
  children?: ReactNode;
};

/** A compact card of a home page: its own loading, empty and error states, and a link to its page. */
export const HomeCard = ({ title, to, testId, loading, error, onRetry, empty, extra, children }: Props) => {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={title}
      data-testid={testId}
      style={{ height: '100%' }}
      extra={
        <Flex gap={8} align="center">
          {extra}
          {to && (
            <Link to={to} data-testid={`${testId}-open`}>
              {t('home.open')} <RightOutlined />
            </Link>
          )}
        </Flex>
      }
    >
      {error ? (
        <ErrorAlert error={error} onRetry={onRetry} />
      ) : loading ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} data-testid={`${testId}-empty`} />
      ) : (
        children
      )}
    </Card>
  );
};

/** A few KPIs of a result as statistics, named in the interface language. */
export const KpiStats = ({
  result,
  definitions,
  keys,
  testId,
}: {
  result: KpiResult;
  definitions: KpiDefinitionOut[];
  keys: readonly string[];
  testId: string;
}) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const shown = keys
    .map((k) => result.data.find((v) => v.kpi === k))
    .filter((v): v is KpiResult['data'][number] => !!v);
  return (
    <Flex wrap gap={24} data-testid={testId}>
      {shown.map((k) => {
        const def = byKey.get(k.kpi);
        return (
          <Statistic
            key={k.kpi}
            title={
              <Typography.Text type="secondary">
                {def ? localized(def.name, fmt.lang) : k.kpi}
              </Typography.Text>
            }
            valueRender={() => (
              <span data-testid={`${testId}-${k.kpi}`}>{formatKpi(k.value, k.unit, fmt, t)}</span>
            )}
          />
        );
      })}
    </Flex>
  );
};

/** The KPIs a home shows first (the rest are one click away on the dashboard). */
export const HOME_KPIS = [
  'sales_amount',
  'order_count',
  'new_customers',
  'visit_completion_rate',
  'task_on_time_rate',
  'complaint_count',
] as const;
