import { useEffect, useState } from 'react';
import { Alert, App, Checkbox, Col, DatePicker, Form, Input, Modal, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ContactOut } from '@steward/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { customerKeys } from './api';
import { fieldPath } from './customer-form-values';

type Values = {
  name?: string;
  position?: string;
  phone?: string;
  email?: string;
  wechat?: string;
  birthday?: Dayjs | null;
  preferences?: string;
  isPrimary?: boolean;
};

const FIELDS = ['name', 'position', 'phone', 'email', 'wechat', 'birthday', 'preferences', 'isPrimary'];
const blank = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

type Props = {
  customerId: string;
  contact: ContactOut | null;
  open: boolean;
  masked: boolean;
  onClose: () => void;
};

export const ContactModal = ({ customerId, contact, open, masked, onClose }: Props) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const f = (k: string) => t(`contact.fields.${k}`);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (contact) {
      form.setFieldsValue({
        ...contact,
        position: contact.position ?? '',
        phone: contact.phone ?? '',
        email: contact.email ?? '',
        wechat: contact.wechat ?? '',
        preferences: contact.preferences ?? '',
        birthday: contact.birthday ? dayjs(contact.birthday) : null,
      });
    }
  }, [open, contact, form]);

  const submit = async (v: Values) => {
    const body: Record<string, unknown> = {
      name: v.name?.trim(),
      position: blank(v.position),
      phone: blank(v.phone),
      email: blank(v.email),
      wechat: blank(v.wechat),
      birthday: v.birthday ? v.birthday.format('YYYY-MM-DD') : null,
      preferences: blank(v.preferences),
      isPrimary: Boolean(v.isPrimary),
    };
    if (contact && masked) {
      // Never write masked values back.
      if (body.phone === contact.phone) delete body.phone;
      if (body.email === contact.email) delete body.email;
    }
    setSaving(true);
    setError(null);
    try {
      if (contact) await api.patch(`/customers/${customerId}/contacts/${contact.id}`, body);
      else await api.post(`/customers/${customerId}/contacts`, body);
      await queryClient.invalidateQueries({ queryKey: customerKeys.detail(customerId) });
      message.success(t('contact.saved'));
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.details.length) {
        const placed = e.details.filter((d) => FIELDS.includes(String(fieldPath(d.path)[0])));
        form.setFields(placed.map((d) => ({ name: fieldPath(d.path) as never, errors: [d.message] })));
        if (placed.length < e.details.length)
          setError(e.details.map((d) => `${d.path}: ${d.message}`).join('; '));
      } else setError(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  const half = { xs: 24, sm: 12 };
  return (
    <Modal
      open={open}
      title={contact ? t('contact.editTitle') : t('contact.newTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
      width={640}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} name="contact" layout="vertical" onFinish={(v) => void submit(v)}>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item
              label={f('name')}
              name="name"
              rules={[
                { required: true, whitespace: true, message: t('form.required', { field: f('name') }) },
              ]}
            >
              <Input maxLength={100} autoFocus />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={f('position')} name="position">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={f('phone')} name="phone">
              <Input maxLength={40} inputMode="tel" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              label={f('email')}
              name="email"
              rules={[{ type: 'email', message: t('form.invalidEmail') }]}
            >
              <Input maxLength={254} inputMode="email" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={f('wechat')} name="wechat">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={f('birthday')} name="birthday">
              <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={f('preferences')} name="preferences">
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="isPrimary" valuePropName="checked">
              <Checkbox>{f('isPrimary')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
};
