import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, Modal, Radio } from 'antd';
import type { ButtonProps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/errors';
import { resolveAlert, valueKeys } from './api';

type Values = { outcome?: 'retained' | 'lost'; note?: string };

/** Records the outcome of a churn alert with a note; the server closes the retention task. */
export const ResolveAlertModal = ({
  alert,
  onClose,
}: {
  alert: { id: string; customerName: string } | null;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!alert) return;
    setError(null);
    form.resetFields();
  }, [alert, form]);

  const submit = async (v: Values) => {
    if (!alert || !v.outcome) return;
    setSaving(true);
    setError(null);
    try {
      await resolveAlert(alert.id, { outcome: v.outcome, note: (v.note ?? '').trim() });
      message.success(t('valueInsights.resolve.done'));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: valueKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['tasks'] }),
      ]);
      onClose();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={alert !== null}
      title={t('valueInsights.resolve.title', { name: alert?.customerName ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('valueInsights.resolve.ok')}
      okButtonProps={{ 'data-testid': 'resolve-confirm' } as ButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} name="resolve-alert" layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          label={t('valueInsights.resolve.outcome')}
          name="outcome"
          rules={[{ required: true, message: t('valueInsights.resolve.outcomeRequired') }]}
        >
          <Radio.Group data-testid="resolve-outcome">
            <Radio value="retained" data-testid="resolve-retained">
              {t('valueInsights.status.retained')}
            </Radio>
            <Radio value="lost" data-testid="resolve-lost">
              {t('valueInsights.status.lost')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          label={t('valueInsights.resolve.note')}
          name="note"
          rules={[{ required: true, whitespace: true, message: t('valueInsights.resolve.noteRequired') }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={2000}
            placeholder={t('valueInsights.resolve.notePlaceholder')}
            data-testid="resolve-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
};
