import { Flex, Progress, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { GoalOut } from '@steward/contracts';
import { useFormat } from '../../shared/format';
import { useGoalProgress } from './api';
import { formatKpi } from './kpi-format';

/** A goal's progress: the share of the target reached, red when off track, with actual vs expected. */
export const GoalProgressCell = ({ goal }: { goal: GoalOut }) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const p = useGoalProgress(goal.id);
  if (p.isPending) return <Progress percent={0} size="small" status="active" />;
  if (p.error || !p.data) return <Typography.Text type="danger">{t('perf.progressError')}</Typography.Text>;
  const { actual, expected, target, offTrack, unit } = p.data;
  const percent = target > 0 && actual !== null ? Math.max(0, Math.round((actual / target) * 1000) / 10) : 0;
  return (
    <Flex vertical gap={2} data-testid={`goal-progress-${goal.id}`} data-offtrack={offTrack}>
      <Flex align="center" gap={8}>
        <Progress
          percent={Math.min(100, percent)}
          format={() => `${percent}%`}
          size="small"
          status={offTrack ? 'exception' : percent >= 100 ? 'success' : 'normal'}
          strokeColor={offTrack ? '#cf1322' : undefined}
          style={{ flex: 1, minWidth: 120, margin: 0 }}
        />
        {offTrack && (
          <Tag color="red" data-testid="goal-off-track">
            {t('perf.offTrack')}
          </Tag>
        )}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('perf.actualVsExpected', {
          actual: formatKpi(actual, unit, fmt, t),
          expected: formatKpi(expected, unit, fmt, t),
        })}
      </Typography.Text>
    </Flex>
  );
};
