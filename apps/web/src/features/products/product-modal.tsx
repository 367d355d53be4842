import type { ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { Alert, AutoComplete, Flex, Form, Input, InputNumber, Modal, Switch } from 'antd';
import type { ProductOut } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { placeFieldErrors } from '../../shared/form-errors';
import { useSession } from '../../shared/session';

type Values = {
  code: string;
  name: string;
  category: string;
  unitPrice: number;
  currency: string;
  unit: string;
  description?: string;
  active: boolean;
};
const FIELDS = [
  'code',
  'name',
  'category',
  'unitPrice',
  'currency',
  'unit',
  'description',
  'active',
] as const;
const UNITS = ['台', '套', '次', '件', '个', '年'];

/** Creates (`editing` null) or edits a product of the catalog. */
export const ProductModal = ({
  open,
  editing,
  categories,
  onClose,
  onSaved,
}: {
  open: boolean;
  editing: ProductOut | null;
  categories: string[];
  onClose: () => void;
  onSaved: () => void;
}) => {
  const { t } = useTranslation();
  const me = useSession();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      editing
        ? { ...editing, description: editing.description ?? '' }
        : { currency: me.organization.currency, active: true, unit: '' },
    );
  }, [open, editing, form, me.organization.currency]);

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    const body = { ...v, description: v.description?.trim() ? v.description : null };
    try {
      if (editing) await api.patch(`/products/${editing.id}`, body);
      else await api.post('/products', body);
      onSaved();
    } catch (e) {
      if (!placeFieldErrors(form, e, FIELDS)) setError(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  const required = { required: true, whitespace: true, message: t('products.required') };
  return (
    <Modal
      open={open}
      title={editing ? t('products.edit') : t('products.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'product-submit' } as ButtonProps}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" name="product" onFinish={(v) => void submit(v)}>
        <Form.Item name="code" label={t('products.code')} rules={[required]} extra={t('products.codeHelp')}>
          <Input maxLength={50} data-testid="product-code" />
        </Form.Item>
        <Form.Item name="name" label={t('products.name')} rules={[required]}>
          <Input maxLength={200} data-testid="product-name" />
        </Form.Item>
        <Form.Item name="category" label={t('products.category')} rules={[required]}>
          <AutoComplete
            options={categories.map((c) => ({ value: c }))}
            filterOption={(input, o) => String(o?.value ?? '').includes(input)}
            maxLength={100}
            data-testid="product-category"
          />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item
            name="unitPrice"
            label={t('products.unitPrice')}
            rules={[{ required: true, message: t('products.required') }]}
            style={{ flex: 1 }}
          >
            <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="product-price" />
          </Form.Item>
          <Form.Item
            name="currency"
            label={t('products.currency')}
            rules={[{ required: true, pattern: /^[A-Z]{3}$/, message: t('products.currencyHelp') }]}
            style={{ width: 110 }}
          >
            <Input maxLength={3} data-testid="product-currency" />
          </Form.Item>
          <Form.Item name="unit" label={t('products.unit')} rules={[required]} style={{ width: 120 }}>
            <AutoComplete
              options={UNITS.map((u) => ({ value: u }))}
              maxLength={20}
              data-testid="product-unit"
            />
          </Form.Item>
        </Flex>
        <Form.Item name="description" label={t('products.description')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="active" label={t('products.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
};
