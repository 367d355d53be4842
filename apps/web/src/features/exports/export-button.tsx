import { useState } from 'react';
import { App, Button, Dropdown } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Query } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { useExportList, type ExportFormat, type ExportListName } from './api';
import { ExportsModal } from './exports-modal';

type Props = {
  list: ExportListName;
  /** The filters the list is showing (the export carries the same). */
  filters: Query;
};

/** "Export" on a list: CSV or Excel now, or as a background job with progress and a download link. */
export const ExportButton = ({ list, filters }: Props) => {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const run = useExportList();
  const [panel, setPanel] = useState<string | null | undefined>(undefined);

  const start = (format: ExportFormat, background = false) =>
    run.mutate(
      { list, format, filters, lang: i18n.language === 'en-US' ? 'en-US' : 'zh-CN', background },
      {
        onSuccess: (r) => {
          if (r.kind === 'job') setPanel(r.exportId);
          else message.success(t('exports.downloaded', { name: r.fileName }));
        },
        onError: (e) => message.error(errorText(t, e)),
      },
    );

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'csv', label: <span data-testid="export-csv">{t('exports.csv')}</span> },
            { key: 'xlsx', label: <span data-testid="export-xlsx">{t('exports.xlsx')}</span> },
            { type: 'divider' },
            {
              key: 'background',
              label: <span data-testid="export-background">{t('exports.background')}</span>,
            },
            { key: 'recent', label: <span data-testid="export-recent">{t('exports.recent')}</span> },
          ],
          onClick: ({ key }) => {
            if (key === 'recent') setPanel(null);
            else if (key === 'background') start('xlsx', true);
            else start(key as ExportFormat);
          },
        }}
      >
        <Button icon={<DownloadOutlined />} loading={run.isPending} data-testid={`export-${list}`}>
          {t('exports.export')}
        </Button>
      </Dropdown>
      <ExportsModal
        open={panel !== undefined}
        highlight={panel ?? null}
        onClose={() => setPanel(undefined)}
      />
    </>
  );
};
