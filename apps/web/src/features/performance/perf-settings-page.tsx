import { useState } from 'react';
import { App, Button, Card, Flex, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, errorText } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { localized, useKpiDefinitions } from './api';
import {
  useDeleteLevel,
  useDeleteTemplate,
  useLevels,
  usePlans,
  useTemplates,
  type CareerLevel,
  type CommissionPlanOut,
  type ScorecardTemplateOut,
} from './admin-api';
import { LevelModal } from './level-modal';
import { PerfTabs } from './perf-tabs';
import { PlanModal } from './plan-modal';
import { TemplateModal } from './template-modal';

type Editing<T> = { open: boolean; item: T | null };
const closed = { open: false, item: null };

/**
 * Performance settings for directors and administrators: scorecard templates, commission plans
 * (a change is a new plan from a date) and career levels with their promotion criteria.
 */
export const PerfSettingsPage = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const defs = useKpiDefinitions().data?.data ?? [];
  const kpiName = (k: string) => {
    const d = defs.find((x) => x.key === k);
    return d ? localized(d.name, fmt.lang) : k;
  };
  const templates = useTemplates();
  const plans = usePlans();
  const levels = useLevels();
  const deleteTemplate = useDeleteTemplate();
  const deleteLevel = useDeleteLevel();
  const [template, setTemplate] = useState<Editing<ScorecardTemplateOut>>(closed);
  const [planOpen, setPlanOpen] = useState(false);
  const [level, setLevel] = useState<Editing<CareerLevel>>(closed);
  const pct = (v: number) => `${Math.round(v * 1_000_000) / 10_000}%`;
  const sortedPlans = [...(plans.data?.data ?? [])].sort((a, b) =>
    b.effectiveFrom.localeCompare(a.effectiveFrom),
  );
  const sortedLevels = [...(levels.data?.data ?? [])].sort((a, b) => a.rank - b.rank);
  const onDeleted = {
    onSuccess: () => message.success(t('perfAdmin.deleted')),
    onError: (e: unknown) => message.error(errorText(t, e)),
  };

  return (
    <Flex vertical gap={16}>
      <PerfTabs />
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('perfAdmin.title')}
      </Typography.Title>

      <Card
        title={t('perfAdmin.templates.title')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setTemplate({ open: true, item: null })}
            data-testid="new-template"
          >
            {t('perfAdmin.templates.new')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('perfAdmin.templates.help')}</Typography.Paragraph>
        {templates.error && <ErrorAlert error={templates.error} onRetry={() => void templates.refetch()} />}
        <Table<ScorecardTemplateOut>
          rowKey="id"
          size="small"
          loading={templates.isPending}
          dataSource={templates.data?.data ?? []}
          pagination={false}
          locale={{ emptyText: t('perfAdmin.templates.empty') }}
          data-testid="template-table"
          columns={[
            { title: t('perfAdmin.templates.name'), dataIndex: 'name' },
            {
              title: t('perfAdmin.templates.appliesTo'),
              key: 'for',
              render: (_, r) => (
                <Space size={4} wrap>
                  <Tag>{r.role ? t(`roles.${r.role}`) : t('perfAdmin.templates.anyRole')}</Tag>
                  {r.level && <Tag color="blue">{r.level}</Tag>}
                </Space>
              ),
            },
            {
              title: t('perfAdmin.templates.items'),
              key: 'items',
              render: (_, r) =>
                r.items
                  .map((i) =>
                    t('perfAdmin.templates.itemText', {
                      kpi: kpiName(i.kpi),
                      weight: i.weight,
                      target: fmt.number(i.target),
                      cap: pct(i.cap),
                    }),
                  )
                  .join(' · '),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 160,
              render: (_, r) => (
                <Space>
                  <Button size="small" onClick={() => setTemplate({ open: true, item: r })}>
                    {t('common.edit')}
                  </Button>
                  <Popconfirm
                    title={t('perfAdmin.templates.deleteConfirm')}
                    okText={t('common.delete')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => deleteTemplate.mutate(r.id, onDeleted)}
                  >
                    <Button size="small" danger>
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Card
        title={t('perfAdmin.plans.title')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setPlanOpen(true)}
            data-testid="new-plan"
          >
            {t('perfAdmin.plans.new')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('perfAdmin.plans.help')}</Typography.Paragraph>
        {plans.error && <ErrorAlert error={plans.error} onRetry={() => void plans.refetch()} />}
        <Table<CommissionPlanOut>
          rowKey="id"
          size="small"
          loading={plans.isPending}
          dataSource={sortedPlans}
          pagination={false}
          locale={{ emptyText: t('perfAdmin.plans.empty') }}
          data-testid="plan-table"
          columns={[
            { title: t('perfAdmin.plans.effectiveFrom'), dataIndex: 'effectiveFrom', width: 120 },
            { title: t('perfAdmin.plans.name'), dataIndex: 'name' },
            {
              title: t('perfAdmin.plans.tiers'),
              key: 'tiers',
              render: (_, r) =>
                r.rules.tiers
                  .map((x) => t('perfAdmin.plans.tierText', { from: fmt.money(x.from), rate: pct(x.rate) }))
                  .join(' · '),
            },
            {
              title: t('perfAdmin.plans.threshold'),
              key: 'threshold',
              align: 'right',
              render: (_, r) => fmt.money(r.rules.threshold),
            },
            {
              title: t('perfAdmin.plans.cap'),
              key: 'cap',
              align: 'right',
              render: (_, r) => (r.rules.cap === null ? t('perfAdmin.plans.noCap') : fmt.money(r.rules.cap)),
            },
            {
              title: t('perfAdmin.plans.multipliers'),
              key: 'multipliers',
              render: (_, r) =>
                r.rules.bonusMultipliers.length
                  ? r.rules.bonusMultipliers
                      .map((m) =>
                        t('perfAdmin.plans.multiplierText', { score: m.minScore, multiplier: m.multiplier }),
                      )
                      .join(' · ')
                  : '—',
            },
          ]}
        />
      </Card>

      <Card
        title={t('perfAdmin.levels.title')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setLevel({ open: true, item: null })}
            data-testid="new-level"
          >
            {t('perfAdmin.levels.new')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('perfAdmin.levels.help')}</Typography.Paragraph>
        {levels.error && <ErrorAlert error={levels.error} onRetry={() => void levels.refetch()} />}
        <Table<CareerLevel>
          rowKey="code"
          size="small"
          loading={levels.isPending}
          dataSource={sortedLevels}
          pagination={false}
          locale={{ emptyText: t('perfAdmin.levels.empty') }}
          data-testid="level-table"
          columns={[
            { title: t('perfAdmin.levels.rank'), dataIndex: 'rank', width: 80 },
            { title: t('perfAdmin.levels.code'), dataIndex: 'code' },
            { title: t('perfAdmin.levels.name'), dataIndex: 'name' },
            {
              title: t('perfAdmin.levels.criteria'),
              key: 'criteria',
              render: (_, r) => {
                const c = r.criteria;
                const parts = [
                  c.minTenureMonths != null &&
                    t('perfAdmin.levels.tenureText', { months: c.minTenureMonths }),
                  c.trainingHours != null && t('perfAdmin.levels.hoursText', { hours: c.trainingHours }),
                  ...(c.requiredCourses ?? []).map((x) => t('perfAdmin.levels.courseText', { course: x })),
                  ...(c.kpis ?? []).map((k) =>
                    t('perfAdmin.levels.kpiText', { kpi: kpiName(k.kpi), min: k.min }),
                  ),
                ].filter(Boolean);
                return parts.length ? parts.join(' · ') : t('perfAdmin.levels.noCriteria');
              },
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 160,
              render: (_, r) => (
                <Space>
                  <Button size="small" onClick={() => setLevel({ open: true, item: r })}>
                    {t('common.edit')}
                  </Button>
                  <Popconfirm
                    title={t('perfAdmin.levels.deleteConfirm')}
                    okText={t('common.delete')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => deleteLevel.mutate(r.code, onDeleted)}
                  >
                    <Button size="small" danger>
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <TemplateModal
        open={template.open}
        editing={template.item}
        definitions={defs}
        onClose={() => setTemplate(closed)}
      />
      <PlanModal open={planOpen} latest={sortedPlans[0] ?? null} onClose={() => setPlanOpen(false)} />
      <LevelModal
        open={level.open}
        editing={level.item}
        definitions={defs}
        nextRank={(sortedLevels.at(-1)?.rank ?? 0) + 1}
        onClose={() => setLevel(closed)}
      />
    </Flex>
  );
};
