import { useState } from 'react';
import { Button, Card, Flex, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { useSession } from '../../shared/session';
import { localized, useKpiDefinitions } from './api';
import { PerfTabs } from './perf-tabs';
import {
  REVIEWER_ROLES,
  useEligibility,
  useTraining,
  type EligibilityRow,
  type Lack,
  type TrainingRecord,
} from './review-api';
import { TrainingModal } from './training-modal';

const lackText = (t: TFunction, l: Lack, kpiName: (k: string) => string) => {
  const actual = l.actual ?? '—';
  if (l.criterion === 'tenure') return t('career.lacks.tenure', { required: l.required, actual });
  if (l.criterion === 'training_hours')
    return t('career.lacks.training_hours', { required: l.required, actual });
  if (l.criterion === 'course') return t('career.lacks.course', { course: l.course });
  const op = l.direction === 'lower' ? t('career.lacks.atMost') : t('career.lacks.atLeast');
  return t('career.lacks.kpi', { kpi: kpiName(l.kpi ?? ''), op, required: l.required, actual });
};

/** Who is eligible for their next career level and what each lacks; the training records behind it. */
export const CareerPage = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useSession();
  const eligibility = useEligibility();
  const training = useTraining();
  const [adding, setAdding] = useState(false);
  const defs = new Map((useKpiDefinitions().data?.data ?? []).map((d) => [d.key, d]));
  const kpiName = (k: string) => (defs.get(k) ? localized(defs.get(k)!.name, fmt.lang) : k);
  const e = eligibility.data;
  const people = (e?.data ?? [])
    .filter((r) => r.managerId !== me.user.id)
    .map((r) => ({ value: r.managerId, label: r.managerName }));
  const canRecord = REVIEWER_ROLES.includes(me.user.role) && people.length > 0;

  return (
    <Flex vertical gap={16}>
      <PerfTabs />
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('career.title')}
      </Typography.Title>
      <Card
        title={t('career.eligibility')}
        extra={
          e && (
            <Typography.Text type="secondary">
              {t('career.period', { from: e.from, to: e.to })}
            </Typography.Text>
          )
        }
      >
        {eligibility.error && (
          <ErrorAlert error={eligibility.error} onRetry={() => void eligibility.refetch()} />
        )}
        <Table<EligibilityRow>
          rowKey="managerId"
          size="middle"
          loading={eligibility.isPending}
          dataSource={e?.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="eligibility-table"
          columns={[
            { title: t('career.columns.manager'), dataIndex: 'managerName' },
            {
              title: t('career.columns.level'),
              key: 'level',
              render: (_, r) => r.currentLevel?.name ?? r.level,
            },
            {
              title: t('career.columns.next'),
              key: 'next',
              render: (_, r) => r.nextLevel?.name ?? t('career.topLevel'),
            },
            {
              title: t('career.columns.status'),
              key: 'status',
              render: (_, r) =>
                r.nextLevel ? (
                  <Tag color={r.eligible ? 'green' : 'default'}>
                    {r.eligible ? t('career.eligible') : t('career.notEligible')}
                  </Tag>
                ) : null,
            },
            {
              title: t('career.columns.lacking'),
              key: 'lacking',
              render: (_, r) => (
                <Flex vertical>
                  {r.lacking.map((l, i) => (
                    <span key={i}>{lackText(t, l, kpiName)}</span>
                  ))}
                </Flex>
              ),
            },
            { title: t('career.columns.tenure'), key: 'tenure', render: (_, r) => r.tenureMonths ?? '—' },
            { title: t('career.columns.hours'), dataIndex: 'trainingHours' },
          ]}
        />
      </Card>
      <Card
        title={t('career.training')}
        extra={
          canRecord && (
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-training">
              {t('career.addTraining')}
            </Button>
          )
        }
      >
        {training.error && <ErrorAlert error={training.error} onRetry={() => void training.refetch()} />}
        <Table<TrainingRecord>
          rowKey="id"
          size="small"
          loading={training.isPending}
          dataSource={training.data?.data ?? []}
          locale={{ emptyText: t('career.noTraining') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('career.columns.manager'), dataIndex: 'managerName' },
            { title: t('career.columns.course'), dataIndex: 'course' },
            { title: t('career.columns.completedOn'), dataIndex: 'completedOn' },
            { title: t('career.columns.hours'), dataIndex: 'hours' },
            {
              title: t('career.columns.result'),
              key: 'result',
              render: (_, r) => t(`career.results.${r.result}`),
            },
          ]}
        />
      </Card>
      <TrainingModal open={adding} onClose={() => setAdding(false)} people={people} />
    </Flex>
  );
};
