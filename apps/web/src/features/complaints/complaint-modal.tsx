import { useEffect, useState } from 'react';
import { Alert, App, Col, Form, Input, Modal, Row, Select } from 'antd';
import type { ButtonProps } from 'antd';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_SEVERITY_VALUES,
  type ComplaintOut,
} from '@steward/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { placeFieldErrors } from '../../shared/form-errors';
import { CustomerSearchSelect } from '../tasks/customer-search-select';
import { complaintKeys } from './api';

type Values = {
  customerId: string;
  severity: ComplaintOut['severity'];
  category: string;
  channel: string;
  description: string;
};
type Props = {
  open: boolean;
  /** Fixed when raised from a customer's page. */
  customer?: { id: string; name: string };
  onClose: () => void;
  onCreated: (c: ComplaintOut) => void;
};
const FIELDS = ['customerId', 'severity', 'category', 'channel', 'description'];

/** Raises a complaint; the server sets its due times from the SLA policy and picks the assignee. */
export const ComplaintModal = ({ open, customer, onClose, onCreated }: Props) => {
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
      const created = await api.post<ComplaintOut>('/complaints', {
        ...v,
        customerId: customer?.id ?? v.customerId,
        description: v.description.trim(),
      });
      await queryClient.invalidateQueries({ queryKey: complaintKeys.all });
      message.success(t('complaints.created'));
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
      title={customer ? t('complaints.newFor', { name: customer.name }) : t('complaints.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'complaint-submit' } as ButtonProps}
      destroyOnHidden
      width={560}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        name="complaint"
        layout="vertical"
        initialValues={{ severity: 'medium', category: 'quality', channel: 'phone' }}
        onFinish={(v) => void submit(v)}
      >
        {!customer && (
          <Form.Item
            label={t('complaints.fields.customer')}
            name="customerId"
            rules={[{ required: true, message: t('complaints.customerRequired') }]}
          >
            <CustomerSearchSelect />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item label={t('complaints.fields.severity')} name="severity" rules={[{ required: true }]}>
              <Select
                options={COMPLAINT_SEVERITY_VALUES.map((v) => ({
                  value: v,
                  label: t(`complaints.severity.${v}`),
                }))}
                data-testid="complaint-severity"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label={t('complaints.fields.category')} name="category" rules={[{ required: true }]}>
              <Select
                options={COMPLAINT_CATEGORIES.map((v) => ({
                  value: v,
                  label: t(`complaints.category.${v}`),
                }))}
                data-testid="complaint-category"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label={t('complaints.fields.channel')} name="channel" rules={[{ required: true }]}>
              <Select
                options={COMPLAINT_CHANNELS.map((v) => ({ value: v, label: t(`complaints.channel.${v}`) }))}
                data-testid="complaint-channel"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          label={t('complaints.fields.description')}
          name="description"
          rules={[{ required: true, whitespace: true, message: t('complaints.descriptionRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={10_000} showCount data-testid="complaint-description" />
        </Form.Item>
      </Form>
    </Modal>
  );
};
