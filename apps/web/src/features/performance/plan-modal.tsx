import { App, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, type ButtonProps } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/errors';
import { DATE } from '../../shared/format';
import { placeFieldErrors } from '../../shared/form-errors';
import { useCreatePlan, type CommissionPlanOut } from './admin-api';

type Values = {
  name: string;
  effectiveFrom: Dayjs;
  /** Rates as percents in the form; the API takes fractions. */
  tiers: { from: number; rate: number }[];
  threshold: number;
  cap: number | null;
  bonusMultipliers: { minScore: number; multiplier: number }[];
};
const FIELDS = ['name', 'effectiveFrom', 'rules'];
const percent = (fraction: number) => Math.round(fraction * 1_000_000) / 10_000;

/**
 * A new commission plan, from a date. Plans are never edited: a change is a new plan from a later
 * date (closed periods keep the plan they were paid under), so the form starts from the latest.
 */
export const PlanModal = ({
  open,
  latest,
  onClose,
}: {
  open: boolean;
  latest: CommissionPlanOut | null;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreatePlan();
  const [form] = Form.useForm<Values>();
  const initial: Values = {
    name: latest?.name ?? '',
    effectiveFrom: dayjs().add(1, 'month').startOf('month'),
    tiers: latest?.rules.tiers.map((x) => ({ from: x.from, rate: percent(x.rate) })) ?? [
      { from: 0, rate: 2 },
    ],
    threshold: latest?.rules.threshold ?? 0,
    cap: latest?.rules.cap ?? null,
    bonusMultipliers: latest?.rules.bonusMultipliers ?? [],
  };
  const submit = async (v: Values) => {
    try {
      await create.mutateAsync({
        name: v.name.trim(),
        effectiveFrom: v.effectiveFrom.format(DATE),
        rules: {
          tiers: [...v.tiers]
            .sort((a, b) => a.from - b.from)
            .map((x) => ({ from: x.from, rate: x.rate / 100 })),
          threshold: v.threshold ?? 0,
          cap: v.cap ?? null,
          bonusMultipliers: v.bonusMultipliers ?? [],
        },
      });
      message.success(t('perfAdmin.saved'));
      onClose();
    } catch (e) {
      if (!placeFieldErrors(form, e, FIELDS)) message.error(errorText(t, e));
    }
  };
  const required = [{ required: true, message: t('perfAdmin.required') }];
  return (
    <Modal
      open={open}
      width={640}
      title={t('perfAdmin.plans.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'plan-submit' } as ButtonProps}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void submit(v)}
        data-testid="plan-form"
      >
        <Flex gap={12}>
          <Form.Item name="name" label={t('perfAdmin.plans.name')} rules={required} style={{ flex: 2 }}>
            <Input maxLength={200} data-testid="plan-name" />
          </Form.Item>
          <Form.Item
            name="effectiveFrom"
            label={t('perfAdmin.plans.effectiveFrom')}
            rules={required}
            tooltip={t('perfAdmin.plans.effectiveHelp')}
            style={{ flex: 1 }}
          >
            <DatePicker allowClear={false} data-testid="plan-effective" />
          </Form.Item>
        </Flex>
        <Form.List
          name="tiers"
          rules={[
            {
              validator: async (_, tiers: Values['tiers'] | undefined) => {
                if (!tiers?.length) throw new Error(t('perfAdmin.plans.needTier'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              <div style={{ fontWeight: 500, marginBottom: 4 }}>{t('perfAdmin.plans.tiers')}</div>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="baseline">
                  <Form.Item
                    name={[f.name, 'from']}
                    rules={required}
                    label={t('perfAdmin.plans.tierFrom')}
                    style={{ flex: 1 }}
                  >
                    <InputNumber min={0} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'rate']}
                    rules={required}
                    label={t('perfAdmin.plans.rate')}
                    style={{ flex: 1 }}
                  >
                    <InputNumber min={0} max={100} step={0.5} suffix="%" style={{ width: '100%' }} />
                  </Form.Item>
                  <MinusCircleOutlined aria-label={t('perfAdmin.remove')} onClick={() => remove(f.name)} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ from: 0, rate: 0 })}>
                {t('perfAdmin.plans.addTier')}
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
        <Flex gap={12} style={{ marginTop: 16 }}>
          <Form.Item
            name="threshold"
            label={t('perfAdmin.plans.threshold')}
            tooltip={t('perfAdmin.plans.thresholdHelp')}
            style={{ flex: 1 }}
          >
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="cap"
            label={t('perfAdmin.plans.cap')}
            tooltip={t('perfAdmin.plans.capHelp')}
            style={{ flex: 1 }}
          >
            <InputNumber min={0} style={{ width: '100%' }} placeholder={t('perfAdmin.plans.noCap')} />
          </Form.Item>
        </Flex>
        <Form.List name="bonusMultipliers">
          {(fields, { add, remove }) => (
            <>
              <div style={{ fontWeight: 500, marginBottom: 4 }}>{t('perfAdmin.plans.multipliers')}</div>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="baseline">
                  <Form.Item
                    name={[f.name, 'minScore']}
                    rules={required}
                    label={t('perfAdmin.plans.minScore')}
                    style={{ flex: 1 }}
                  >
                    <InputNumber min={0} max={1000} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'multiplier']}
                    rules={required}
                    label={t('perfAdmin.plans.multiplier')}
                    style={{ flex: 1 }}
                  >
                    <InputNumber min={0} max={10} step={0.1} prefix="×" style={{ width: '100%' }} />
                  </Form.Item>
                  <MinusCircleOutlined aria-label={t('perfAdmin.remove')} onClick={() => remove(f.name)} />
                </Flex>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ minScore: 100, multiplier: 1.1 })}
              >
                {t('perfAdmin.plans.addMultiplier')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
};
