import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/errors';
import { DATE } from '../../shared/format';
import { placeFieldErrors } from '../../shared/form-errors';
import { useCreateTraining } from './review-api';

type Values = {
  managerId: string;
  course: string;
  completedOn: Dayjs;
  hours: number;
  result: 'passed' | 'failed' | 'attended';
};
const FIELDS = ['managerId', 'course', 'completedOn', 'hours', 'result'];

/** A lead records a course one of their people completed. */
export const TrainingModal = (props: {
  open: boolean;
  onClose: () => void;
  people: { value: string; label: string }[];
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreateTraining();
  const [form] = Form.useForm<Values>();
  const submit = async (v: Values) => {
    try {
      await create.mutateAsync({ ...v, course: v.course.trim(), completedOn: v.completedOn.format(DATE) });
      message.success(t('career.added'));
      form.resetFields();
      props.onClose();
    } catch (e) {
      if (!placeFieldErrors(form, e, FIELDS)) message.error(errorText(t, e));
    }
  };
  const required = [{ required: true, message: t('perfReviews.required') }];
  return (
    <Modal
      open={props.open}
      title={t('career.addTraining')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ result: 'passed', hours: 8 }}
      >
        <Form.Item name="managerId" label={t('career.columns.manager')} rules={required}>
          <Select options={props.people} />
        </Form.Item>
        <Form.Item name="course" label={t('career.columns.course')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="completedOn" label={t('career.columns.completedOn')} rules={required}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="hours" label={t('career.columns.hours')} rules={required}>
          <InputNumber min={0} max={10000} step={0.5} />
        </Form.Item>
        <Form.Item name="result" label={t('career.columns.result')} rules={required}>
          <Select
            options={(['passed', 'attended', 'failed'] as const).map((r) => ({
              value: r,
              label: t(`career.results.${r}`),
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
};
