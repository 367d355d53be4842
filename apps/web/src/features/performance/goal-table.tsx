import { App, Button, Popconfirm, Table, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { GoalOut, KpiDefinitionOut } from '@steward/contracts';
import { errorText } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { localized, useDeleteGoal } from './api';
import { GoalProgressCell } from './goal-progress';
import { formatKpi } from './kpi-format';

type Props = { goals: GoalOut[]; loading: boolean; definitions: KpiDefinitionOut[]; canEdit: boolean };

/** Goals with their progress bars; leads may delete the ones they set. */
export const GoalTable = ({ goals, loading, definitions, canEdit }: Props) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const remove = useDeleteGoal();
  const defs = new Map(definitions.map((d) => [d.key, d]));
  const unitOf = (kpi: string) => defs.get(kpi)?.unit ?? 'count';
  return (
    <Table<GoalOut>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={goals}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('perf.noGoals') }}
      data-testid="goal-table"
      columns={[
        {
          title: t('perf.columns.subject'),
          key: 'subject',
          render: (_, g) => (
            <span>
              {g.subjectName ?? '—'}{' '}
              <Typography.Text type="secondary">({t(`perf.subjectTypes.${g.subjectType}`)})</Typography.Text>
            </span>
          ),
        },
        {
          title: t('perf.columns.kpi'),
          key: 'kpi',
          render: (_, g) => {
            const d = defs.get(g.kpi);
            return d ? localized(d.name, fmt.lang) : g.kpi;
          },
        },
        {
          title: t('perf.columns.period'),
          key: 'period',
          render: (_, g) => `${g.periodStart} ~ ${g.periodEnd}`,
        },
        {
          title: t('perf.columns.target'),
          key: 'target',
          render: (_, g) =>
            unitOf(g.kpi) === 'currency' ? fmt.money(g.target) : formatKpi(g.target, unitOf(g.kpi), fmt, t),
        },
        {
          title: t('perf.columns.progress'),
          key: 'progress',
          width: 320,
          render: (_, g) => <GoalProgressCell goal={g} />,
        },
        ...(canEdit
          ? [
              {
                title: t('common.actions'),
                key: 'actions',
                width: 80,
                render: (_: unknown, g: GoalOut) => (
                  <Popconfirm
                    title={t('perf.deleteConfirm')}
                    okText={t('common.delete')}
                    cancelText={t('common.cancel')}
                    onConfirm={() =>
                      remove.mutate(g.id, {
                        onSuccess: () => message.success(t('perf.goalDeleted')),
                        onError: (e) => message.error(errorText(t, e)),
                      })
                    }
                  >
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                  </Popconfirm>
                ),
              },
            ]
          : []),
      ]}
    />
  );
};
