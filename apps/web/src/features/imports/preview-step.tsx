import { Alert, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Preview } from './api';

/** Step 3: the first rows as the import will read them, each with its problems. */
export const PreviewStep = ({ preview }: { preview: Preview }) => {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {preview.mappingProblems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('imports.mappingProblems')}
          description={preview.mappingProblems.map((p) => `${p.path}: ${p.message}`).join('; ')}
        />
      )}
      <Typography.Text>{t('imports.rowsPreviewed', { count: preview.rows.length })}</Typography.Text>
      <Table
        rowKey="row"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={preview.rows}
        columns={[
          { title: t('imports.row'), dataIndex: 'row', width: 64 },
          ...preview.headers.map((h, i) => ({
            title: h,
            key: `c${i}`,
            render: (_: unknown, r: Preview['rows'][number]) => r.cells[i] ?? '',
          })),
          {
            title: t('imports.problems'),
            key: 'errors',
            render: (_: unknown, r: Preview['rows'][number]) =>
              r.errors.length ? (
                <span data-testid={`preview-errors-${r.row}`}>
                  {r.errors.map((e) => (
                    <Tag color="red" key={`${e.column}-${e.code}`}>
                      {e.column}: {e.code}
                    </Tag>
                  ))}
                </span>
              ) : (
                <Tag color="green">{t('imports.noProblems')}</Tag>
              ),
          },
        ]}
      />
    </Space>
  );
};
