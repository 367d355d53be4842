import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Skeleton,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { CARE_OCCASION_VALUES, type CareSettingsBody, type CareSettingsOut } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, errorText } from '../../shared/errors';
import { placeFieldErrors } from '../../shared/form-errors';
import { useCare, useSaveCare } from './api';

type HolidayRow = { code: string; name_zh: string; name_en: string; dates: string };
type Values = Omit<CareSettingsBody, 'holidays'> & { holidays: HolidayRow[] };

/** "2026-02-17, 2027-02-06" ⇄ {"2026": "2026-02-17", …}: one date per year. */
const datesText = (dates: Record<string, string>) => Object.values(dates).sort().join(', ');
const datesOf = (text: string) =>
  Object.fromEntries(
    text
      .split(/[,，\s]+/)
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.slice(0, 4), d]),
  );
const toValues = (s: CareSettingsOut): Values => ({
  ...s,
  holidays: s.holidays.map((h) => ({ ...h, dates: datesText(h.dates) })),
});

/** Care reminders: days ahead, holiday calendar, which tiers get holiday care, and message templates. */
export const CareCard = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const care = useCare();
  const save = useSaveCare();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (care.data) form.setFieldsValue(toValues(care.data));
  }, [care.data, form]);

  const submit = async (v: Values) => {
    setError(null);
    try {
      await save.mutateAsync({
        ...v,
        holidays: (v.holidays ?? []).map((h) => ({ ...h, dates: datesOf(h.dates ?? '') })),
      });
      message.success(t('careSettings.saved'));
    } catch (e) {
      if (!placeFieldErrors(form, e, ['daysAhead', 'holidayTiers', 'templates'])) setError(errorText(t, e));
    }
  };

  if (care.error) return <ErrorAlert error={care.error} onRetry={() => void care.refetch()} />;
  if (!care.data) return <Skeleton active />;
  return (
    <Card title={t('careSettings.title')} data-testid="care-card">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Row gutter={24}>
          <Col xs={24} sm={8}>
            <Form.Item
              label={t('careSettings.daysAhead')}
              name="daysAhead"
              extra={t('careSettings.daysAheadHint')}
            >
              <InputNumber min={0} max={60} suffix={t('visitPlan.days')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item
              label={t('careSettings.holidayTiers')}
              name="holidayTiers"
              extra={t('careSettings.holidayTiersHint')}
            >
              <Checkbox.Group options={['A', 'B', 'C', 'D'].map((x) => ({ value: x, label: x }))} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('careSettings.holidays')}</Typography.Title>
        <Form.List name="holidays">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8} style={{ marginBottom: 16 }}>
              {fields.map((field) => (
                <Row key={field.key} gutter={8} align="top">
                  <Col xs={24} sm={4}>
                    <Form.Item
                      name={[field.name, 'code']}
                      rules={[{ required: true, message: t('careSettings.required') }]}
                    >
                      <Input placeholder={t('careSettings.code')} aria-label={t('careSettings.code')} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={4}>
                    <Form.Item
                      name={[field.name, 'name_zh']}
                      rules={[{ required: true, message: t('careSettings.required') }]}
                    >
                      <Input placeholder={t('careSettings.nameZh')} aria-label={t('careSettings.nameZh')} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={5}>
                    <Form.Item
                      name={[field.name, 'name_en']}
                      rules={[{ required: true, message: t('careSettings.required') }]}
                    >
                      <Input placeholder={t('careSettings.nameEn')} aria-label={t('careSettings.nameEn')} />
                    </Form.Item>
                  </Col>
                  <Col xs={20} sm={10}>
                    <Form.Item
                      name={[field.name, 'dates']}
                      rules={[
                        { pattern: /^(\d{4}-\d{2}-\d{2}[,，\s]*)*$/, message: t('careSettings.datesFormat') },
                      ]}
                    >
                      <Input placeholder={t('careSettings.dates')} aria-label={t('careSettings.dates')} />
                    </Form.Item>
                  </Col>
                  <Col xs={4} sm={1}>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('common.delete')}
                      onClick={() => remove(field.name)}
                    />
                  </Col>
                </Row>
              ))}
              <div>
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ code: '', name_zh: '', name_en: '', dates: '' })}
                >
                  {t('careSettings.addHoliday')}
                </Button>
              </div>
            </Flex>
          )}
        </Form.List>
        <Typography.Title level={5}>{t('careSettings.templates')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('careSettings.placeholders')}</Typography.Paragraph>
        {CARE_OCCASION_VALUES.map((o) => (
          <Row key={o} gutter={8}>
            <Col xs={24} sm={8}>
              <Form.Item
                label={t(`careSettings.occasions.${o}`)}
                name={['templates', o, 'title']}
                rules={[{ required: true, message: t('careSettings.required') }]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={16}>
              <Form.Item label={t('careSettings.message')} name={['templates', o, 'message']}>
                <Input maxLength={2000} />
              </Form.Item>
            </Col>
          </Row>
        ))}
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="care-save">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
};
