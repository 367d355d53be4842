import { Empty, Timeline, Typography } from 'antd';
import type { ComplaintEventOut } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { useComplaintEvents } from './api';
import { useCode } from './labels';

const COLORS: Record<string, string> = {
  sla_breach: 'red',
  sla_warning: 'gold',
  escalation: 'orange',
  note: 'gray',
};

/** The complaint's timeline: transitions, notes, escalations, reassignments, SLA warnings and breaches. */
export const ComplaintTimeline = ({ id }: { id: string }) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const code = useCode();
  const events = useComplaintEvents(id);
  if (events.error) return <ErrorAlert error={events.error} onRetry={() => void events.refetch()} />;
  const rows = events.data?.data ?? [];
  if (!events.isPending && !rows.length) return <Empty />;

  const title = (e: ComplaintEventOut) => {
    const status = (s: string | null) => (s ? t(`complaints.status.${s}`, { defaultValue: s }) : '');
    switch (e.kind) {
      case 'transition':
      case 'reopen':
        return t(`complaints.event.${e.kind}`, { from: status(e.fromStatus), to: status(e.toStatus) });
      case 'escalation':
        return t('complaints.event.escalation', {
          to: e.data.to === 'lead' ? t('complaints.toLead') : code('department', String(e.data.to)),
        });
      case 'sla_warning':
      case 'sla_breach':
        return t(`complaints.event.${e.kind}`, { target: t(`complaints.target.${String(e.data.target)}`) });
      default:
        return t(`complaints.event.${e.kind}`, { defaultValue: e.kind });
    }
  };

  return (
    <Timeline
      data-testid="complaint-timeline"
      items={rows.map((e) => ({
        key: e.id,
        color: COLORS[e.kind] ?? 'blue',
        content: (
          <div data-testid="complaint-event" data-kind={e.kind}>
            <Typography.Text strong>{title(e)}</Typography.Text>
            <br />
            <Typography.Text type="secondary">
              {fmt.dateTime(e.at)} · {e.actorName ?? t('complaints.system')}
            </Typography.Text>
            {e.note && (
              <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                {e.note}
              </Typography.Paragraph>
            )}
          </div>
        ),
      }))}
    />
  );
};
