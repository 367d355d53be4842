import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, Modal, Skeleton, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import type { HandoverOut, UserProfile } from '@steward/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { ErrorAlert, errorText } from '../../shared/errors';
import { placeFieldErrors } from '../../shared/form-errors';
import { useUsers } from '../customers/api';
import { teamKeys, useHandoverPreview } from './api';

type Props = { user: UserProfile; open: boolean; onClose: () => void };

/** Shows where a leaver's customers would go by the rules, and deactivates them with a reason. */
export const DeactivateModal = ({ user, open, onClose }: Props) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const preview = useHandoverPreview(user.id, open);
  const users = useUsers();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
  }, [open, form]);

  const nameOf = (id: string) =>
    (users.data?.data ?? []).find((u) => u.id === id)?.name ?? t('deactivate.unknownPerson');
  const byManager = new Map<string, number>();
  for (const p of preview.data?.plan ?? [])
    if (p.managerId) byManager.set(p.managerId, (byManager.get(p.managerId) ?? 0) + 1);
  const toPool = (preview.data?.plan ?? []).filter((p) => !p.managerId).length;

  const submit = async (v: { reason: string }) => {
    setSaving(true);
    setError(null);
    try {
      const r = await api.post<HandoverOut>(`/users/${user.id}/deactivate`, {
        mode: 'rule',
        reason: v.reason.trim(),
      });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: teamKeys.users }),
        queryClient.invalidateQueries({ queryKey: ['customers'] }),
        queryClient.invalidateQueries({ queryKey: ['tasks'] }),
      ]);
      message.success(t('deactivate.done', { moved: r.moved, toPool: r.toPool, tasks: r.tasksMoved }));
      onClose();
    } catch (e) {
      if (!placeFieldErrors(form, e, ['reason'])) setError(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('deactivate.title', { name: user.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('deactivate.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={
        { danger: true, disabled: !preview.data, 'data-testid': 'deactivate-submit' } as ButtonProps
      }
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('deactivate.explain')}</Typography.Paragraph>
      <div data-testid="handover-preview" style={{ marginBottom: 16 }}>
        {preview.error ? (
          <ErrorAlert error={preview.error} onRetry={() => void preview.refetch()} />
        ) : preview.isPending ? (
          <Skeleton
            active
            title={false}
            paragraph={{ rows: 2 }}
            aria-label={t('deactivate.previewLoading')}
          />
        ) : preview.data.plan.length === 0 ? (
          <Alert type="info" showIcon title={t('deactivate.nothing')} />
        ) : (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {[...byManager.entries()].map(([id, n]) => (
              <li key={id}>{t('deactivate.toWhom', { name: nameOf(id), count: n })}</li>
            ))}
            {toPool > 0 && <li>{t('deactivate.toPool', { count: toPool })}</li>}
          </ul>
        )}
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<{ reason: string }>
        form={form}
        name="deactivate"
        layout="vertical"
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          label={t('deactivate.reason')}
          name="reason"
          rules={[{ required: true, whitespace: true, message: t('deactivate.reasonRequired') }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('deactivate.reasonPlaceholder')}
            data-testid="deactivate-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
};
