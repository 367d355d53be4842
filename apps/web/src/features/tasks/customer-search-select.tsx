import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/errors';
import { useCustomerSearch } from './api';

type Props = { value?: string; onChange?: (v: string | undefined) => void; id?: string };

/** An optional customer picker that searches GET /customers?q= as the user types. */
export const CustomerSearchSelect = ({ value, onChange, id }: Props) => {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const found = useCustomerSearch(q);
  const options = (found.data?.data ?? []).map((c) => ({
    value: c.id,
    label: c.region ? `${c.name} · ${c.region}` : c.name,
  }));
  return (
    <Select
      id={id}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setTyped }}
      placeholder={t('tasks.customerPlaceholder')}
      options={options}
      loading={found.isFetching}
      notFoundContent={
        found.error ? errorText(t, found.error) : q ? t('tasks.noCustomers') : t('tasks.typeToSearch')
      }
      data-testid="task-customer"
    />
  );
};
