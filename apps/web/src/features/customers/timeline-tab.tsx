import { useState } from 'react';
import { Button, Empty, Flex, Skeleton, Space, Tag, Timeline, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { INTERACTION_TYPES, type TimelineItem } from '@steward/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/errors';
import { useFormat, type Formatters } from '../../shared/format';
import { flatten, useTimeline } from './api';
import { InteractionForm } from './interaction-form';
import { formatValue } from './history-tab';

const KIND_COLORS: Record<TimelineItem['kind'], string> = {
  interaction: 'blue',
  order: 'green',
  change: 'gray',
  created: 'purple',
};

type InteractionType = (typeof INTERACTION_TYPES)[number];

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

const isInteractionType = (v: unknown): v is InteractionType =>
  typeof v === 'string' && (INTERACTION_TYPES as readonly string[]).includes(v);

/** The tag (what happened) and the headline for one timeline entry, in the interface language. */
const headline = (item: TimelineItem, t: TFunction, fmt: Formatters) => {
  const d = item.detail;
  if (item.kind === 'interaction') {
    const type = isInteractionType(d.type) ? d.type : isInteractionType(item.title) ? item.title : null;
    return {
      tag: type ? t(`interactionType.${type}`) : t('timeline.kind.interaction'),
      title: str(d.summary) ?? (type ? '' : item.title),
    };
  }
  if (item.kind === 'order') {
    const amount = typeof d.amount === 'number' ? fmt.money(d.amount, str(d.currency)) : '';
    return { tag: t('timeline.kind.order'), title: [amount, item.title].filter(Boolean).join(' · ') };
  }
  if (item.kind === 'created') return { tag: t('timeline.kind.created'), title: t('timeline.createdTitle') };
  const field = typeof d.field === 'string' ? d.field : item.title;
  return { tag: t('timeline.kind.change'), title: t(`customer.fields.${field}`, { defaultValue: field }) };
};

const Detail = ({ item, t }: { item: TimelineItem; t: TFunction }) => {
  const d = item.detail;
  const lines: [string, string][] = [];
  if (item.kind === 'interaction') {
    for (const k of ['outcome', 'nextStep'] as const) {
      const v = str(d[k]);
      if (v) lines.push([t(`interaction.fields.${k}`), v]);
    }
  } else if (item.kind === 'change' && ('oldValue' in d || 'newValue' in d)) {
    lines.push([t('history.change'), `${formatValue(d.oldValue)} → ${formatValue(d.newValue)}`]);
  }
  if (!lines.length) return null;
  return (
    <div>
      {lines.map(([label, value]) => (
        <Typography.Paragraph key={label} style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
          <Typography.Text type="secondary">
            {label}
            {t('common.colon')}
          </Typography.Text>
          {value}
        </Typography.Paragraph>
      ))}
    </div>
  );
};

export const TimelineTab = ({ customerId, canLog }: { customerId: string; canLog: boolean }) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const timeline = useTimeline(customerId);
  const [logging, setLogging] = useState(false);
  const items = flatten(timeline.data?.pages);

  return (
    <Flex vertical gap={16}>
      {canLog &&
        (logging ? (
          <InteractionForm customerId={customerId} onDone={() => setLogging(false)} />
        ) : (
          <Flex justify="flex-end">
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setLogging(true)}
              data-testid="log-interaction"
            >
              {t('interaction.log')}
            </Button>
          </Flex>
        ))}
      {timeline.error && <ErrorAlert error={timeline.error} onRetry={() => void timeline.refetch()} />}
      {timeline.isPending ? (
        <Skeleton active />
      ) : items.length === 0 && !timeline.error ? (
        <Empty description={canLog ? t('timeline.emptyCanLog') : t('timeline.empty')} />
      ) : (
        <Timeline
          items={items.map((item) => {
            const h = headline(item, t, fmt);
            return {
              key: `${item.kind}-${item.id}`,
              color: KIND_COLORS[item.kind],
              content: (
                <Space orientation="vertical" size={2}>
                  <Space wrap size={8}>
                    <Tag color={KIND_COLORS[item.kind]}>{h.tag}</Tag>
                    <Typography.Text strong>{h.title}</Typography.Text>
                  </Space>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    <Tooltip title={fmt.relative(item.at)}>
                      <span>{fmt.dateTime(item.at)}</span>
                    </Tooltip>
                    {item.actorName ? ` · ${item.actorName}` : ''}
                  </Typography.Text>
                  <Detail item={item} t={t} />
                </Space>
              ),
            };
          })}
        />
      )}
      {timeline.hasNextPage && (
        <Button onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
          {t('customers.loadMore')}
        </Button>
      )}
    </Flex>
  );
};
