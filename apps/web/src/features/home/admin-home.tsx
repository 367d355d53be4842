import type { ReactNode } from 'react';
import { Card, Col, Flex, Row, Tag, Typography } from 'antd';
import {
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BranchesOutlined,
  CloudUploadOutlined,
  CustomerServiceOutlined,
  InboxOutlined,
  KeyOutlined,
  ScheduleOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/format';
import { useApiTokens, useWebhooks } from '../integrations/api';
import { useTeamList } from '../performance/api';
import { useRules } from '../rules/api';
import { usePeople } from '../team/api';

type Tile = {
  key: string;
  to: string;
  icon: ReactNode;
  /** The count of what the page manages, where an endpoint gives it. */
  count?: { value: number | undefined; error: unknown };
  countKey?: 'home.admin.count' | 'home.admin.peopleCount';
};

/** An administrator's start: a tile per place they keep the organization in order, with counts. */
export const AdminHome = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const people = usePeople({});
  const teams = useTeamList();
  const rules = useRules();
  const webhooks = useWebhooks();
  const tokens = useApiTokens();
  const tiles: Tile[] = [
    {
      key: 'people',
      to: '/team/people',
      icon: <TeamOutlined />,
      count: { value: people.data?.data.length, error: people.error },
      countKey: 'home.admin.peopleCount',
    },
    {
      key: 'teams',
      to: '/team/teams',
      icon: <ApartmentOutlined />,
      count: { value: teams.data?.data.length, error: teams.error },
    },
    {
      key: 'rules',
      to: '/team/rules',
      icon: <BranchesOutlined />,
      count: { value: rules.data?.length, error: rules.error },
    },
    { key: 'poolSettings', to: '/settings/pool', icon: <InboxOutlined /> },
    { key: 'visitSettings', to: '/settings/visits', icon: <ScheduleOutlined /> },
    { key: 'sla', to: '/settings/sla', icon: <CustomerServiceOutlined /> },
    { key: 'perfSettings', to: '/performance/settings', icon: <TrophyOutlined /> },
    { key: 'imports', to: '/data/import', icon: <CloudUploadOutlined /> },
    {
      key: 'webhooks',
      to: '/settings/webhooks',
      icon: <ApiOutlined />,
      count: { value: webhooks.data?.data.length, error: webhooks.error },
    },
    {
      key: 'apiTokens',
      to: '/settings/api-tokens',
      icon: <KeyOutlined />,
      count: { value: tokens.data?.data.length, error: tokens.error },
    },
    { key: 'audit', to: '/settings/audit', icon: <AuditOutlined /> },
  ];
  return (
    <Row gutter={[16, 16]} data-testid="home-admin">
      {tiles.map((tile) => (
        <Col key={tile.key} xs={24} md={12} xl={8}>
          <Link
            to={tile.to}
            data-testid={`home-admin-${tile.key}`}
            style={{ display: 'block', height: '100%' }}
          >
            <Card size="small" hoverable style={{ height: '100%' }}>
              <Flex gap={12} align="flex-start">
                <span style={{ fontSize: 24, color: '#1677ff' }} aria-hidden>
                  {tile.icon}
                </span>
                <Flex vertical gap={2} style={{ flex: 1, minWidth: 0 }}>
                  <Flex justify="space-between" align="center" gap={8}>
                    <Typography.Text strong>{t(`home.admin.${tile.key}`)}</Typography.Text>
                    {tile.count && tile.count.value !== undefined && !tile.count.error && (
                      <Tag data-testid={`home-admin-${tile.key}-count`}>
                        {t(tile.countKey ?? 'home.admin.count', { count: fmt.number(tile.count.value) })}
                      </Tag>
                    )}
                  </Flex>
                  <Typography.Text type="secondary">{t(`home.admin.${tile.key}Hint`)}</Typography.Text>
                </Flex>
              </Flex>
            </Card>
          </Link>
        </Col>
      ))}
    </Row>
  );
};
