import { useEffect, useState } from 'react';
import { Alert, App, Form, Modal, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { useUsers } from '../customers/api';
import { poolKeys, useTeams, type PoolPolicy } from '../pool/api';
import { LimitFields, limitBody, limitValues, type LimitValues } from './limit-fields';

type Values = LimitValues & { scope?: 'team' | 'user'; scopeId?: string };
type Props = { open: boolean; policy: PoolPolicy | null; onClose: () => void };

/** Adds or edits the pool limits of one team or one person. */
export const PolicyModal = ({ open, policy, onClose }: Props) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const teams = useTeams();
  const users = useUsers();
  const [form] = Form.useForm<Values>();
  const scope = Form.useWatch('scope', form);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (policy && policy.scope !== 'organization')
      form.setFieldsValue({
        scope: policy.scope,
        scopeId: policy.scopeId ?? undefined,
        ...limitValues(policy),
      });
    else form.setFieldsValue({ scope: 'team' });
  }, [open, policy, form]);

  const targets =
    scope === 'user'
      ? (users.data?.data ?? [])
          .filter((u) => u.status !== 'departed')
          .map((u) => ({
            value: u.id,
            label: `${u.name} · ${t(`roles.${u.role}`, { defaultValue: u.role })}`,
          }))
      : (teams.data?.data ?? []).map((x) => ({ value: x.id, label: x.name }));

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      await api.put('/pool/policies', { scope: v.scope, scopeId: v.scopeId, ...limitBody(v) });
      await queryClient.invalidateQueries({ queryKey: poolKeys.all });
      message.success(t('poolSettings.saved'));
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.details.length) {
        form.setFields(e.details.map((d) => ({ name: d.path.split('.')[0] as never, errors: [d.message] })));
      } else setError(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={policy ? t('poolSettings.editRule') : t('poolSettings.addRule')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
      width={600}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} name="pool-policy" layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item label={t('poolSettings.scope')} name="scope" rules={[{ required: true }]}>
          <Select
            disabled={Boolean(policy)}
            onChange={() => form.setFieldValue('scopeId', undefined)}
            options={[
              { value: 'team', label: t('poolSettings.scopes.team') },
              { value: 'user', label: t('poolSettings.scopes.user') },
            ]}
            data-testid="policy-scope"
          />
        </Form.Item>
        <Form.Item
          label={scope === 'user' ? t('poolSettings.scopes.user') : t('poolSettings.scopes.team')}
          name="scopeId"
          rules={[{ required: true, message: t('poolSettings.targetRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            disabled={Boolean(policy)}
            options={targets}
            loading={scope === 'user' ? users.isPending : teams.isPending}
            placeholder={t('poolSettings.targetPlaceholder')}
            data-testid="policy-target"
          />
        </Form.Item>
        <LimitFields prefix="policy" />
      </Form>
    </Modal>
  );
};
