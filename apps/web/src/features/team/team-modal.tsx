import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import type { ButtonProps } from 'antd';
import type { TeamCreate, TeamOut, UserSummary } from '@steward/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { placeFieldErrors } from '../../shared/form-errors';
import { teamKeys } from './api';
import { teamErrorText } from './team-errors';

export type TeamEdit = { team?: TeamOut; parentId?: string | null };
type Props = { edit: TeamEdit | null; teams: TeamOut[]; users: UserSummary[]; onClose: () => void };

const LEAD_ROLES = ['team_lead', 'director', 'admin', 'manager'];

/** The teams below `id` (and `id` itself), which may not become its parent. */
const subtree = (teams: TeamOut[], id: string): Set<string> => {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const x of teams)
      if (x.parentId && out.has(x.parentId) && !out.has(x.id)) {
        out.add(x.id);
        grew = true;
      }
  }
  return out;
};

/** Creates a team, or renames, moves or re-leads one. */
export const TeamModal = ({ edit, teams, users, onClose }: Props) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TeamCreate>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const team = edit?.team;

  useEffect(() => {
    if (!edit) return;
    setError(null);
    form.setFieldsValue({
      name: team?.name ?? '',
      parentId: team ? team.parentId : (edit.parentId ?? null),
      leadId: team?.leadId ?? null,
    });
  }, [edit, team, form]);

  const blocked = team ? subtree(teams, team.id) : new Set<string>();
  const submit = async (v: TeamCreate) => {
    setSaving(true);
    setError(null);
    const body = { name: v.name.trim(), parentId: v.parentId ?? null, leadId: v.leadId ?? null };
    try {
      if (team) await api.patch(`/teams/${team.id}`, body);
      else await api.post('/teams', body);
      await queryClient.invalidateQueries({ queryKey: teamKeys.teams });
      message.success(t('teams.saved'));
      onClose();
    } catch (e) {
      if (!placeFieldErrors(form, e, ['name', 'parentId', 'leadId'])) setError(teamErrorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={edit !== null}
      title={team ? t('teams.editTitle', { name: team.name }) : t('teams.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'team-submit' } as ButtonProps}
      destroyOnHidden
    >
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="team-error" />
      )}
      <Form<TeamCreate> form={form} name="team" layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          label={t('teams.name')}
          name="name"
          rules={[{ required: true, whitespace: true, message: t('teams.nameRequired') }]}
        >
          <Input maxLength={100} data-testid="team-name" />
        </Form.Item>
        <Form.Item label={t('teams.parent')} name="parentId">
          <Select
            allowClear
            placeholder={t('teams.noParent')}
            options={teams.filter((x) => !blocked.has(x.id)).map((x) => ({ value: x.id, label: x.name }))}
            data-testid="team-parent"
          />
        </Form.Item>
        <Form.Item label={t('teams.lead')} name="leadId">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('teams.noLead')}
            options={users
              .filter((u) => u.status === 'active' && LEAD_ROLES.includes(u.role))
              .map((u) => ({
                value: u.id,
                label: `${u.name} · ${t(`roles.${u.role}`, { defaultValue: u.role })}`,
              }))}
            data-testid="team-lead"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
};
