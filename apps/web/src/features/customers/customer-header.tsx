import {
  Card,
  Col,
  Descriptions,
  Flex,
  Progress,
  Row,
  Space,
  Statistic,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ReactNode } from 'react';
import type { CustomerOut } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/format';
import { OwnerName, StageTag, TierTag } from './labels';

export const CustomerHeader = ({ customer: c, actions }: { customer: CustomerOut; actions: ReactNode }) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const when = (iso: string | null) =>
    iso ? (
      <Tooltip title={fmt.dateTime(iso)}>
        <span>{fmt.relative(iso)}</span>
      </Tooltip>
    ) : (
      t('customer.never')
    );

  return (
    <Card>
      <Flex justify="space-between" align="flex-start" wrap gap={16}>
        <Space orientation="vertical" size={4}>
          <Space wrap align="center">
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="customer-name">
              {c.name}
            </Typography.Title>
            <TierTag tier={c.tier} />
            <StageTag stage={c.stage} />
            {c.protected && <Tag color="purple">{t('protect.tag')}</Tag>}
          </Space>
          <Typography.Text type="secondary">
            {t(`customerType.${c.type}`)}
            {c.industry ? ` · ${c.industry}` : ''}
            {c.region ? ` · ${c.region}` : ''}
          </Typography.Text>
        </Space>
        <Space wrap>{actions}</Space>
      </Flex>
      <Row gutter={[24, 16]} style={{ marginTop: 16 }}>
        <Col xs={12} md={6}>
          <Statistic
            styles={{ content: { fontSize: 18 } }}
            title={t('customer.fields.owner')}
            valueRender={() => <OwnerName name={c.ownerName} ownerId={c.ownerId} />}
          />
        </Col>
        <Col xs={12} md={6}>
          <Typography.Text type="secondary">{t('customer.fields.completeness')}</Typography.Text>
          <Progress
            percent={c.completeness}
            aria-label={t('customer.completenessLabel', { value: c.completeness })}
            strokeColor={c.completeness < 50 ? '#d46b08' : undefined}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            styles={{ content: { fontSize: 18 } }}
            title={t('customer.fields.lastContactedAt')}
            valueRender={() => when(c.lastContactedAt)}
          />
        </Col>
        <Col xs={12} md={6}>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'created', label: t('customer.fields.createdAt'), children: fmt.dateTime(c.createdAt) },
              {
                key: 'next',
                label: t('customer.fields.nextVisitDueAt'),
                children: fmt.date(c.nextVisitDueAt),
              },
            ]}
          />
        </Col>
      </Row>
    </Card>
  );
};
