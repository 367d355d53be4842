import type { ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { Alert, Checkbox, Form, Input, Modal, Switch } from 'antd';
import { WEBHOOK_EVENT_NAMES, type WebhookOut, type WebhookWithSecret } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { placeFieldErrors } from '../../shared/form-errors';

type Values = { url: string; events: string[]; active: boolean };
const FIELDS = ['url', 'events', 'active'] as const;

/** Creates (`editing` null) or edits a webhook; a creation hands its one-time secret to `onSecret`. */
export const WebhookModal = ({
  open,
  editing,
  onClose,
  onSaved,
}: {
  open: boolean;
  editing: WebhookOut | null;
  onClose: () => void;
  onSaved: (secret: string | null) => void;
}) => {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.setFieldsValue(
      editing
        ? { url: editing.url, events: editing.events, active: editing.active }
        : { url: '', events: [], active: true },
    );
  }, [open, editing, form]);

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      if (editing) {
        await api.patch(`/webhooks/${editing.id}`, v);
        onSaved(null);
      } else {
        const created = await api.post<WebhookWithSecret>('/webhooks', v);
        onSaved(created.secret);
      }
    } catch (e) {
      if (!placeFieldErrors(form, e, FIELDS)) setError(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? t('integrations.webhooks.edit') : t('integrations.webhooks.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'webhook-submit' } as ButtonProps}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" name="webhook" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="url"
          label={t('integrations.webhooks.url')}
          rules={[
            { required: true, message: t('integrations.webhooks.urlRequired') },
            { pattern: /^https?:\/\/\S+$/i, message: t('integrations.webhooks.urlRequired') },
          ]}
        >
          <Input placeholder="https://example.com/steward-webhook" data-testid="webhook-url" />
        </Form.Item>
        <Form.Item
          name="events"
          label={t('integrations.webhooks.events')}
          rules={[{ required: true, message: t('integrations.webhooks.eventsRequired') }]}
        >
          <Checkbox.Group
            style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}
            options={WEBHOOK_EVENT_NAMES.map((e) => ({
              value: e,
              label: <span data-testid={`event-${e}`}>{t(`integrations.webhooks.eventNames.${e}`)}</span>,
            }))}
          />
        </Form.Item>
        <Form.Item name="active" label={t('integrations.webhooks.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
};
