import { Alert, Empty, List, Modal, Progress, Space, Tag, Typography } from 'antd';
import type { ExportOut } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { useMyExports } from './api';

const STATUS_COLORS = {
  queued: 'default',
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
} as const;

/** The caller's recent exports: progress while they run, a download link when they are done. */
export const ExportsModal = ({
  open,
  highlight,
  onClose,
}: {
  open: boolean;
  highlight: string | null;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const exports = useMyExports(open);
  const rows = exports.data?.data ?? [];

  const item = (e: ExportOut) => (
    <List.Item
      key={e.id}
      data-testid={`export-item-${e.id}`}
      style={
        e.id === highlight
          ? { background: 'var(--ant-color-primary-bg, #e6f4ff)', paddingInline: 8 }
          : undefined
      }
      actions={
        e.downloadUrl
          ? [
              <Typography.Link
                key="dl"
                href={e.downloadUrl}
                download={e.fileName}
                data-testid="export-download"
              >
                {t('exports.download')}
              </Typography.Link>,
            ]
          : []
      }
    >
      <List.Item.Meta
        title={
          <Space>
            <span>{t(`exports.lists.${e.list}`)}</span>
            <Tag>{e.format.toUpperCase()}</Tag>
            <Tag color={STATUS_COLORS[e.status]}>{t(`exports.status.${e.status}`)}</Tag>
            {e.status === 'succeeded' && !e.downloadUrl && (
              <Tag data-testid="export-expired">{t('exports.expired')}</Tag>
            )}
          </Space>
        }
        description={
          <Space direction="vertical" style={{ width: '100%' }} size={2}>
            {(e.status === 'queued' || e.status === 'running') && (
              <Progress percent={Math.round(e.progress * 100)} size="small" data-testid="export-progress" />
            )}
            <Typography.Text type="secondary">
              {fmt.dateTime(e.createdAt)}
              {e.rows !== null
                ? ` · ${t('exports.rows', { count: e.rows, formatted: fmt.number(e.rows) })}`
                : ''}
              {e.downloadUrl && e.expiresAt
                ? ` · ${t('exports.keptUntil', { date: fmt.dateTime(e.expiresAt) })}`
                : ''}
            </Typography.Text>
            {e.error && <Alert type="error" showIcon message={e.error} />}
          </Space>
        }
      />
    </List.Item>
  );

  return (
    <Modal
      open={open}
      title={t('exports.recentTitle')}
      onCancel={onClose}
      footer={null}
      width={560}
      destroyOnHidden
    >
      {highlight && (
        <Alert type="info" showIcon message={t('exports.started')} style={{ marginBottom: 12 }} />
      )}
      {exports.error && <ErrorAlert error={exports.error} onRetry={() => void exports.refetch()} />}
      <List
        loading={exports.isPending}
        dataSource={rows}
        renderItem={item}
        locale={{ emptyText: <Empty description={t('exports.none')} /> }}
      />
    </Modal>
  );
};
