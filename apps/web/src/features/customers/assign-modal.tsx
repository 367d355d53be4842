import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import type { CustomerOut } from '@steward/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { customerKeys, useUsers } from './api';
import { fieldPath } from './customer-form-values';

type Values = { managerId?: string; reason?: string };
type Props = { customer: CustomerOut; open: boolean; onClose: () => void };

const OWNER_ROLES = ['manager', 'team_lead'];
const FIELDS = ['managerId', 'reason'];
const RULE_CODES = ['capacity_exceeded', 'owner_inactive'];

/** Gives a customer to a chosen account manager, with a reason (team leads, directors, admins). */
export const AssignModal = ({ customer, open, onClose }: Props) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const users = useUsers();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ title: string; description?: string } | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
  }, [open, form]);

  const options = (users.data?.data ?? [])
    .filter((u) => u.status === 'active' && OWNER_ROLES.includes(u.role) && u.id !== customer.ownerId)
    .map((u) => ({ value: u.id, label: `${u.name} · ${t(`roles.${u.role}`, { defaultValue: u.role })}` }));

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      const saved = await api.post<CustomerOut>(`/customers/${customer.id}/assign`, {
        managerId: v.managerId,
        reason: v.reason?.trim(),
      });
      queryClient.setQueryData(customerKeys.detail(customer.id), saved);
      await queryClient.invalidateQueries({ queryKey: customerKeys.all });
      await queryClient.invalidateQueries({ queryKey: ['pool'] });
      message.success(t('assign.done', { name: saved.ownerName ?? '' }));
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.details.length) {
        const placed = e.details.filter((d) => FIELDS.includes(String(fieldPath(d.path)[0])));
        form.setFields(placed.map((d) => ({ name: fieldPath(d.path) as never, errors: [d.message] })));
        if (placed.length < e.details.length) setError({ title: errorText(t, e) });
      } else if (e instanceof ApiError && RULE_CODES.includes(e.code)) {
        setError({ title: t(`assign.errors.${e.code}`), description: e.message });
      } else setError({ title: errorText(t, e) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('assign.title', { name: customer.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('assign.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'assign-submit' } as ButtonProps}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('assign.explain', { owner: customer.ownerName ?? t('customer.publicPool') })}
      </Typography.Paragraph>
      {error && (
        <Alert
          type="error"
          showIcon
          title={error.title}
          description={error.description}
          style={{ marginBottom: 16 }}
          data-testid="assign-error"
        />
      )}
      <Form<Values> form={form} name="assign" layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          label={t('assign.manager')}
          name="managerId"
          rules={[{ required: true, message: t('assign.managerRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('assign.managerPlaceholder')}
            options={options}
            loading={users.isPending}
            notFoundContent={users.error ? errorText(t, users.error) : t('assign.noManagers')}
            data-testid="assign-manager"
          />
        </Form.Item>
        <Form.Item
          label={t('assign.reason')}
          name="reason"
          rules={[{ required: true, whitespace: true, message: t('assign.reasonRequired') }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('assign.reasonPlaceholder')}
            data-testid="assign-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
};
