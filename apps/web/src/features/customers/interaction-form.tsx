import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Divider, Form, Input, Rate, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { INTERACTION_TYPES, type TaskOut } from '@steward/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Page } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { customerKeys } from './api';
import { fieldPath } from './customer-form-values';

type Values = {
  type: string;
  occurredAt: Dayjs;
  summary: string;
  outcome?: string;
  nextStep?: string;
  taskId?: string | null;
  satisfaction?: number;
  needsRaised?: string[];
  problemsRaised?: string[];
};
const FIELDS = ['type', 'occurredAt', 'summary', 'outcome', 'nextStep', 'taskId', 'feedback'];

/** The visit feedback of the form, or null when none was given. */
const feedbackOf = (v: Values) => {
  const fb = {
    ...(v.satisfaction ? { satisfaction: v.satisfaction } : {}),
    ...(v.needsRaised?.length ? { needsRaised: v.needsRaised.map((x) => x.trim()).filter(Boolean) } : {}),
    ...(v.problemsRaised?.length
      ? { problemsRaised: v.problemsRaised.map((x) => x.trim()).filter(Boolean) }
      : {}),
  };
  return Object.keys(fb).length ? fb : null;
};

/** The customer's open tasks, which logging an interaction can complete. */
const useOpenTasks = (customerId: string) =>
  useQuery({
    queryKey: ['tasks', 'open-of-customer', customerId],
    queryFn: () =>
      api.get<Page<TaskOut>>('/tasks', { customerId, status: ['open', 'in_progress'], limit: 50 }),
  });

/** "Log interaction": the wall-clock time the user picks is read in the organization's time zone. */
export const InteractionForm = ({
  customerId,
  onDone,
  taskId,
  defaultType = 'call',
}: {
  customerId: string;
  onDone: () => void;
  /** The task this interaction completes (e.g. the planned visit it was opened from). */
  taskId?: string;
  defaultType?: string;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { tz } = useFormat();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const f = (k: string) => t(`interaction.fields.${k}`);
  const openTasks = useOpenTasks(customerId);

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
        taskId: v.taskId || null,
        feedback: feedbackOf(v),
      });
      await queryClient.invalidateQueries({ queryKey: customerKeys.detail(customerId) });
      if (v.taskId) {
        await queryClient.invalidateQueries({ queryKey: ['tasks'] });
        await queryClient.invalidateQueries({ queryKey: ['agenda'] });
      }
      await queryClient.invalidateQueries({ queryKey: ['customers', 'list'] });
      message.success(t('interaction.saved'));
      form.resetFields();
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.details.length) {
        const field = (path: string) => {
          const p = fieldPath(path);
          return p[0] === 'feedback' ? p.slice(1) : p;
        };
        const placed = e.details.filter((d) => FIELDS.includes(String(fieldPath(d.path)[0])));
        form.setFields(placed.map((d) => ({ name: field(d.path) as never, errors: [d.message] })));
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
        initialValues={{ type: defaultType, occurredAt: now, taskId: taskId ?? null }}
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
        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          {t('visitFeedback.section')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              label={t('visitFeedback.completeTask')}
              name="taskId"
              extra={t('visitFeedback.completeHint')}
            >
              <Select
                allowClear
                data-testid="interaction-task"
                placeholder={t('visitFeedback.noTask')}
                loading={openTasks.isPending}
                options={(openTasks.data?.data ?? []).map((x) => ({
                  value: x.id,
                  label: `${t(`taskType.${x.type}`)} · ${x.title}`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('visitFeedback.satisfaction')} name="satisfaction">
              <Rate data-testid="interaction-satisfaction" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('visitFeedback.needsRaised')} name="needsRaised">
              <Select
                mode="tags"
                data-testid="interaction-needs"
                placeholder={t('visitFeedback.tagsPlaceholder')}
                tokenSeparators={[',', '，']}
                open={false}
                suffixIcon={null}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('visitFeedback.problemsRaised')} name="problemsRaised">
              <Select
                mode="tags"
                data-testid="interaction-problems"
                placeholder={t('visitFeedback.tagsPlaceholder')}
                tokenSeparators={[',', '，']}
                open={false}
                suffixIcon={null}
              />
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
