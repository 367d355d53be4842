import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { INTERACTION_TYPES } from '@steward/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { customerKeys } from './api';
import { fieldPath } from './customer-form-values';

type Values = { type: string; occurredAt: Dayjs; summary: string; outcome?: string; nextStep?: string };
const FIELDS = ['type', 'occurredAt', 'summary', 'outcome', 'nextStep'];

/** "Log interaction": the wall-clock time the user picks is read in the organization's time zone. */
export const InteractionForm = ({ customerId, onDone }: { customerId: string; onDone: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { tz } = useFormat();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const f = (k: string) => t(`interaction.fields.${k}`);

  const toIso = (d: Dayjs) => {
    const wall = d.format('YYYY-MM-DDTHH:mm:ss');
    return tz ? dayjs.tz(wall, tz).format() : dayjs(wall).format();
  };

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      await api.post(`/customers/${customerId}/interactions`, {
        type: v.type,
        occurredAt: toIso(v.occurredAt),
        summary: v.summary.trim(),
        outcome: v.outcome?.trim() || null,
        nextStep: v.nextStep?.trim() || null,
      });
      await queryClient.invalidateQueries({ queryKey: customerKeys.detail(customerId) });
      await queryClient.invalidateQueries({ queryKey: ['customers', 'list'] });
      message.success(t('interaction.saved'));
      form.resetFields();
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.details.length) {
        const placed = e.details.filter((d) => FIELDS.includes(String(fieldPath(d.path)[0])));
        form.setFields(placed.map((d) => ({ name: fieldPath(d.path) as never, errors: [d.message] })));
        if (placed.length < e.details.length) setError(errorText(t, e));
      } else setError(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  const now = tz ? dayjs().tz(tz) : dayjs();
  return (
    <Card size="small" title={t('interaction.logTitle')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        name="interaction"
        layout="vertical"
        initialValues={{ type: 'call', occurredAt: now }}
        onFinish={(v) => void submit(v)}
      >
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item label={f('type')} name="type" rules={[{ required: true }]}>
              <Select
                options={INTERACTION_TYPES.map((v) => ({ value: v, label: t(`interactionType.${v}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item
              label={f('occurredAt')}
              name="occurredAt"
              rules={[{ required: true, message: t('form.required', { field: f('occurredAt') }) }]}
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              label={f('summary')}
              name="summary"
              rules={[
                { required: true, whitespace: true, message: t('form.required', { field: f('summary') }) },
              ]}
            >
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={f('outcome')} name="outcome">
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={f('nextStep')} name="nextStep">
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="interaction-submit">
          {t('interaction.submit')}
        </Button>
      </Form>
    </Card>
  );
};
