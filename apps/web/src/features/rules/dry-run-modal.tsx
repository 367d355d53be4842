import { useEffect } from 'react';
import { App, Button, Empty, Modal, Table, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../shared/api';
import { ErrorAlert, errorText } from '../../shared/errors';
import { REASON_CODES, type DryRunRow } from './api';

type Props = { open: boolean; onClose: () => void };

/** Where the 20 newest pool customers would go by the rules, and applying that for real after a confirm. */
export const DryRunModal = ({ open, onClose }: Props) => {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const run = useMutation({
    mutationFn: () => api.post<{ data: DryRunRow[] }>('/assignment-rules/dry-run', { sample: 20 }),
  });
  const apply = useMutation({
    mutationFn: (customerIds: string[]) =>
      api.post<{ assigned: number; pooled: number }>('/assignment-rules/apply', { customerIds }),
  });
  const { mutate: start, reset } = run;

  useEffect(() => {
    if (open) start();
    else reset();
  }, [open, start, reset]);

  const rows = run.data?.data ?? [];
  const reasonText = (code: string) =>
    REASON_CODES.includes(code) ? t(`rules.reasons.${code}`) : t('rules.reasons.other', { code });

  const confirmApply = () =>
    modal.confirm({
      title: t('rules.applyConfirmTitle'),
      content: t('rules.applyConfirm', { count: rows.length }),
      okText: t('rules.apply'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'rules-apply-confirm' } as ButtonProps,
      onOk: () =>
        apply
          .mutateAsync(rows.map((r) => r.customerId))
          .then(async (r) => {
            message.success(t('rules.applied', { assigned: r.assigned, pooled: r.pooled }));
            await Promise.all([
              queryClient.invalidateQueries({ queryKey: ['pool'] }),
              queryClient.invalidateQueries({ queryKey: ['customers'] }),
              queryClient.invalidateQueries({ queryKey: ['users'] }),
            ]);
            onClose();
          })
          .catch((e: unknown) => {
            message.error(errorText(t, e));
          }),
    });

  return (
    <Modal
      open={open}
      title={t('rules.dryRunTitle')}
      onCancel={onClose}
      width={880}
      destroyOnHidden
      footer={[
        <Button key="close" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="apply"
          type="primary"
          disabled={!rows.some((r) => r.managerId && !r.pool)}
          loading={apply.isPending}
          onClick={confirmApply}
          data-testid="rules-apply"
        >
          {t('rules.apply')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{t('rules.dryRunExplain')}</Typography.Paragraph>
      {run.error && <ErrorAlert error={run.error} onRetry={() => run.mutate()} />}
      <Table<DryRunRow>
        data-testid="dry-run-table"
        rowKey="customerId"
        dataSource={rows}
        loading={run.isPending}
        pagination={false}
        size="small"
        scroll={{ y: 420 }}
        locale={{
          emptyText: run.isPending ? (
            ' '
          ) : run.error ? (
            t('rules.dryRunFailed')
          ) : (
            <Empty description={t('rules.dryRunEmpty')} />
          ),
        }}
        columns={[
          {
            key: 'customer',
            title: t('rules.customer'),
            dataIndex: 'customerName',
            render: (name: string, r) => <Link to={`/customers/${r.customerId}`}>{name}</Link>,
          },
          {
            key: 'result',
            title: t('rules.result'),
            width: 180,
            render: (_: unknown, r) =>
              r.pool || !r.managerId ? (
                <Tag color="geekblue">{t('rules.toPool')}</Tag>
              ) : (
                (r.managerName ?? '—')
              ),
          },
          {
            key: 'reason',
            title: t('rules.reason'),
            width: 340,
            render: (_: unknown, r) => reasonText(r.reason.code),
          },
        ]}
      />
    </Modal>
  );
};
