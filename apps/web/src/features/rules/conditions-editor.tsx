import { Button, Flex, Form, Input, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { TIERS } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { BASE_FIELDS, OPS } from './api';
import { fieldName, type FieldLabels } from './condition-text';

export type ConditionValues = { field: string; op: (typeof OPS)[number]; value?: string; values?: string[] };

type Props = { labels: FieldLabels };

/** Edits a rule's conditions: one row per field, operator and value(s); all must hold. */
export const ConditionsEditor = ({ labels }: Props) => {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const fields = [...BASE_FIELDS, ...Object.keys(labels).map((k) => `customFields.${k}`)];
  const fieldOptions = fields.map((f) => ({ value: f, label: fieldName(t, labels, f) }));
  const tierOptions = TIERS.map((x) => ({ value: x, label: x }));

  return (
    <Form.List name="conditions">
      {(rows, { add, remove }) => (
        <Flex vertical gap={8} data-testid="rule-conditions">
          {rows.map(({ key, name }) => (
            <Form.Item key={key} noStyle shouldUpdate>
              {() => {
                const field = form.getFieldValue(['conditions', name, 'field']) as string | undefined;
                const op = form.getFieldValue(['conditions', name, 'op']) as
                  ConditionValues['op'] | undefined;
                const isTier = field === 'tier';
                return (
                  <Flex gap={8} align="flex-start" wrap>
                    <Form.Item
                      name={[name, 'field']}
                      rules={[{ required: true, message: t('rules.conditionField') }]}
                      style={{ marginBottom: 0, width: 170 }}
                    >
                      <Select
                        options={fieldOptions}
                        aria-label={t('rules.conditionField')}
                        placeholder={t('rules.conditionField')}
                      />
                    </Form.Item>
                    <Form.Item name={[name, 'op']} style={{ marginBottom: 0, width: 110 }}>
                      <Select
                        options={OPS.map((o) => ({ value: o, label: t(`rules.ops.${o}`) }))}
                        aria-label={t('rules.conditionOp')}
                      />
                    </Form.Item>
                    {op === 'equals' && (
                      <Form.Item
                        name={[name, 'value']}
                        rules={[{ required: true, whitespace: true, message: t('rules.valueRequired') }]}
                        style={{ marginBottom: 0, flex: 1, minWidth: 140 }}
                      >
                        {isTier ? (
                          <Select options={tierOptions} aria-label={t('rules.conditionValue')} />
                        ) : (
                          <Input
                            aria-label={t('rules.conditionValue')}
                            placeholder={t('rules.conditionValue')}
                          />
                        )}
                      </Form.Item>
                    )}
                    {op === 'in' && (
                      <Form.Item
                        name={[name, 'values']}
                        rules={[{ required: true, type: 'array', min: 1, message: t('rules.valueRequired') }]}
                        style={{ marginBottom: 0, flex: 1, minWidth: 140 }}
                      >
                        <Select
                          mode={isTier ? 'multiple' : 'tags'}
                          options={isTier ? tierOptions : []}
                          tokenSeparators={[',', '，']}
                          aria-label={t('rules.conditionValue')}
                          placeholder={t('people.tagsHint')}
                        />
                      </Form.Item>
                    )}
                    {op === 'exists' && <div style={{ flex: 1, minWidth: 140 }} />}
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(name)}
                      aria-label={t('common.delete')}
                    />
                  </Flex>
                );
              }}
            </Form.Item>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ field: 'region', op: 'equals' })}
            data-testid="rule-add-condition"
          >
            {t('rules.addCondition')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
};
