import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import type { CustomerOut } from '@steward/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { fieldPath } from './customer-form-values';

type Values = { reason?: string };
type Props = {
  customer: CustomerOut;
  open: boolean;
  onClose: () => void;
  /** Called after the customer went back to the pool. */
  onReleased: (c: CustomerOut) => void;
};

/** Returns a customer to the public pool, with a reason. */
export const ReleaseModal = ({ customer, open, onClose, onReleased }: Props) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
  }, [open, form]);

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      const saved = await api.post<CustomerOut>(`/customers/${customer.id}/release`, {
        reason: v.reason?.trim(),
      });
      await queryClient.invalidateQueries({ queryKey: ['pool'] });
      message.success(t('release.done', { name: customer.name }));
      onReleased(saved);
    } catch (e) {
      const reasonError =
        e instanceof ApiError && e.status === 400
          ? e.details.find((d) => fieldPath(d.path)[0] === 'reason')
          : undefined;
      if (reasonError) form.setFields([{ name: 'reason', errors: [reasonError.message] }]);
      else setError(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('release.title', { name: customer.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('release.confirm')}
      okButtonProps={{ danger: true, 'data-testid': 'release-submit' } as ButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('release.explain')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} name="release" layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          label={t('release.reason')}
          name="reason"
          rules={[{ required: true, whitespace: true, message: t('release.reasonRequired') }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('release.reasonPlaceholder')}
            data-testid="release-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
};
