import { useState } from 'react';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Row,
  Skeleton,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, EditOutlined, StopOutlined, TeamOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { ErrorAlert } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { NotFoundResult } from '../../shared/not-found-result';
import { useSession } from '../../shared/session';
import { TIER_COLORS } from '../customers/labels';
import { useTeams } from '../pool/api';
import { useProfile } from './api';
import { DeactivateModal } from './deactivate-modal';
import { LoadBar, UserStatusTag } from './labels';
import { ProfileDrawer } from './profile-drawer';

const TIERS = ['A', 'B', 'C', 'D'] as const;

/** A manager's profile: level, status, load against capacity, book by tier, and the lead's actions. */
export const ProfilePage = () => {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useSession();
  const profile = useProfile(id);
  const teams = useTeams();
  const [editing, setEditing] = useState(false);
  const [deactivating, setDeactivating] = useState(false);

  const back = (
    <Link to="/team/people">
      <ArrowLeftOutlined /> {t('profile.back')}
    </Link>
  );
  if (profile.error instanceof ApiError && [403, 404].includes(profile.error.status))
    return <NotFoundResult title={t('profile.notFoundTitle')} subTitle={t('profile.notFoundSubTitle')} />;
  if (profile.error)
    return (
      <Flex vertical gap={16}>
        {back}
        <ErrorAlert error={profile.error} onRetry={() => void profile.refetch()} />
      </Flex>
    );
  if (profile.isPending)
    return (
      <Card aria-busy="true">
        <Skeleton active />
      </Card>
    );

  const u = profile.data;
  const team = (teams.data?.data ?? []).find((x) => x.id === u.teamId)?.name;
  const departed = u.status === 'departed';
  const list = (v: string[]) => (v.length ? v.map((x) => <Tag key={x}>{x}</Tag>) : t('profile.none'));

  return (
    <Flex vertical gap={16}>
      {back}
      <Card>
        <Flex justify="space-between" align="flex-start" wrap gap={16}>
          <Flex vertical gap={4}>
            <Space wrap>
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="person-name">
                {u.name}
              </Typography.Title>
              <Tag>{t(`roles.${u.role}`, { defaultValue: u.role })}</Tag>
              <Tag color="blue">{t(`level.${u.level}`, { defaultValue: u.level })}</Tag>
              <UserStatusTag status={u.status} />
            </Space>
            <Typography.Text type="secondary">
              {u.email} · <TeamOutlined /> {team ?? t('people.noTeam')}
              {u.hireDate ? ` · ${t('profile.since', { date: u.hireDate })}` : ''}
            </Typography.Text>
          </Flex>
          {!departed && (
            <Space wrap>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-profile">
                {t('profile.edit')}
              </Button>
              {me.user.id !== u.id && (
                <Button
                  danger
                  icon={<StopOutlined />}
                  onClick={() => setDeactivating(true)}
                  data-testid="deactivate-person"
                >
                  {t('profile.deactivate')}
                </Button>
              )}
            </Space>
          )}
        </Flex>
        <Row gutter={[24, 16]} style={{ marginTop: 16 }}>
          <Col xs={24} md={8}>
            <Typography.Text type="secondary">{t('people.fields.load')}</Typography.Text>
            <LoadBar load={u.load} capacity={u.capacity} width={220} />
          </Col>
          <Col xs={24} md={16}>
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={t('people.fields.regions')}>{list(u.regions)}</Descriptions.Item>
              <Descriptions.Item label={t('people.fields.industries')}>
                {list(u.industries)}
              </Descriptions.Item>
              <Descriptions.Item label={t('people.fields.languages')}>{list(u.languages)}</Descriptions.Item>
            </Descriptions>
          </Col>
        </Row>
      </Card>
      <Card
        size="small"
        title={t('profile.book')}
        extra={
          <Link to={`/customers?ownerId=${u.id}`} data-testid="person-customers">
            {t('profile.customers')}
          </Link>
        }
      >
        <Row gutter={[16, 16]} data-testid="book-by-tier">
          {TIERS.map((tier) => (
            <Col key={tier} xs={8} md={4}>
              <Statistic
                title={<Tag color={TIER_COLORS[tier]}>{t('customer.tierLabel', { tier })}</Tag>}
                value={u.bookValue[tier]}
                formatter={(v) => fmt.number(Number(v))}
              />
            </Col>
          ))}
          <Col xs={8} md={4}>
            <Statistic
              title={t('profile.ungraded')}
              value={u.bookValue.ungraded}
              formatter={(v) => fmt.number(Number(v))}
            />
          </Col>
          <Col xs={8} md={4}>
            <Statistic
              title={t('profile.total')}
              value={u.bookValue.total}
              formatter={(v) => fmt.number(Number(v))}
            />
          </Col>
        </Row>
      </Card>
      <ProfileDrawer user={u} open={editing} onClose={() => setEditing(false)} />
      {me.user.id !== u.id && (
        <DeactivateModal user={u} open={deactivating} onClose={() => setDeactivating(false)} />
      )}
    </Flex>
  );
};
