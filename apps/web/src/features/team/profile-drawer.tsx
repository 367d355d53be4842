import { useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Form, InputNumber, Select, Space } from 'antd';
import { MANAGER_LEVELS, type UserProfile, type UserUpdate } from '@steward/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { placeFieldErrors } from '../../shared/form-errors';
import { teamKeys } from './api';

type Values = Pick<UserUpdate, 'level' | 'capacity' | 'regions' | 'industries' | 'languages' | 'status'>;
type Props = { user: UserProfile; open: boolean; onClose: () => void };
const FIELDS = ['level', 'capacity', 'regions', 'industries', 'languages', 'status'];

/** Edits the manager profile: level, capacity, regions, industries, languages and leave. */
export const ProfileDrawer = ({ user, open, onClose }: Props) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.setFieldsValue({
      level: user.level as Values['level'],
      capacity: user.capacity,
      regions: user.regions,
      industries: user.industries,
      languages: user.languages,
      status: user.status === 'on_leave' ? 'on_leave' : 'active',
    });
  }, [open, form, user]);

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      await api.patch(`/users/${user.id}`, v);
      await queryClient.invalidateQueries({ queryKey: teamKeys.users });
      message.success(t('profile.saved'));
      onClose();
    } catch (e) {
      if (!placeFieldErrors(form, e, FIELDS)) setError(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  const tags = (name: keyof Values, testId: string) => (
    <Form.Item label={t(`people.fields.${name}`)} name={name} extra={t('people.tagsHint')}>
      <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} data-testid={testId} />
    </Form.Item>
  );

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('profile.editTitle', { name: user.name })}
      size={480}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="profile-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} name="profile" layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item label={t('people.fields.status')} name="status">
          <Select
            options={(['active', 'on_leave'] as const).map((s) => ({
              value: s,
              label: t(`userStatus.${s}`),
            }))}
            data-testid="profile-status"
          />
        </Form.Item>
        <Form.Item label={t('people.fields.level')} name="level">
          <Select
            options={MANAGER_LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
            data-testid="profile-level"
          />
        </Form.Item>
        <Form.Item label={t('people.fields.capacity')} name="capacity">
          <InputNumber
            min={0}
            max={100000}
            precision={0}
            style={{ width: '100%' }}
            data-testid="profile-capacity"
          />
        </Form.Item>
        {tags('regions', 'profile-regions')}
        {tags('industries', 'profile-industries')}
        {tags('languages', 'profile-languages')}
      </Form>
    </Drawer>
  );
};
