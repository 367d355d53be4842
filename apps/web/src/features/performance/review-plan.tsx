import { Button, DatePicker, Form, Input, Select, Space, Tooltip } from 'antd';
import { DeleteOutlined, HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

const STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;

/** The improvement-plan items of a review form: text, owner, due date, status. */
export const ReviewPlanFields = ({
  owners,
  disabled,
}: {
  owners: { value: string; label: string }[];
  disabled: boolean;
}) => {
  const { t } = useTranslation();
  return (
    <Form.List name="plan">
      {(fields, { add, remove }) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          {fields.map((f) => (
            <Space key={f.key} align="start" wrap data-testid="plan-item">
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) =>
                  getFieldValue(['plan', f.name, 'carriedFrom']) ? (
                    <Tooltip title={t('perfReviews.carried')}>
                      <HistoryOutlined style={{ marginTop: 8 }} />
                    </Tooltip>
                  ) : null
                }
              </Form.Item>
              <Form.Item
                name={[f.name, 'text']}
                rules={[{ required: true, message: t('perfReviews.required') }]}
                style={{ marginBottom: 0 }}
              >
                <Input
                  placeholder={t('perfReviews.itemText')}
                  style={{ width: 280 }}
                  disabled={disabled}
                  data-testid="plan-text"
                />
              </Form.Item>
              <Form.Item
                name={[f.name, 'ownerId']}
                rules={[{ required: true, message: t('perfReviews.required') }]}
                style={{ marginBottom: 0 }}
              >
                <Select
                  placeholder={t('perfReviews.owner')}
                  options={owners}
                  style={{ width: 160 }}
                  disabled={disabled}
                />
              </Form.Item>
              <Form.Item
                name={[f.name, 'dueDate']}
                rules={[{ required: true, message: t('perfReviews.required') }]}
                style={{ marginBottom: 0 }}
              >
                <DatePicker
                  placeholder={t('perfReviews.dueDate')}
                  disabled={disabled}
                  data-testid="plan-due"
                />
              </Form.Item>
              <Form.Item name={[f.name, 'status']} style={{ marginBottom: 0 }}>
                <Select
                  style={{ width: 120 }}
                  disabled={disabled}
                  options={STATUSES.map((s) => ({ value: s, label: t(`perfReviews.planStatus.${s}`) }))}
                />
              </Form.Item>
              {!disabled && (
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => remove(f.name)}
                  aria-label={t('common.delete')}
                />
              )}
            </Space>
          ))}
          {!disabled && (
            <Button
              icon={<PlusOutlined />}
              onClick={() => add({ status: 'open', ownerId: owners[0]?.value })}
              data-testid="plan-add"
            >
              {t('perfReviews.addItem')}
            </Button>
          )}
        </Space>
      )}
    </Form.List>
  );
};
