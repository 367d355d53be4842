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
    default:
      return t('notifications.kinds.other');
  }
};

/** Where clicking a notification leads, or null when it has no page. */
export const notificationLink = (n: NotificationOut): string | null => {
  if (n.entity === 'customer' && n.entityId) return `/customers/${n.entityId}`;
  if (n.entity === 'task') return '/tasks';
  return null;
};
