import { useState } from 'react';
import { App, Badge, Button, Drawer, Empty, Flex, Segmented, Skeleton } from 'antd';
import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import type { NotificationOut } from '@steward/contracts';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { flatten } from '../customers/api';
import { ErrorAlert, errorText } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { useMarkAllRead, useMarkRead, useNotifications, useUnreadCount } from './api';
import { NotificationItem } from './notification-item';

const countStyle = {
  display: 'inline-block',
  minWidth: 20,
  height: 20,
  padding: '0 6px',
  borderRadius: 10,
  background: '#ff4d4f',
  color: '#fff',
  fontSize: 12,
  lineHeight: '20px',
  textAlign: 'center' as const,
  boxShadow: '0 0 0 1px #fff',
};

/** The bell in the top bar with the unread count, and the drawer listing notifications. */
export const NotificationCenter = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const count = useUnreadCount().data?.count ?? 0;
  const list = useNotifications(unreadOnly, open);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const rows = flatten<NotificationOut>(list.data?.pages);

  const onOpen = (n: NotificationOut, link: string | null) => {
    if (n.readAt === null) markRead.mutate(n.id);
    if (link) {
      setOpen(false);
      navigate(link);
    }
  };

  const readAll = () =>
    markAll.mutate(undefined, {
      onSuccess: (r) =>
        message.success(
          t('notifications.readAllDone', { count: r.updated, formatted: fmt.number(r.updated) }),
        ),
      onError: (e) => message.error(errorText(t, e)),
    });

  return (
    <>
      <Badge
        count={
          count > 0 ? (
            <span data-testid="notification-count" style={countStyle}>
              {count > 99 ? '99+' : count}
            </span>
          ) : (
            0
          )
        }
        offset={[-4, 4]}
      >
        <Button
          type="text"
          shape="circle"
          size="large"
          icon={<BellOutlined />}
          onClick={() => setOpen(true)}
          aria-label={count > 0 ? t('notifications.bellCount', { count }) : t('notifications.bell')}
          data-testid="notification-bell"
        />
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('notifications.title')}
        size={420}
        extra={
          <Button
            size="small"
            icon={<CheckOutlined />}
            onClick={readAll}
            loading={markAll.isPending}
            disabled={count === 0}
            data-testid="notifications-read-all"
          >
            {t('notifications.readAll')}
          </Button>
        }
      >
        <Flex vertical gap={12} data-testid="notification-drawer">
          <Segmented
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(v) => setUnreadOnly(v === 'unread')}
            style={{ alignSelf: 'flex-start' }}
            options={[
              { value: 'all', label: t('notifications.all') },
              { value: 'unread', label: t('notifications.unreadOnly') },
            ]}
            data-testid="notifications-filter"
          />
          {list.error ? (
            <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
          ) : list.isPending ? (
            <Skeleton active paragraph={{ rows: 4 }} />
          ) : rows.length === 0 ? (
            <Empty description={unreadOnly ? t('notifications.emptyUnread') : t('notifications.empty')} />
          ) : (
            <div role="list" aria-label={t('notifications.title')}>
              {rows.map((n) => (
                <div role="listitem" key={n.id}>
                  <NotificationItem item={n} onOpen={onOpen} />
                </div>
              ))}
            </div>
          )}
          {list.hasNextPage && (
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t('notifications.loadMore')}
            </Button>
          )}
        </Flex>
      </Drawer>
    </>
  );
};
