import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { applyRebalance, rebalanceErrorText, type Move } from './api';

type Values = { reason?: string };
type Props = {
  moves: Move[];
  open: boolean;
  onClose: () => void;
  /** Called after the server moved the customers. */
  onApplied: (count: number) => void;
  /** Called when the proposal no longer matches the books. */
  onStale: () => void;
};

/** Confirms the selected moves with a required reason, then applies them. */
export const ApplyModal = ({ moves, open, onClose, onApplied, onStale }: Props) => {
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
      const r = await applyRebalance({
        moves: moves.map((m) => ({
          customerId: m.customerId,
          fromManagerId: m.fromManagerId,
          toManagerId: m.toManagerId,
        })),
        reason: (v.reason ?? '').trim(),
      });
      message.success(t('rebalance.applied', { count: r.applied }));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['users'] }),
        queryClient.invalidateQueries({ queryKey: ['customers'] }),
      ]);
      onApplied(r.applied);
    } catch (e) {
      setError(rebalanceErrorText(t, e));
      if (e instanceof ApiError && e.code === 'proposal_stale') onStale();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('rebalance.applyTitle', { count: moves.length })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('rebalance.applyOk')}
      okButtonProps={{ 'data-testid': 'rebalance-apply-confirm' } as ButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('rebalance.applyExplain', { count: moves.length })}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} name="rebalance-apply" layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          label={t('rebalance.reason')}
          name="reason"
          rules={[{ required: true, whitespace: true, message: t('rebalance.reasonRequired') }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('rebalance.reasonPlaceholder')}
            data-testid="rebalance-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
};
