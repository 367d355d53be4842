import { useEffect, useState } from 'react';
import { Button, Flex, Input, Select } from 'antd';
import { STAGES, TIERS } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { useUsers, type CustomerFilters } from './api';

type Props = {
  filters: CustomerFilters;
  onChange: (patch: Partial<CustomerFilters>) => void;
  onClear: () => void;
  active: boolean;
  /** Filters that do not apply where the bar is used (the pool has no owner, for example). */
  omit?: readonly FilterName[];
};

export type FilterName = 'stage' | 'owner' | TextKey;

type TextKey = 'tag' | 'region' | 'industry' | 'source';

/** A text filter that applies on Enter or when it loses focus, not on every keystroke. */
const TextFilter = ({
  name,
  value,
  onCommit,
}: {
  name: TextKey;
  value: string | undefined;
  onCommit: (v: string) => void;
}) => {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value ?? '');
  useEffect(() => setDraft(value ?? ''), [value]);
  const commit = () => {
    if (draft.trim() !== (value ?? '')) onCommit(draft.trim());
  };
  return (
    <Input
      aria-label={t(`customer.fields.${name}`)}
      placeholder={t(`customer.fields.${name}`)}
      value={draft}
      allowClear
      onChange={(e) => {
        setDraft(e.target.value);
        if (!e.target.value && value) onCommit('');
      }}
      onPressEnter={commit}
      onBlur={commit}
      style={{ width: 140 }}
      data-testid={`filter-${name}`}
    />
  );
};

export const CustomerFiltersBar = ({ filters, onChange, onClear, active, omit = [] }: Props) => {
  const { t } = useTranslation();
  const shows = (name: FilterName) => !omit.includes(name);
  const users = useUsers();
  const [q, setQ] = useState(filters.q ?? '');
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);

  const ownerOptions = [
    { value: 'none', label: t('customer.publicPool') },
    ...(users.data?.data ?? [])
      .filter((u) => u.status !== 'departed')
      .map((u) => ({ value: u.id, label: u.name })),
  ];

  return (
    <Flex wrap gap={8} role="search" aria-label={t('customers.filters')}>
      <Input.Search
        aria-label={t('customers.searchLabel')}
        placeholder={t('customers.searchPlaceholder')}
        value={q}
        allowClear
        onChange={(e) => {
          setQ(e.target.value);
          if (!e.target.value && filters.q) onChange({ q: '' });
        }}
        onSearch={(v) => onChange({ q: v.trim() })}
        style={{ width: 280 }}
        data-testid="customer-search"
      />
      <Select
        mode="multiple"
        aria-label={t('customer.fields.tier')}
        placeholder={t('customer.fields.tier')}
        value={filters.tier ?? []}
        onChange={(v) => onChange({ tier: v })}
        options={TIERS.map((x) => ({ value: x, label: x }))}
        style={{ minWidth: 160 }}
        maxTagCount="responsive"
        allowClear
        data-testid="filter-tier"
      />
      {shows('stage') && (
        <Select
          mode="multiple"
          aria-label={t('customer.fields.stage')}
          placeholder={t('customer.fields.stage')}
          value={filters.stage ?? []}
          onChange={(v) => onChange({ stage: v })}
          options={STAGES.map((x) => ({ value: x, label: t(`stage.${x}`) }))}
          style={{ minWidth: 160 }}
          maxTagCount="responsive"
          allowClear
          data-testid="filter-stage"
        />
      )}
      {shows('owner') && (
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('customer.fields.owner')}
          placeholder={t('customer.fields.owner')}
          value={filters.ownerId}
          onChange={(v?: string) => onChange({ ownerId: v ?? '' })}
          options={ownerOptions}
          loading={users.isPending}
          style={{ width: 160 }}
          allowClear
          data-testid="filter-owner"
        />
      )}
      {shows('tag') && <TextFilter name="tag" value={filters.tag} onCommit={(v) => onChange({ tag: v })} />}
      {shows('region') && (
        <TextFilter name="region" value={filters.region} onCommit={(v) => onChange({ region: v })} />
      )}
      {shows('industry') && (
        <TextFilter name="industry" value={filters.industry} onCommit={(v) => onChange({ industry: v })} />
      )}
      {shows('source') && (
        <TextFilter name="source" value={filters.source} onCommit={(v) => onChange({ source: v })} />
      )}
      {active && <Button onClick={onClear}>{t('customers.clearFilters')}</Button>}
    </Flex>
  );
};
