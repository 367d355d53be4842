import { App, Button, Flex, Form, Input, InputNumber, Modal, Select, type ButtonProps } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { KpiDefinitionOut } from '@steward/contracts';
import { errorText } from '../../shared/errors';
import { placeFieldErrors } from '../../shared/form-errors';
import { useFormat } from '../../shared/format';
import { localized } from './api';
import { useSaveLevel, type CareerLevel, type CareerLevelIn } from './admin-api';

type Values = {
  code: string;
  name: string;
  rank: number;
  minTenureMonths?: number | null;
  trainingHours?: number | null;
  requiredCourses?: string[];
  kpis?: { kpi: string; min: number }[];
};
const FIELDS = ['code', 'name', 'rank', 'criteria'];

/** Creates a career level or edits one (its code stays): rank and promotion criteria. */
export const LevelModal = ({
  open,
  editing,
  definitions,
  nextRank,
  onClose,
}: {
  open: boolean;
  editing: CareerLevel | null;
  definitions: KpiDefinitionOut[];
  nextRank: number;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const save = useSaveLevel();
  const [form] = Form.useForm<Values>();
  const c = editing?.criteria ?? {};
  const initial: Values = {
    code: editing?.code ?? '',
    name: editing?.name ?? '',
    rank: editing?.rank ?? nextRank,
    minTenureMonths: c.minTenureMonths ?? null,
    trainingHours: c.trainingHours ?? null,
    requiredCourses: c.requiredCourses ?? [],
    kpis: c.kpis ?? [],
  };
  const submit = async (v: Values) => {
    const criteria: CareerLevelIn['criteria'] = {
      ...(v.minTenureMonths != null ? { minTenureMonths: v.minTenureMonths } : {}),
      ...(v.trainingHours != null ? { trainingHours: v.trainingHours } : {}),
      ...(v.requiredCourses?.length
        ? { requiredCourses: v.requiredCourses.map((x) => x.trim()).filter(Boolean) }
        : {}),
      ...(v.kpis?.length ? { kpis: v.kpis as NonNullable<CareerLevelIn['criteria']['kpis']> } : {}),
    };
    try {
      await save.mutateAsync({
        code: editing?.code ?? null,
        body: { code: v.code.trim(), name: v.name.trim(), rank: v.rank, criteria },
      });
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
      width={640}
      title={editing ? t('perfAdmin.levels.edit') : t('perfAdmin.levels.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'level-submit' } as ButtonProps}
      destroyOnHidden
    >
      <Form
        key={editing?.code ?? 'new'}
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void submit(v)}
        data-testid="level-form"
      >
        <Flex gap={12}>
          <Form.Item
            name="code"
            label={t('perfAdmin.levels.code')}
            tooltip={t('perfAdmin.levels.codeHelp')}
            rules={[
              ...required,
              { pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t('perfAdmin.levels.codeFormat') },
            ]}
            style={{ flex: 1 }}
          >
            <Input maxLength={40} disabled={!!editing} data-testid="level-code" />
          </Form.Item>
          <Form.Item name="name" label={t('perfAdmin.levels.name')} rules={required} style={{ flex: 2 }}>
            <Input maxLength={200} data-testid="level-name" />
          </Form.Item>
          <Form.Item
            name="rank"
            label={t('perfAdmin.levels.rank')}
            tooltip={t('perfAdmin.levels.rankHelp')}
            rules={required}
            style={{ flex: 1 }}
          >
            <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="minTenureMonths" label={t('perfAdmin.levels.tenure')} style={{ flex: 1 }}>
            <InputNumber min={0} max={600} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="trainingHours" label={t('perfAdmin.levels.hours')} style={{ flex: 1 }}>
            <InputNumber min={0} max={10000} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="requiredCourses" label={t('perfAdmin.levels.courses')}>
          <Select
            mode="tags"
            tokenSeparators={[',', '，']}
            open={false}
            placeholder={t('perfAdmin.levels.coursesHelp')}
          />
        </Form.Item>
        <Form.List name="kpis">
          {(fields, { add, remove }) => (
            <>
              <div style={{ fontWeight: 500, marginBottom: 4 }}>{t('perfAdmin.levels.kpis')}</div>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="baseline">
                  <Form.Item name={[f.name, 'kpi']} rules={required} style={{ flex: 2 }}>
                    <Select options={kpiOptions} aria-label={t('dash.columns.kpi')} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'min']}
                    rules={required}
                    style={{ flex: 1 }}
                    tooltip={t('perfAdmin.levels.minHelp')}
                  >
                    <InputNumber
                      style={{ width: '100%' }}
                      aria-label={t('perfAdmin.levels.min')}
                      placeholder={t('perfAdmin.levels.min')}
                    />
                  </Form.Item>
                  <MinusCircleOutlined aria-label={t('perfAdmin.remove')} onClick={() => remove(f.name)} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kpi: undefined, min: 0 })}>
                {t('perfAdmin.levels.addKpi')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
};
