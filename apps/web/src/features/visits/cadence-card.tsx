import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  InputNumber,
  Select,
  Skeleton,
  Space,
  Table,
  Typography,
} from 'antd';
import { VISIT_CHANNEL_VALUES, type VisitCadenceSettings } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, errorText } from '../../shared/errors';
import { placeFieldErrors } from '../../shared/form-errors';
import { useSession } from '../../shared/session';
import { SETTINGS_ROLES } from '../settings/pool-settings-page';
import { useCadence, useEscalation, useSaveCadence, useSaveEscalation } from './api';

const TIERS = ['A', 'B', 'C', 'D'] as const;
type Values = VisitCadenceSettings & { delayHours: number };

/** Visit cadence per tier (days, empty: no planned visits), preferred channel, grace and escalation delay. */
export const CadenceCard = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // Senior managers keep the cadence; escalation stays with directors and administrators (decision 0025).
  const mayEscalate = SETTINGS_ROLES.includes(useSession().user.role);
  const cadence = useCadence();
  const escalation = useEscalation();
  const saveCadence = useSaveCadence();
  const saveEscalation = useSaveEscalation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (cadence.data && escalation.data) form.setFieldsValue({ ...cadence.data, ...escalation.data });
  }, [cadence.data, escalation.data, form]);

  const submit = async (v: Values) => {
    setError(null);
    const { delayHours, ...plan } = v;
    const body = {
      ...plan,
      ...Object.fromEntries(TIERS.map((k) => [k, v[k] ?? null])),
    } as VisitCadenceSettings;
    try {
      await saveCadence.mutateAsync(body);
      if (mayEscalate) await saveEscalation.mutateAsync({ delayHours });
      message.success(t('visitPlan.saved'));
    } catch (e) {
      if (!placeFieldErrors(form, e, [...TIERS, 'channels', 'graceDays', 'delayHours']))
        setError(errorText(t, e));
    }
  };

  if (cadence.error || escalation.error)
    return <ErrorAlert error={cadence.error ?? escalation.error} onRetry={() => void cadence.refetch()} />;
  if (!cadence.data || !escalation.data) return <Skeleton active />;
  return (
    <Card title={t('visitPlan.cadenceTitle')} data-testid="visit-cadence-card">
      <Typography.Paragraph type="secondary">{t('visitPlan.cadenceHint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Table
          size="small"
          pagination={false}
          rowKey="tier"
          dataSource={TIERS.map((tier) => ({ tier }))}
          style={{ marginBottom: 16, maxWidth: 560 }}
          columns={[
            { key: 'tier', title: t('visitPlan.tier'), dataIndex: 'tier', width: 80 },
            {
              key: 'days',
              title: t('visitPlan.everyDays'),
              render: (_: unknown, r: { tier: string }) => (
                <Form.Item name={r.tier} noStyle>
                  <InputNumber
                    min={1}
                    max={3650}
                    placeholder={t('visitPlan.none')}
                    suffix={t('visitPlan.days')}
                    data-testid={`cadence-${r.tier}`}
                  />
                </Form.Item>
              ),
            },
            {
              key: 'channel',
              title: t('visitPlan.channel'),
              render: (_: unknown, r: { tier: string }) => (
                <Form.Item name={['channels', r.tier]} noStyle>
                  <Select
                    style={{ width: 140 }}
                    options={VISIT_CHANNEL_VALUES.map((c) => ({
                      value: c,
                      label: t(`visitPlan.channels.${c}`),
                    }))}
                  />
                </Form.Item>
              ),
            },
          ]}
        />
        <Space size={24} wrap>
          <Form.Item label={t('visitPlan.graceDays')} name="graceDays" extra={t('visitPlan.graceHint')}>
            <InputNumber min={0} max={90} suffix={t('visitPlan.days')} />
          </Form.Item>
          <Form.Item
            label={t('visitPlan.delayHours')}
            name="delayHours"
            extra={mayEscalate ? t('visitPlan.delayHint') : t('visitPlan.delayAdminOnly')}
          >
            <InputNumber min={1} max={720} suffix={t('visitPlan.hours')} disabled={!mayEscalate} />
          </Form.Item>
        </Space>
        <div>
          <Button
            type="primary"
            htmlType="submit"
            loading={saveCadence.isPending || saveEscalation.isPending}
            data-testid="cadence-save"
          >
            {t('common.save')}
          </Button>
        </div>
      </Form>
    </Card>
  );
};
