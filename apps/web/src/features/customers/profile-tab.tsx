import { Button, Card, Descriptions, Flex, Space, Tag, Tooltip, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { EditOutlined, LockOutlined } from '@ant-design/icons';
import type { CustomerOut } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/format';
import { useCustomFields } from './api';
import { OwnerName, StageTag, TierTag } from './labels';

const show = (v: unknown): React.ReactNode => {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.map((x) => <Tag key={String(x)}>{String(x)}</Tag>) : '—';
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

type Props = { customer: CustomerOut; canEdit: boolean; onEdit: () => void };

export const ProfileTab = ({ customer: c, canEdit, onEdit }: Props) => {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const defs = useCustomFields();
  const f = (k: string) => t(`customer.fields.${k}`);
  const masked = (v: string | null) =>
    c.masked && v ? (
      <Tooltip title={t('customer.maskedHint')}>
        <Space size={4}>
          <LockOutlined aria-hidden />
          {v}
        </Space>
      </Tooltip>
    ) : (
      show(v)
    );

  const basic: DescriptionsProps['items'] = [
    { key: 'name', label: f('name'), children: c.name },
    { key: 'type', label: f('type'), children: t(`customerType.${c.type}`) },
    { key: 'industry', label: f('industry'), children: show(c.industry) },
    { key: 'size', label: f('size'), children: show(c.size) },
    { key: 'region', label: f('region'), children: show(c.region) },
    { key: 'address', label: f('address'), children: show(c.address) },
    { key: 'source', label: f('source'), children: show(c.source) },
    { key: 'tier', label: f('tier'), children: <TierTag tier={c.tier} /> },
    { key: 'stage', label: f('stage'), children: <StageTag stage={c.stage} /> },
    { key: 'owner', label: f('owner'), children: <OwnerName name={c.ownerName} ownerId={c.ownerId} /> },
    { key: 'tags', label: f('tags'), children: show(c.tags) },
    { key: 'phone', label: f('phone'), children: masked(c.phone) },
    { key: 'email', label: f('email'), children: masked(c.email) },
    { key: 'idNumber', label: f('idNumber'), children: masked(c.idNumber) },
    { key: 'externalId', label: f('externalId'), children: show(c.externalId) },
    { key: 'completeness', label: f('completeness'), children: `${c.completeness}%` },
    { key: 'lastContactedAt', label: f('lastContactedAt'), children: fmt.dateTime(c.lastContactedAt) },
    { key: 'nextVisitDueAt', label: f('nextVisitDueAt'), children: fmt.date(c.nextVisitDueAt) },
    { key: 'createdAt', label: f('createdAt'), children: fmt.dateTime(c.createdAt) },
    { key: 'updatedAt', label: f('updatedAt'), children: fmt.dateTime(c.updatedAt) },
  ];

  const needs: DescriptionsProps['items'] = [
    { key: 'productInterests', label: f('productInterests'), children: show(c.needs.productInterests ?? []) },
    { key: 'preferredChannel', label: f('preferredChannel'), children: show(c.needs.preferredChannel) },
    { key: 'preferredTime', label: f('preferredTime'), children: show(c.needs.preferredTime) },
    {
      key: 'notes',
      label: f('notes'),
      span: 'filled',
      children: (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
          {show(c.needs.notes)}
        </Typography.Paragraph>
      ),
    },
  ];

  const defList = defs.data ?? [];
  const customKeys = [...new Set([...defList.map((d) => d.key), ...Object.keys(c.customFields)])];
  const custom: DescriptionsProps['items'] = customKeys.map((key) => {
    const def = defList.find((d) => d.key === key);
    const label = def ? (i18n.language === 'en-US' ? def.labelEn : def.labelZh) : key;
    return { key, label, children: show(c.customFields[key]) };
  });

  const column = { xs: 1, sm: 1, md: 2, lg: 3 };
  return (
    <Flex vertical gap={16}>
      <Card
        title={t('customer.sections.basic')}
        extra={
          canEdit && (
            <Button icon={<EditOutlined />} onClick={onEdit} data-testid="edit-customer">
              {t('common.edit')}
            </Button>
          )
        }
      >
        <Descriptions items={basic} column={column} size="small" />
      </Card>
      <Card title={t('customer.sections.needs')}>
        <Descriptions items={needs} column={column} size="small" />
      </Card>
      <Card title={t('customer.sections.customFields')}>
        {custom.length ? (
          <Descriptions items={custom} column={column} size="small" />
        ) : (
          <Typography.Text type="secondary">{t('customer.noCustomFields')}</Typography.Text>
        )}
      </Card>
    </Flex>
  );
};
