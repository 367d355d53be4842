import { App, Button, type ButtonProps, Checkbox, Flex, Form, Input, InputNumber, Modal, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { KpiDefinitionOut } from '@steward/contracts';
import { errorText } from '../../shared/errors';
import { placeFieldErrors } from '../../shared/form-errors';
import { useFormat } from '../../shared/format';
import { localized } from './api';
import { useSaveTemplate, type ScorecardTemplateIn, type ScorecardTemplateOut } from './admin-api';

/** A KPI row of the form; the target is empty until typed (the form requires it). */
type Item = { kpi: string; weight: number; target?: number; cap: number; lowerIsBetter?: boolean };
type Values = { name: string; role?: 'manager' | 'team_lead' | null; level?: string | null; items: Item[] };
const FIELDS = ['name', 'role', 'level', 'items'];

/** Creates a scorecard template or edits one: its name, who it is for, and weighted KPIs with target and cap. */
export const TemplateModal = ({
  open,
  editing,
  definitions,
  onClose,
}: {
  open: boolean;
  editing: ScorecardTemplateOut | null;
  definitions: KpiDefinitionOut[];
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const save = useSaveTemplate();
  const [form] = Form.useForm<Values>();
  const initial: Values = editing
    ? {
        name: editing.name,
        role: (editing.role as Values['role']) ?? null,
        level: editing.level,
        items: editing.items.map((i) => ({ ...i })),
      }
    : {
        name: '',
        role: 'manager',
        level: null,
        items: [{ kpi: 'sales_amount', weight: 1, cap: 1.2 }],
      };
  const submit = async (v: Values) => {
    const body: ScorecardTemplateIn = {
      name: v.name.trim(),
      role: v.role ?? null,
      level: v.level?.trim() || null,
      items: v.items.map((i) => ({
        kpi: i.kpi as ScorecardTemplateIn['items'][number]['kpi'],
        weight: i.weight,
        target: i.target ?? 0,
        cap: i.cap,
        ...(i.lowerIsBetter ? { lowerIsBetter: true } : {}),
      })),
    };
    try {
      await save.mutateAsync({ id: editing?.id ?? null, body });
      message.success(t('perfAdmin.saved'));
      onClose();
    } catch (e) {
      if (!placeFieldErrors(form, e, FIELDS)) message.error(errorText(t, e));
    }
  };
  const required = [{ required: true, message: t('perfAdmin.required') }];
  const kpiOptions = definitions.map((d) => ({ value: d.key, label: localized(d.name, fmt.lang) }));
  return (
    <Modal
      open={open}
      width={760}
      title={editing ? t('perfAdmin.templates.edit') : t('perfAdmin.templates.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'template-submit' } as ButtonProps}
      destroyOnHidden
    >
      <Form
        key={editing?.id ?? 'new'}
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void submit(v)}
        data-testid="template-form"
      >
        <Form.Item name="name" label={t('perfAdmin.templates.name')} rules={required}>
          <Input maxLength={200} data-testid="template-name" />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="role" label={t('perfAdmin.templates.role')} style={{ flex: 1 }}>
            <Select
              allowClear
              placeholder={t('perfAdmin.templates.anyRole')}
              options={(['manager', 'team_lead'] as const).map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="level"
            label={t('perfAdmin.templates.level')}
            tooltip={t('perfAdmin.templates.levelHelp')}
            style={{ flex: 1 }}
          >
            <Input maxLength={40} placeholder={t('perfAdmin.templates.anyLevel')} />
          </Form.Item>
        </Flex>
        <Form.List
          name="items"
          rules={[
            {
              validator: async (_, items: Item[] | undefined) => {
                if (!items?.length) throw new Error(t('perfAdmin.templates.needItem'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              <Flex gap={8} style={{ fontWeight: 500, marginBottom: 4 }}>
                <span style={{ flex: 3 }}>{t('dash.columns.kpi')}</span>
                <span style={{ flex: 1 }}>{t('dash.columns.weight')}</span>
                <span style={{ flex: 2 }}>{t('dash.columns.target')}</span>
                <span style={{ flex: 1 }}>{t('perfAdmin.templates.cap')}</span>
                <span style={{ flex: 1.4 }}>{t('perfAdmin.templates.lowerIsBetter')}</span>
                <span style={{ width: 24 }} />
              </Flex>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="baseline">
                  <Form.Item name={[f.name, 'kpi']} rules={required} style={{ flex: 3 }}>
                    <Select
                      options={kpiOptions}
                      aria-label={t('dash.columns.kpi')}
                      showSearch={{ optionFilterProp: 'label' }}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'weight']} rules={required} style={{ flex: 1 }}>
                    <InputNumber
                      min={0.01}
                      max={1000}
                      style={{ width: '100%' }}
                      aria-label={t('dash.columns.weight')}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'target']} rules={required} style={{ flex: 2 }}>
                    <InputNumber
                      style={{ width: '100%' }}
                      aria-label={t('dash.columns.target')}
                      data-testid={`template-target-${f.name}`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'cap']}
                    rules={required}
                    style={{ flex: 1 }}
                    tooltip={t('perfAdmin.templates.capHelp')}
                  >
                    <InputNumber
                      min={0.01}
                      max={10}
                      step={0.1}
                      style={{ width: '100%' }}
                      aria-label={t('perfAdmin.templates.cap')}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'lowerIsBetter']} valuePropName="checked" style={{ flex: 1.4 }}>
                    <Checkbox aria-label={t('perfAdmin.templates.lowerIsBetter')} />
                  </Form.Item>
                  <MinusCircleOutlined
                    aria-label={t('perfAdmin.remove')}
                    onClick={() => remove(f.name)}
                    style={{ width: 24 }}
                  />
                </Flex>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ kpi: undefined, weight: 1, cap: 1.2 })}
                disabled={fields.length >= 20}
                data-testid="template-add-item"
              >
                {t('perfAdmin.templates.addItem')}
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
};
