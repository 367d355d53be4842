import { Col, Divider, Form, Input, Row, Select } from 'antd';
import type { CustomFieldDefOut } from '@steward/contracts';
import { CUSTOMER_TYPES, STAGES, TIERS } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { CustomFieldItem } from './custom-field-input';

const half = { xs: 24, sm: 12 };

export const CustomerFormFields = ({ customFields }: { customFields: CustomFieldDefOut[] }) => {
  const { t } = useTranslation();
  const f = (k: string) => t(`customer.fields.${k}`);
  const tagsSelect = (
    <Select
      mode="tags"
      tokenSeparators={[',', '，']}
      open={false}
      suffixIcon={null}
      placeholder={t('form.tagsHint')}
    />
  );

  return (
    <>
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item
            label={f('name')}
            name="name"
            rules={[{ required: true, whitespace: true, message: t('form.required', { field: f('name') }) }]}
          >
            <Input maxLength={200} autoFocus />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={f('type')} name="type">
            <Select options={CUSTOMER_TYPES.map((v) => ({ value: v, label: t(`customerType.${v}`) }))} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={f('industry')} name="industry">
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={f('size')} name="size">
            <Input maxLength={50} placeholder={t('form.sizeHint')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={f('region')} name="region">
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label={f('address')} name="address">
            <Input maxLength={300} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={f('source')} name="source">
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={f('tier')} name="tier">
            <Select
              allowClear
              options={TIERS.map((v) => ({ value: v, label: v }))}
              placeholder={t('customer.noTier')}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={f('stage')} name="stage">
            <Select options={STAGES.map((v) => ({ value: v, label: t(`stage.${v}`) }))} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={f('tags')} name="tags">
            {tagsSelect}
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={f('phone')} name="phone">
            <Input maxLength={40} inputMode="tel" autoComplete="off" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            label={f('email')}
            name="email"
            rules={[{ type: 'email', message: t('form.invalidEmail') }]}
          >
            <Input maxLength={254} inputMode="email" autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start">{t('customer.sections.needs')}</Divider>
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item label={f('productInterests')} name={['needs', 'productInterests']}>
            <Select
              mode="tags"
              tokenSeparators={[',', '，']}
              open={false}
              suffixIcon={null}
              placeholder={t('form.tagsHint')}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={f('preferredChannel')} name={['needs', 'preferredChannel']}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={f('preferredTime')} name={['needs', 'preferredTime']}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label={f('notes')} name={['needs', 'notes']}>
            <Input.TextArea rows={3} maxLength={4000} showCount />
          </Form.Item>
        </Col>
      </Row>
      {customFields.length > 0 && (
        <>
          <Divider titlePlacement="start">{t('customer.sections.customFields')}</Divider>
          <Row gutter={16}>
            {customFields.map((def) => (
              <Col {...half} key={def.key}>
                <CustomFieldItem def={def} />
              </Col>
            ))}
          </Row>
        </>
      )}
    </>
  );
};
