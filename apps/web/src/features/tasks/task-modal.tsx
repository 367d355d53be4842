import { useEffect, useState } from 'react';
import { Alert, App, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import type { ButtonProps } from 'antd';
import {
  TASK_PRIORITIES,
  TASK_TYPES,
  type TaskOut,
  type TaskPriority,
  type TaskType,
} from '@steward/contracts';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { DATE_TIME, useFormat } from '../../shared/format';
import { useSession } from '../../shared/session';
import { useUsers } from '../customers/api';
import { fieldPath } from '../customers/customer-form-values';
import { ASSIGNEE_ROLES, taskKeys } from './api';
import { CustomerSearchSelect } from './customer-search-select';

type Values = {
  type: TaskType;
  title: string;
  description?: string;
  customerId?: string;
  assigneeId: string;
  dueAt: Dayjs;
  priority: TaskPriority;
};
type Props = { open: boolean; onClose: () => void; onCreated: (task: TaskOut) => void };

const FIELDS = ['type', 'title', 'description', 'customerId', 'assigneeId', 'dueAt', 'priority'];

/** Creates a task for oneself or a colleague; the due time is read in the organization's zone. */
export const TaskModal = ({ open, onClose, onCreated }: Props) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const users = useUsers();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
  }, [open, form]);

  const assignees = (users.data?.data ?? [])
    .filter((u) => u.status === 'active' && (ASSIGNEE_ROLES.includes(u.role) || u.id === me.user.id))
    .map((u) => ({ value: u.id, label: `${u.name} · ${t(`roles.${u.role}`, { defaultValue: u.role })}` }));

  /** The wall-clock time picked, as that moment in the organization's zone. */
  const toIso = (d: Dayjs) => {
    const wall = d.format('YYYY-MM-DDTHH:mm:ss');
    return fmt.tz ? dayjs.tz(wall, fmt.tz).format() : d.format();
  };

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      const created = await api.post<TaskOut>('/tasks', {
        type: v.type,
        title: v.title.trim(),
        description: v.description?.trim() || undefined,
        customerId: v.customerId || undefined,
        assigneeId: v.assigneeId,
        dueAt: toIso(v.dueAt),
        priority: v.priority,
      });
      await queryClient.invalidateQueries({ queryKey: taskKeys.all });
      message.success(t('tasks.created'));
      onCreated(created);
    } catch (e) {
      if (e instanceof ApiError && e.details.length) {
        const placed = e.details.filter((d) => FIELDS.includes(String(fieldPath(d.path)[0])));
        form.setFields(placed.map((d) => ({ name: fieldPath(d.path) as never, errors: [d.message] })));
        if (placed.length < e.details.length) setError(errorText(t, e));
      } else setError(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('tasks.newTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'task-submit' } as ButtonProps}
      destroyOnHidden
      width={560}
    >
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="task-error" />
      )}
      <Form<Values>
        form={form}
        name="task"
        layout="vertical"
        initialValues={{ type: 'follow_up', priority: 'normal', assigneeId: me.user.id }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          label={t('tasks.fields.title')}
          name="title"
          rules={[{ required: true, whitespace: true, message: t('tasks.titleRequired') }]}
        >
          <Input maxLength={200} data-testid="task-title" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              label={t('tasks.fields.type')}
              name="type"
              rules={[{ required: true, message: t('tasks.typeRequired') }]}
            >
              <Select
                options={TASK_TYPES.map((v) => ({ value: v, label: t(`taskType.${v}`) }))}
                data-testid="task-type"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('tasks.fields.priority')} name="priority">
              <Select
                options={TASK_PRIORITIES.map((v) => ({ value: v, label: t(`taskPriority.${v}`) }))}
                data-testid="task-priority"
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              label={t('tasks.fields.assignee')}
              name="assigneeId"
              rules={[{ required: true, message: t('tasks.assigneeRequired') }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('tasks.assigneePlaceholder')}
                options={assignees}
                loading={users.isPending}
                notFoundContent={users.error ? errorText(t, users.error) : t('tasks.noAssignees')}
                data-testid="task-assignee"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              label={t('tasks.fields.dueAt')}
              name="dueAt"
              rules={[{ required: true, message: t('tasks.dueRequired') }]}
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format={DATE_TIME}
                style={{ width: '100%' }}
                data-testid="task-due"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('tasks.fields.customer')} name="customerId">
          <CustomerSearchSelect />
        </Form.Item>
        <Form.Item label={t('tasks.fields.description')} name="description">
          <Input.TextArea rows={3} maxLength={4000} showCount data-testid="task-description" />
        </Form.Item>
      </Form>
    </Modal>
  );
};
