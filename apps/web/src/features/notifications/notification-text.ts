import type { NotificationOut } from '@steward/contracts';
import type { TFunction } from 'i18next';
import type { Formatters } from '../../shared/format';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The sentence a notification reads as, by kind, in the interface language. */
export const notificationText = (t: TFunction, fmt: Formatters, n: NotificationOut): string => {
  const d = n.data;
  switch (n.kind) {
    case 'task_assigned': {
      const main = t('notifications.kinds.task_assigned', {
        by: str(d.by) || t('notifications.someone'),
        title: str(d.title),
      });
      const due = str(d.dueAt);
      return due
        ? `${main} · ${t('notifications.kinds.task_assigned_due', { due: fmt.dateTime(due) })}`
        : main;
    }
    case 'reclaim_warning':
      return t('notifications.kinds.reclaim_warning', { due: fmt.date(str(d.dueAt) || null) });
    case 'customer_reclaimed':
      return t('notifications.kinds.customer_reclaimed');
    case 'churn_alert':
      return t('notifications.kinds.churn_alert');
    case 'complaint_assigned':
      return t('notifications.kinds.complaint_assigned', {
        by: str(d.by) || t('notifications.someone'),
        customer: str(d.customerName),
      });
    case 'complaint_escalated':
      return t('notifications.kinds.complaint_escalated', { customer: str(d.customerName) });
    case 'complaint_sla_warning':
    case 'complaint_sla_breach':
      return t(`notifications.kinds.${n.kind}`, {
        customer: str(d.customerName),
        target:
          d.target === 'first_response'
            ? t('notifications.kinds.sla_first_response')
            : t('notifications.kinds.sla_resolution'),
        due: fmt.dateTime(str(d.dueAt) || null),
      });
    case 'complaint_sla_warning_digest':
    case 'complaint_sla_breach_digest':
      // One per recipient and run when a run flags several of their complaints at once.
      return t(`notifications.kinds.${n.kind}`, {
        n: String(d.count ?? ''),
        target:
          d.target === 'first_response'
            ? t('notifications.kinds.sla_first_response')
            : t('notifications.kinds.sla_resolution'),
        from: fmt.dateTime(str(d.firstDueAt) || null),
        to: fmt.dateTime(str(d.lastDueAt) || null),
      });
    case 'task_escalated':
      return t('notifications.kinds.task_escalated', { title: str(d.title) });
    case 'task_reminder':
      return t('notifications.kinds.task_reminder', {
        title: str(d.title),
        due: fmt.dateTime(str(d.dueAt) || null),
      });
    case 'survey_low_score':
      return t('notifications.kinds.survey_low_score', {
        customer: str(d.customerName),
        score: String(d.score ?? ''),
      });
    case 'goal_off_track':
      return t('notifications.kinds.goal_off_track', { subject: str(d.subjectName) });
    case 'review_signed':
      return t('notifications.kinds.review_signed', {
        by: str(d.reviewerName) || t('notifications.someone'),
      });
    case 'review_acknowledged':
      return t('notifications.kinds.review_acknowledged', {
        by: str(d.managerName) || t('notifications.someone'),
      });
    case 'webhook_disabled':
      return t('notifications.kinds.webhook_disabled', { url: str(d.url) });
    default:
      return t('notifications.kinds.other');
  }
};

/** Where clicking a notification leads, or null when it has no page. */
export const notificationLink = (n: NotificationOut): string | null => {
  if (n.entity === 'customer' && n.entityId) return `/customers/${n.entityId}`;
  if (n.entity === 'task') return '/tasks';
  if (n.entity === 'complaint' && n.entityId) return `/complaints/${n.entityId}`;
  if (n.entity === 'complaint') return '/complaints';
  if (n.entity === 'review' && n.entityId) return `/performance/reviews/${n.entityId}`;
  if (n.entity === 'goal') return '/performance';
  if (n.entity === 'webhook') return '/settings/webhooks';
  return null;
};
