import { useState } from 'react';
import { Alert, App, Form, Modal, Select, Typography } from 'antd';
import type { CustomerOut } from '@steward/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { customerKeys } from './api';

type Props = { customer: CustomerOut; open: boolean; onClose: () => void };

/** Merges another customer (the source) into this one; the source is retired. */
export const MergeModal = ({ customer, open, onClose }: Props) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [sourceId, setSourceId] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const results = useQuery({
    queryKey: ['customers', 'merge-search', search],
    queryFn: () => api.get<Page<CustomerOut>>('/customers', { q: search, limit: 20, sort: 'name' }),
    enabled: open && search.trim().length > 0,
  });
  const options = (results.data?.data ?? [])
    .filter((c) => c.id !== customer.id)
    .map((c) => ({
      value: c.id,
      label: [c.name, c.region, c.phone].filter(Boolean).join(' · '),
    }));

  const merge = async () => {
    if (!sourceId) {
      setError(t('merge.pickFirst'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await api.post(`/customers/${customer.id}/merge`, { sourceId });
      await queryClient.invalidateQueries({ queryKey: customerKeys.all });
      message.success(t('merge.done'));
      setSourceId(undefined);
      onClose();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('merge.title', { name: customer.name })}
      onCancel={onClose}
      onOk={() => void merge()}
      okText={t('merge.confirm')}
      okButtonProps={{ danger: true, disabled: !sourceId }}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('merge.explain', { name: customer.name })}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form layout="vertical" name="merge">
        <Form.Item label={t('merge.source')} name="sourceId">
          <Select
            showSearch={{ filterOption: false, onSearch: setSearch }}
            placeholder={t('merge.searchPlaceholder')}
            value={sourceId}
            onChange={(v: string) => setSourceId(v)}
            options={options}
            loading={results.isFetching}
            notFoundContent={search ? t('merge.noMatch') : t('merge.typeToSearch')}
            data-testid="merge-source"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
};
