import { Alert, Button, Progress, Space, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/errors';
import { useCancelImport, useImport } from './api';

/** Step 5: progress while the job runs, then the report with the failed rows. */
export const RunStep = ({ importId, onAgain }: { importId: string; onAgain: () => void }) => {
  const { t } = useTranslation();
  const q = useImport(importId);
  const cancel = useCancelImport();
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const imp = q.data;
  if (!imp) return <Progress percent={0} />;
  const running = imp.status === 'queued' || imp.status === 'running';
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={5} data-testid="import-status">
        {t(`imports.status.${imp.status}`)}
      </Typography.Title>
      <Progress
        percent={Math.round(imp.progress * 100)}
        status={imp.status === 'failed' ? 'exception' : running ? 'active' : 'normal'}
      />
      <Space size="large">
        <Statistic title={t('imports.created')} value={imp.created} data-testid="import-created" />
        <Statistic title={t('imports.updated')} value={imp.updated} />
        <Statistic title={t('imports.skipped')} value={imp.skipped} />
        <Statistic title={t('imports.failed')} value={imp.failed} data-testid="import-failed" />
      </Space>
      {imp.stoppedAtRow !== null && (
        <Alert type="info" showIcon title={t('imports.stoppedAt', { row: imp.stoppedAtRow })} />
      )}
      {imp.error && <Alert type="error" showIcon title={imp.error} />}
      {running ? (
        <Button danger loading={cancel.isPending} onClick={() => cancel.mutate(importId)}>
          {t('imports.cancel')}
        </Button>
      ) : (
        <Space>
          <Button type="primary" onClick={onAgain}>
            {t('imports.again')}
          </Button>
          {imp.errorCount > 0 && (
            <Button href={`/api/v1/imports/${importId}/errors.csv`} data-testid="download-errors">
              {t('imports.downloadErrors')}
            </Button>
          )}
        </Space>
      )}
      {imp.errors.length > 0 && (
        <Table
          title={() => t('imports.errorsTitle')}
          rowKey={(e) => `${e.row}-${e.column}-${e.code}`}
          size="small"
          dataSource={imp.errors}
          data-testid="import-errors"
          columns={[
            { title: t('imports.row'), dataIndex: 'row', width: 80 },
            { title: t('imports.errorColumn'), dataIndex: 'column' },
            { title: t('imports.errorCode'), dataIndex: 'code' },
            { title: t('imports.errorMessage'), dataIndex: 'message' },
          ]}
        />
      )}
    </Space>
  );
};
