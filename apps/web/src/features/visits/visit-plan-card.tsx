import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Flex,
  InputNumber,
  Popconfirm,
  Select,
  Skeleton,
  Tag,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  VISIT_CHANNEL_VALUES,
  type CustomerVisitPlanOut,
  type CustomerVisitPlanUpdate,
} from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { ErrorAlert, errorText } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { useSession } from '../../shared/session';

/** Roles that change a customer's visit plan (the server decides which customers they reach). */
export const PLANNER_ROLES: readonly string[] = ['admin', 'director', 'team_lead', 'manager'];

const key = (id: string) => ['customers', id, 'visit-plan'] as const;

type Draft = { noPlan: boolean; days: number | null; channel: CustomerVisitPlanOut['effective']['channel'] };

/**
 * A customer's visit plan: the cadence and channel of their tier, or their own override, with
 * the last contact and the next planned visit; a planner sets or removes the override.
 */
export const VisitPlanCard = ({ customerId, canEdit }: { customerId: string; canEdit: boolean }) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const me = useSession();
  const queryClient = useQueryClient();
  const plan = useQuery({
    queryKey: key(customerId),
    queryFn: () => api.get<CustomerVisitPlanOut>(`/customers/${customerId}/visit-plan`),
    retry: false,
  });
  const done = (data: CustomerVisitPlanOut) => {
    queryClient.setQueryData(key(customerId), data);
    void queryClient.invalidateQueries({ queryKey: ['tasks'] });
  };
  const save = useMutation({
    mutationFn: (body: CustomerVisitPlanUpdate) =>
      api.put<CustomerVisitPlanOut>(`/customers/${customerId}/visit-plan`, body),
    onSuccess: done,
  });
  const reset = useMutation({
    mutationFn: () => api.del<CustomerVisitPlanOut>(`/customers/${customerId}/visit-plan`),
    onSuccess: done,
  });
  const [draft, setDraft] = useState<Draft | null>(null);
  const editable = canEdit && PLANNER_ROLES.includes(me.user.role);
  const p = plan.data;
  const channel = (c: string | null) => (c ? t(`visitPlan.channels.${c}`) : '—');
  const cadence = (d: number | null) =>
    d === null ? t('customerVisitPlan.noPlan') : t('customerVisitPlan.everyDays', { days: d });

  const start = () =>
    p &&
    setDraft({
      noPlan: p.effective.cadenceDays === null,
      days: p.effective.cadenceDays ?? 30,
      channel: p.effective.channel,
    });
  const submit = () => {
    if (!draft) return;
    if (!draft.noPlan && !draft.days) {
      message.error(t('customerVisitPlan.daysRequired'));
      return;
    }
    save.mutate(
      { cadenceDays: draft.noPlan ? null : draft.days, channel: draft.channel },
      {
        onSuccess: () => {
          message.success(t('customerVisitPlan.saved'));
          setDraft(null);
        },
        onError: (e) => message.error(errorText(t, e)),
      },
    );
  };

  return (
    <Card
      size="small"
      title={t('customerVisitPlan.title')}
      data-testid="visit-plan-card"
      extra={
        p &&
        editable &&
        !draft && (
          <Flex gap={8}>
            <Button size="small" onClick={start} data-testid="visit-plan-edit">
              {t('customerVisitPlan.override')}
            </Button>
            {p.override && (
              <Popconfirm
                title={t('customerVisitPlan.resetConfirm')}
                okText={t('customerVisitPlan.reset')}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  reset.mutate(undefined, {
                    onSuccess: () => message.success(t('customerVisitPlan.resetDone')),
                    onError: (e) => message.error(errorText(t, e)),
                  })
                }
              >
                <Button size="small" loading={reset.isPending} data-testid="visit-plan-reset">
                  {t('customerVisitPlan.reset')}
                </Button>
              </Popconfirm>
            )}
          </Flex>
        )
      }
    >
      {plan.error ? (
        <ErrorAlert error={plan.error} onRetry={() => void plan.refetch()} />
      ) : !p ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : draft ? (
        <Flex gap={12} wrap align="center" data-testid="visit-plan-form">
          <Checkbox
            checked={draft.noPlan}
            onChange={(e) => setDraft({ ...draft, noPlan: e.target.checked })}
            data-testid="visit-plan-none"
          >
            {t('customerVisitPlan.noPlan')}
          </Checkbox>
          <InputNumber<number>
            min={1}
            max={3650}
            precision={0}
            disabled={draft.noPlan}
            value={draft.days}
            onChange={(v) => setDraft({ ...draft, days: v })}
            addonBefore={t('customerVisitPlan.every')}
            addonAfter={t('visitPlan.days')}
            aria-label={t('customerVisitPlan.cadence')}
            data-testid="visit-plan-days"
            style={{ width: 220 }}
          />
          <Select
            allowClear
            value={draft.channel ?? undefined}
            onChange={(v?: Draft['channel']) => setDraft({ ...draft, channel: v ?? null })}
            placeholder={t('visitPlan.channel')}
            aria-label={t('visitPlan.channel')}
            options={VISIT_CHANNEL_VALUES.map((c) => ({ value: c, label: channel(c) }))}
            style={{ width: 180 }}
            data-testid="visit-plan-channel"
          />
          <Button type="primary" loading={save.isPending} onClick={submit} data-testid="visit-plan-save">
            {t('common.save')}
          </Button>
          <Button onClick={() => setDraft(null)}>{t('common.cancel')}</Button>
        </Flex>
      ) : (
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label={t('customerVisitPlan.cadence')}>
            <Flex gap={6} align="center" data-testid="visit-plan-cadence">
              {cadence(p.effective.cadenceDays)}
              <Tag color={p.effective.source === 'override' ? 'blue' : undefined}>
                {p.effective.source === 'override'
                  ? t('customerVisitPlan.sources.override')
                  : t('customerVisitPlan.sources.tier', { tier: p.tier ?? '—' })}
              </Tag>
            </Flex>
          </Descriptions.Item>
          <Descriptions.Item label={t('visitPlan.channel')}>{channel(p.effective.channel)}</Descriptions.Item>
          <Descriptions.Item label={t('customerVisitPlan.lastContacted')}>
            {fmt.date(p.lastContactedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('customerVisitPlan.nextDue')}>
            <span data-testid="visit-plan-next">{fmt.date(p.nextDueAt)}</span>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
};
