import { DatePicker, Form, Input, InputNumber, Select, Switch } from 'antd';
import type { CustomFieldDefOut } from '@steward/contracts';
import { useTranslation } from 'react-i18next';

/** One custom field as a labelled form item, stored under customFields.<key>. */
export const CustomFieldItem = ({ def }: { def: CustomFieldDefOut }) => {
  const { t, i18n } = useTranslation();
  const label = i18n.language === 'en-US' ? def.labelEn : def.labelZh;
  const rules = def.required ? [{ required: true, message: t('form.required', { field: label }) }] : [];
  const name = ['customFields', def.key];

  switch (def.type) {
    case 'number':
      return (
        <Form.Item label={label} name={name} rules={rules}>
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
      );
    case 'date':
      return (
        <Form.Item label={label} name={name} rules={rules}>
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
        </Form.Item>
      );
    case 'boolean':
      return (
        <Form.Item label={label} name={name} rules={rules} valuePropName="checked">
          <Switch />
        </Form.Item>
      );
    case 'select':
      return (
        <Form.Item label={label} name={name} rules={rules}>
          <Select allowClear options={(def.options ?? []).map((o) => ({ value: o, label: o }))} />
        </Form.Item>
      );
    default:
      return (
        <Form.Item label={label} name={name} rules={rules}>
          <Input maxLength={500} />
        </Form.Item>
      );
  }
};
