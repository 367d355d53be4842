import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import type { SavedViewOut } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/errors';
import { placeFieldErrors } from '../../shared/form-errors';
import { useSession } from '../../shared/session';
import { useTeams } from '../pool/api';
import { useSaveView, type ViewListName } from './api';

type Values = { name: string; sharedTeamId?: string | null };
export type ViewSnapshot = { filters: Record<string, unknown>; columns: string[]; sort: string | null };

/** Saves the list's current filters, columns and sort as a view (or renames / re-shares one). */
export const ViewModal = ({
  list,
  open,
  editing,
  snapshot,
  onClose,
  onSaved,
}: {
  list: ViewListName;
  open: boolean;
  /** The view to rename or re-share; absent: a new view of the current state. */
  editing: SavedViewOut | null;
  snapshot: ViewSnapshot;
  onClose: () => void;
  onSaved: (v: SavedViewOut) => void;
}) => {
  const { t } = useTranslation();
  const me = useSession();
  const teams = useTeams();
  const save = useSaveView(list);
  const [form] = Form.useForm<Values>();
  const [topError, setTopError] = useState<unknown>(null);
  const myTeams = (teams.data?.data ?? []).filter((x) => me.user.teamIds.includes(x.id));

  useEffect(() => {
    if (open) {
      setTopError(null);
      form.setFieldsValue({ name: editing?.name ?? '', sharedTeamId: editing?.sharedTeamId ?? null });
    }
  }, [open, editing, form]);

  const submit = (v: Values) =>
    save.mutate(
      {
        id: editing?.id,
        body: editing
          ? { name: v.name, sharedTeamId: v.sharedTeamId ?? null }
          : { ...snapshot, name: v.name, sharedTeamId: v.sharedTeamId ?? null },
      },
      {
        onSuccess: onSaved,
        onError: (e) => setTopError(placeFieldErrors(form, e, ['name', 'sharedTeamId']) ? null : e),
      },
    );

  return (
    <Modal
      open={open}
      title={editing ? t('views.editTitle') : t('views.saveTitle')}
      okText={t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'view-save-ok' } as never}
      destroyOnHidden
    >
      {topError !== null && (
        <Alert type="error" showIcon message={errorText(t, topError)} style={{ marginBottom: 12 }} />
      )}
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item
          name="name"
          label={t('views.name')}
          rules={[{ required: true, whitespace: true, message: t('views.nameRequired') }]}
        >
          <Input maxLength={100} data-testid="view-name" />
        </Form.Item>
        <Form.Item name="sharedTeamId" label={t('views.shareWith')} extra={t('views.shareHint')}>
          <Select
            allowClear
            placeholder={t('views.private')}
            options={myTeams.map((x) => ({ value: x.id, label: x.name }))}
            loading={teams.isPending}
            data-testid="view-team"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
};
