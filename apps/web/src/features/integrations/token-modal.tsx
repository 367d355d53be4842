import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { TOKEN_CAPABILITY_NAMES, type ApiTokenCreated } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { placeFieldErrors } from '../../shared/form-errors';

type Values = { name: string; scopes: string[]; expiresAt?: Dayjs | null };
const FIELDS = ['name', 'scopes', 'expiresAt'] as const;

/** Creates a token; the caller shows the secret of the answer once. */
export const TokenModal = ({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (created: ApiTokenCreated) => void;
}) => {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const scopeOptions = [
    {
      label: t('integrations.tokens.all'),
      options: [
        { value: 'read', label: `read — ${t('integrations.tokens.all')} (${t('integrations.tokens.read')})` },
        {
          value: 'write',
          label: `write — ${t('integrations.tokens.all')} (${t('integrations.tokens.write')})`,
        },
      ],
    },
    ...TOKEN_CAPABILITY_NAMES.map((cap) => ({
      label: t(`integrations.capabilities.${cap}`),
      options: (['read', 'write'] as const).map((level) => ({
        value: `${cap}:${level}`,
        label: `${cap}:${level} — ${t(`integrations.capabilities.${cap}`)} (${t(`integrations.tokens.${level}`)})`,
      })),
    })),
  ];

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      const created = await api.post<ApiTokenCreated>('/api-tokens', {
        name: v.name,
        scopes: v.scopes,
        expiresAt: v.expiresAt ? v.expiresAt.endOf('day').toISOString() : null,
      });
      form.resetFields();
      onCreated(created);
    } catch (e) {
      if (!placeFieldErrors(form, e, FIELDS)) setError(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('integrations.tokens.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'token-submit' } as ButtonProps}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" name="api-token" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="name"
          label={t('integrations.tokens.name')}
          rules={[{ required: true, whitespace: true, message: t('integrations.tokens.nameRequired') }]}
        >
          <Input maxLength={100} data-testid="token-name" />
        </Form.Item>
        <Form.Item
          name="scopes"
          label={t('integrations.tokens.scopes')}
          extra={t('integrations.tokens.scopesHelp')}
          rules={[{ required: true, message: t('integrations.tokens.scopesRequired') }]}
        >
          <Select mode="multiple" options={scopeOptions} data-testid="token-scopes" />
        </Form.Item>
        <Form.Item name="expiresAt" label={t('integrations.tokens.expiresAt')}>
          <DatePicker placeholder={t('integrations.tokens.noExpiry')} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
};
