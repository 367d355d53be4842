import type { CSSProperties } from 'react';
import { Badge, Flex, Typography } from 'antd';
import type { NotificationOut } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/format';
import { notificationLink, notificationText } from './notification-text';

type Props = { item: NotificationOut; onOpen: (n: NotificationOut, link: string | null) => void };

const base: CSSProperties = {
  width: '100%',
  textAlign: 'left',
  border: 'none',
  borderBottom: '1px solid #f0f0f0',
  padding: '12px 8px',
  cursor: 'pointer',
  font: 'inherit',
};

/** One notification: its sentence, when, and an unread dot; clicking marks it read and opens its page. */
export const NotificationItem = ({ item, onOpen }: Props) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const unread = item.readAt === null;
  const link = notificationLink(item);
  return (
    <button
      type="button"
      data-testid={`notification-${item.id}`}
      data-unread={unread ? 'true' : 'false'}
      onClick={() => onOpen(item, link)}
      style={{ ...base, background: unread ? '#e6f4ff' : '#fff' }}
    >
      <Flex gap={8} align="flex-start">
        <Badge
          status={unread ? 'processing' : 'default'}
          aria-label={unread ? t('notifications.unread') : undefined}
        />
        <Flex vertical gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Typography.Text strong={unread}>{notificationText(t, fmt, item)}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <span title={fmt.dateTime(item.createdAt)}>{fmt.relative(item.createdAt)}</span>
            {link && (
              <>
                {' '}
                · <Typography.Link>{t('notifications.open')}</Typography.Link>
              </>
            )}
          </Typography.Text>
        </Flex>
      </Flex>
    </button>
  );
};
