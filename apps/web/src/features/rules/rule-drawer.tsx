import { useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import type { RuleOut, TeamOut } from '@steward/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { placeFieldErrors } from '../../shared/form-errors';
import { ruleKeys, STRATEGIES, type Condition, type Strategy } from './api';
import { ConditionsEditor, type ConditionValues } from './conditions-editor';
import type { FieldLabels } from './condition-text';

type Values = {
  name: string;
  enabled: boolean;
  teamId: string;
  strategy: Strategy;
  allowAnyLevelForA: boolean;
  onNoCapacity: 'pool' | 'next_rule';
  position?: number;
  conditions: ConditionValues[];
};
export type RuleEdit = { rule?: RuleOut };
type Props = { edit: RuleEdit | null; teams: TeamOut[]; labels: FieldLabels; onClose: () => void };

const FIELDS = [
  'name',
  'enabled',
  'teamId',
  'strategy',
  'allowAnyLevelForA',
  'onNoCapacity',
  'position',
  'conditions',
];

const toForm = (c: Condition): ConditionValues =>
  c.op === 'equals'
    ? { field: c.field, op: 'equals', value: String(c.value) }
    : c.op === 'in'
      ? { field: c.field, op: 'in', values: c.values.map(String) }
      : { field: c.field, op: 'exists' };

const toBody = (c: ConditionValues): Condition =>
  c.op === 'equals'
    ? { field: c.field, op: 'equals', value: (c.value ?? '').trim() }
    : c.op === 'in'
      ? { field: c.field, op: 'in', values: (c.values ?? []).map((v) => v.trim()).filter(Boolean) }
      : { field: c.field, op: 'exists' };

/** Creates or edits an assignment rule, conditions included. */
export const RuleDrawer = ({ edit, teams, labels, onClose }: Props) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rule = edit?.rule;

  useEffect(() => {
    if (!edit) return;
    setError(null);
    form.resetFields();
    if (rule)
      form.setFieldsValue({
        name: rule.name,
        enabled: rule.enabled,
        teamId: rule.teamId ?? undefined,
        strategy: rule.strategy,
        allowAnyLevelForA: rule.allowAnyLevelForA,
        onNoCapacity: rule.onNoCapacity,
        position: rule.position,
        conditions: rule.conditions.map(toForm),
      });
  }, [edit, rule, form]);

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    const body = { ...v, name: v.name.trim(), conditions: (v.conditions ?? []).map(toBody) };
    try {
      if (rule) await api.patch(`/assignment-rules/${rule.id}`, body);
      else await api.post('/assignment-rules', body);
      await queryClient.invalidateQueries({ queryKey: ruleKeys.all });
      message.success(t('rules.saved'));
      onClose();
    } catch (e) {
      if (!placeFieldErrors(form, e, FIELDS)) setError(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={edit !== null}
      onClose={onClose}
      title={rule ? t('rules.editTitle', { name: rule.name }) : t('rules.addTitle')}
      size={640}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="rule-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="rule-error" />
      )}
      <Form<Values>
        form={form}
        name="rule"
        layout="vertical"
        initialValues={{
          enabled: true,
          strategy: 'least_loaded',
          allowAnyLevelForA: false,
          onNoCapacity: 'pool',
          conditions: [],
        }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          label={t('rules.fields.name')}
          name="name"
          rules={[{ required: true, whitespace: true, message: t('rules.nameRequired') }]}
        >
          <Input maxLength={100} data-testid="rule-name" />
        </Form.Item>
        <Form.Item label={t('rules.fields.conditions')} required={false}>
          <ConditionsEditor labels={labels} />
        </Form.Item>
        <Form.Item
          label={t('rules.fields.teamId')}
          name="teamId"
          rules={[{ required: true, message: t('rules.teamRequired') }]}
        >
          <Select options={teams.map((x) => ({ value: x.id, label: x.name }))} data-testid="rule-team" />
        </Form.Item>
        <Form.Item label={t('rules.fields.strategy')} name="strategy">
          <Select
            options={STRATEGIES.map((s) => ({ value: s, label: t(`rules.strategy.${s}`) }))}
            data-testid="rule-strategy"
          />
        </Form.Item>
        <Form.Item label={t('rules.fields.onNoCapacity')} name="onNoCapacity">
          <Select
            options={(['pool', 'next_rule'] as const).map((s) => ({
              value: s,
              label: t(`rules.onNoCapacity.${s}`),
            }))}
          />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item label={t('rules.fields.enabled')} name="enabled" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item
            label={t('rules.fields.allowAnyLevelForA')}
            name="allowAnyLevelForA"
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
          <Form.Item label={t('rules.fields.position')} name="position">
            <InputNumber min={0} precision={0} />
          </Form.Item>
        </Space>
      </Form>
    </Drawer>
  );
};
