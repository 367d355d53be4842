import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { ButtonProps } from 'antd';
import { MANAGER_LEVELS, RoleSchema, type UserCreate, type UserSummary } from '@steward/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { placeFieldErrors } from '../../shared/form-errors';
import { useTeams } from '../pool/api';
import { teamKeys } from './api';

type Props = { open: boolean; onClose: () => void; onCreated: (u: UserSummary) => void };
const FIELDS = [
  'email',
  'name',
  'role',
  'password',
  'teamId',
  'level',
  'capacity',
  'regions',
  'industries',
  'languages',
];

/** Admins add a person: who they are, their role and team, and their profile as an account manager. */
export const PersonModal = ({ open, onClose, onCreated }: Props) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const teams = useTeams();
  const [form] = Form.useForm<UserCreate>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
  }, [open, form]);

  const required = (field: string) => [
    {
      required: true,
      whitespace: true,
      message: t('people.required', { field: t(`people.fields.${field}`) }),
    },
  ];

  const submit = async (v: UserCreate) => {
    setSaving(true);
    setError(null);
    try {
      const created = await api.post<UserSummary>('/users', { ...v, teamId: v.teamId ?? null });
      await queryClient.invalidateQueries({ queryKey: teamKeys.users });
      message.success(t('people.added', { name: created.name }));
      onClose();
      onCreated(created);
    } catch (e) {
      if (!placeFieldErrors(form, e, FIELDS)) setError(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('people.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'person-submit' } as ButtonProps}
      destroyOnHidden
      width={600}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<UserCreate>
        form={form}
        name="person"
        layout="vertical"
        initialValues={{ role: 'manager', level: 'junior', capacity: 200 }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item label={t('people.fields.name')} name="name" rules={required('name')}>
          <Input maxLength={100} data-testid="person-name" />
        </Form.Item>
        <Form.Item
          label={t('people.fields.email')}
          name="email"
          rules={[...required('email'), { type: 'email', message: t('form.invalidEmail') }]}
        >
          <Input maxLength={254} data-testid="person-email" />
        </Form.Item>
        <Form.Item
          label={t('people.fields.password')}
          name="password"
          extra={t('people.passwordHint')}
          rules={[...required('password'), { min: 8, message: t('people.passwordHint') }]}
        >
          <Input.Password autoComplete="new-password" data-testid="person-password" />
        </Form.Item>
        <Form.Item label={t('people.fields.role')} name="role" rules={required('role')}>
          <Select
            options={RoleSchema.options.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            data-testid="person-role"
          />
        </Form.Item>
        <Form.Item label={t('people.fields.team')} name="teamId">
          <Select
            allowClear
            placeholder={t('people.noTeam')}
            loading={teams.isPending}
            options={(teams.data?.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
            data-testid="person-team"
          />
        </Form.Item>
        <Form.Item label={t('people.fields.level')} name="level">
          <Select
            options={MANAGER_LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
            data-testid="person-level"
          />
        </Form.Item>
        <Form.Item label={t('people.fields.capacity')} name="capacity">
          <InputNumber
            min={0}
            max={100000}
            precision={0}
            style={{ width: '100%' }}
            data-testid="person-capacity"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
};
