import { useEffect, useState } from 'react';
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { KpiDefinitionOut } from '@steward/contracts';
import { errorText } from '../../shared/errors';
import { DATE, useFormat } from '../../shared/format';
import { placeFieldErrors } from '../../shared/form-errors';
import { useSession } from '../../shared/session';
import { localized, subtree, useCreateGoal, useTeamList, useUserList } from './api';
import type { Period } from './period';

type Values = {
  subjectType: 'manager' | 'team';
  subjectId: string;
  kpi: string;
  period: [Dayjs, Dayjs];
  target: number;
  note?: string;
};
type Props = { open: boolean; onClose: () => void; period: Period; definitions: KpiDefinitionOut[] };

/** Period errors (periodStart/periodEnd) have no field of their own here: they show above the form. */
const FIELDS = ['subjectType', 'subjectId', 'kpi', 'target', 'note'];

/** A new goal for a member of the lead's teams (or one of those teams); directors and admins: anyone. */
export const GoalModal = ({ open, onClose, period, definitions }: Props) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useSession();
  const { message } = App.useApp();
  const users = useUserList();
  const teams = useTeamList();
  const create = useCreateGoal();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const subjectType = Form.useWatch('subjectType', form) ?? 'manager';

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
  }, [open, form]);

  const everyone = me.user.role !== 'team_lead';
  const allTeams = teams.data?.data ?? [];
  const mine = everyone ? new Set(allTeams.map((x) => x.id)) : subtree(allTeams, me.user.teamIds);
  const memberOptions = (users.data?.data ?? [])
    .filter((u) => u.status === 'active' && u.role === 'manager' && u.teamId !== null && mine.has(u.teamId))
    .map((u) => ({ value: u.id, label: u.name }));
  const teamOptions = allTeams.filter((x) => mine.has(x.id)).map((x) => ({ value: x.id, label: x.name }));

  const submit = async (v: Values) => {
    setError(null);
    try {
      await create.mutateAsync({
        subjectType: v.subjectType,
        subjectId: v.subjectId,
        kpi: v.kpi as never,
        periodStart: v.period[0].format(DATE),
        periodEnd: v.period[1].format(DATE),
        target: v.target,
        note: v.note?.trim() || undefined,
      });
      message.success(t('perf.goalCreated'));
      onClose();
    } catch (e) {
      const placed = placeFieldErrors(form, e, FIELDS);
      if (!placed) setError(errorText(t, e));
    }
  };

  return (
    <Modal
      open={open}
      title={t('perf.newGoal')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'goal-submit' } as ButtonProps}
      destroyOnHidden
      width={520}
    >
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="goal-error" />
      )}
      <Form<Values>
        form={form}
        name="goal"
        layout="vertical"
        initialValues={{
          subjectType: 'manager',
          kpi: 'sales_amount',
          period: [dayjs(period.from), dayjs(period.to)],
        }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item label={t('perf.fields.subjectType')} name="subjectType">
          <Radio.Group
            onChange={() => form.setFieldValue('subjectId', undefined)}
            options={[
              { value: 'manager', label: t('perf.subjectTypes.manager') },
              { value: 'team', label: t('perf.subjectTypes.team') },
            ]}
          />
        </Form.Item>
        <Form.Item
          label={t(subjectType === 'team' ? 'perf.fields.team' : 'perf.fields.member')}
          name="subjectId"
          rules={[{ required: true, message: t('perf.subjectRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={subjectType === 'team' ? teamOptions : memberOptions}
            loading={users.isPending || teams.isPending}
            data-testid="goal-subject"
          />
        </Form.Item>
        <Form.Item label={t('perf.fields.kpi')} name="kpi" rules={[{ required: true }]}>
          <Select
            options={definitions.map((d) => ({ value: d.key, label: localized(d.name, fmt.lang) }))}
            data-testid="goal-kpi"
          />
        </Form.Item>
        <Form.Item
          label={t('perf.fields.period')}
          name="period"
          rules={[{ required: true, message: t('perf.periodRequired') }]}
        >
          <DatePicker.RangePicker style={{ width: '100%' }} format={DATE} data-testid="goal-period" />
        </Form.Item>
        <Form.Item
          label={t('perf.fields.target')}
          name="target"
          rules={[{ required: true, message: t('perf.targetRequired') }]}
        >
          <InputNumber style={{ width: '100%' }} min={0} data-testid="goal-target" />
        </Form.Item>
        <Form.Item label={t('perf.fields.note')} name="note">
          <Input.TextArea rows={2} maxLength={2000} data-testid="goal-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
};
