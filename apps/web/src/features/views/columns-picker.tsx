import { Select } from 'antd';
import { useTranslation } from 'react-i18next';

/** Which columns a list shows (none chosen: all of them); saved with a view. */
export const ColumnsPicker = ({
  columns,
  value,
  onChange,
}: {
  columns: { key: string; title: string }[];
  value: string[] | null;
  onChange: (keys: string[] | null) => void;
}) => {
  const { t } = useTranslation();
  return (
    <Select
      mode="multiple"
      aria-label={t('views.columns')}
      placeholder={t('views.allColumns')}
      value={value ?? []}
      onChange={(keys: string[]) => onChange(keys.length ? keys : null)}
      options={columns.map((c) => ({ value: c.key, label: c.title }))}
      maxTagCount="responsive"
      allowClear
      style={{ minWidth: 200 }}
      data-testid="columns-picker"
    />
  );
};
