import { Progress, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { loadPercent } from './api';

const STATUS_COLORS: Record<string, string> = { active: 'green', on_leave: 'orange', departed: 'default' };

export const UserStatusTag = ({ status }: { status: string }) => {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'}>
      {t(`userStatus.${status}`, { defaultValue: status })}
    </Tag>
  );
};

/** Customers held against capacity, as a bar with the numbers beside it. */
export const LoadBar = ({
  load,
  capacity,
  width = 160,
}: {
  load: number;
  capacity: number;
  width?: number;
}) => {
  const { t } = useTranslation();
  const over = capacity > 0 && load > capacity;
  const pct = loadPercent(load, capacity);
  return (
    <Tooltip title={`${t('people.fields.load')}: ${load} / ${capacity}`}>
      <Progress
        percent={pct}
        size={{ width }}
        status={over ? 'exception' : 'normal'}
        strokeColor={over ? undefined : pct >= 90 ? '#faad14' : undefined}
        format={() => `${load} / ${capacity}`}
        aria-label={`${t('people.fields.load')}: ${load} / ${capacity}`}
      />
    </Tooltip>
  );
};
