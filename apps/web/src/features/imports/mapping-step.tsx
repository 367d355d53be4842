import { useState } from 'react';
import { Alert, Button, Input, Select, Space, Table, Tag, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/errors';
import { useSaveTemplate, type ImportEntity, type Mapping, type Preview } from './api';

/** Step 2: which field each column goes to (suggested, editable), and saving it as a template. */
export const MappingStep = ({
  entity,
  preview,
  mapping,
  onChange,
}: {
  entity: ImportEntity;
  preview: Preview;
  mapping: Mapping;
  onChange: (m: Mapping) => void;
}) => {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const save = useSaveTemplate();
  const options = [
    { value: '', label: t('imports.notImported') },
    ...preview.fields.map((f) => ({
      value: f.name,
      label: f.required ? `${f.name} (${t('imports.required')})` : f.name,
    })),
  ];
  const rows = preview.headers.map((header, i) => ({ header, sample: preview.rows[0]?.cells[i] ?? '' }));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Table
        rowKey="header"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('imports.column'), dataIndex: 'header' },
          { title: t('imports.sample'), dataIndex: 'sample', render: (v: string) => <Tag>{v}</Tag> },
          {
            title: t('imports.field'),
            key: 'field',
            render: (_: unknown, r: { header: string }) => (
              <Select
                data-testid={`map-${r.header}`}
                style={{ width: 260 }}
                value={mapping[r.header] ?? ''}
                options={options}
                onChange={(v: string) => onChange({ ...mapping, [r.header]: v })}
              />
            ),
          },
        ]}
      />
      <Space.Compact>
        <Input
          placeholder={t('imports.templateName')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          style={{ width: 240 }}
        />
        <Button
          disabled={!name.trim()}
          loading={save.isPending}
          onClick={() =>
            save.mutate(
              {
                name: name.trim(),
                entity,
                mapping: Object.fromEntries(Object.entries(mapping).filter(([, f]) => f)),
              },
              {
                onSuccess: () => {
                  void message.success(t('imports.templateSaved'));
                  setName('');
                },
              },
            )
          }
        >
          {t('imports.saveTemplate')}
        </Button>
      </Space.Compact>
      {save.isError && <Alert type="error" showIcon title={errorText(t, save.error)} />}
    </Space>
  );
};
