import { useState } from 'react';
import { App, Button, Popconfirm, Select, Space, Tooltip } from 'antd';
import { DeleteOutlined, EditOutlined, SaveOutlined, TeamOutlined } from '@ant-design/icons';
import type { SavedViewOut } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/errors';
import { useDeleteView, useViews, type ViewListName } from './api';
import { ViewModal, type ViewSnapshot } from './view-modal';

/**
 * Saved views of a list: pick one to apply its filters, columns and sort; save the current state
 * as a new view (private or shared with a team); rename, re-share or delete one's own.
 */
export const SavedViewsBar = ({
  list,
  snapshot,
  onApply,
}: {
  list: ViewListName;
  snapshot: ViewSnapshot;
  onApply: (v: SavedViewOut) => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const views = useViews(list);
  const remove = useDeleteView(list);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [modal, setModal] = useState<{ editing: SavedViewOut | null } | null>(null);
  const all = views.data?.data ?? [];
  const selected = all.find((v) => v.id === selectedId) ?? null;

  const option = (v: SavedViewOut) => ({
    value: v.id,
    label: (
      <span data-testid={`view-option-${v.name}`}>
        {v.sharedTeamId && <TeamOutlined style={{ marginInlineEnd: 6 }} />}
        {v.name}
      </span>
    ),
    title: v.name,
  });
  const mine = all.filter((v) => v.mine);
  const shared = all.filter((v) => !v.mine);
  const options = [
    ...(mine.length ? [{ label: t('views.mine'), options: mine.map(option) }] : []),
    ...(shared.length ? [{ label: t('views.shared'), options: shared.map(option) }] : []),
  ];

  return (
    <Space wrap size={8}>
      <Select
        aria-label={t('views.pick')}
        placeholder={t('views.pick')}
        value={selected?.id}
        onChange={(id?: string) => {
          setSelectedId(id ?? null);
          const v = all.find((x) => x.id === id);
          if (v) onApply(v);
        }}
        allowClear
        options={options}
        loading={views.isPending}
        notFoundContent={t('views.none')}
        style={{ width: 220 }}
        data-testid={`views-${list}`}
      />
      <Button icon={<SaveOutlined />} onClick={() => setModal({ editing: null })} data-testid="view-save">
        {t('views.save')}
      </Button>
      {selected?.mine && (
        <>
          <Tooltip title={t('views.edit')}>
            <Button
              icon={<EditOutlined />}
              aria-label={t('views.edit')}
              onClick={() => setModal({ editing: selected })}
            />
          </Tooltip>
          <Popconfirm
            title={t('views.deleteConfirm', { name: selected.name })}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              remove.mutate(selected.id, {
                onSuccess: () => {
                  setSelectedId(null);
                  message.success(t('views.deleted'));
                },
                onError: (e) => message.error(errorText(t, e)),
              })
            }
          >
            <Button
              icon={<DeleteOutlined />}
              aria-label={t('views.delete')}
              danger
              data-testid="view-delete"
            />
          </Popconfirm>
        </>
      )}
      <ViewModal
        list={list}
        open={modal !== null}
        editing={modal?.editing ?? null}
        snapshot={snapshot}
        onClose={() => setModal(null)}
        onSaved={(v) => {
          setModal(null);
          setSelectedId(v.id);
          message.success(t('views.saved', { name: v.name }));
        }}
      />
    </Space>
  );
};
