import { useEffect, useState } from 'react';
import { Tag, Tooltip } from 'antd';
import type { ComplaintOut } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/format';

export const SEVERITY_COLORS: Record<ComplaintOut['severity'], string> = {
  low: 'default',
  medium: 'blue',
  high: 'orange',
  critical: 'red',
};
export const STATUS_COLORS: Record<ComplaintOut['status'], string> = {
  open: 'magenta',
  acknowledged: 'geekblue',
  in_progress: 'processing',
  waiting_customer: 'purple',
  resolved: 'success',
  closed: 'default',
};
const STATE_COLORS: Record<ComplaintOut['sla']['state'], string> = {
  normal: 'green',
  warning: 'gold',
  breached: 'red',
  paused: 'default',
  met: 'green',
  missed: 'red',
};

export const SeverityTag = ({ severity }: { severity: ComplaintOut['severity'] }) => {
  const { t } = useTranslation();
  return <Tag color={SEVERITY_COLORS[severity]}>{t(`complaints.severity.${severity}`)}</Tag>;
};

export const StatusTag = ({ status }: { status: ComplaintOut['status'] }) => {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="complaint-status">
      {t(`complaints.status.${status}`)}
    </Tag>
  );
};

/** A known code shown translated, anything else as written. */
export const useCode = () => {
  const { t } = useTranslation();
  return (group: 'category' | 'channel' | 'department', code: string) =>
    t(`complaints.${group}.${code}`, { defaultValue: code });
};

/** "2 h 5 min" / "3 d 4 h" from milliseconds (absolute value). */
export const useSpan = () => {
  const { t } = useTranslation();
  return (ms: number) => {
    const m = Math.floor(Math.abs(ms) / 60_000);
    const d = Math.floor(m / 1440);
    const h = Math.floor((m % 1440) / 60);
    if (d > 0) return t('complaints.span.dh', { d, h });
    if (h > 0) return t('complaints.span.hm', { h, m: m % 60 });
    return t('complaints.span.m', { m });
  };
};

/** The request clock, ticking every 30 seconds so countdowns move on their own. */
export const useNow = () => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
};

/**
 * The running SLA target as a coloured countdown: green while on track, gold after the warning
 * time, red once breached; grey while paused; met/missed once finished.
 */
export const SlaCountdown = ({ complaint: c }: { complaint: ComplaintOut }) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const span = useSpan();
  const now = useNow();
  const due = new Date(c.sla.dueAt).getTime();
  const warn = c.sla.target === 'first_response' ? c.firstResponseWarnAt : c.resolutionWarnAt;
  // Re-judge on the client clock so a page left open turns colour without a reload.
  let state = c.sla.state;
  if (state === 'normal' || state === 'warning') {
    if (now >= due) state = 'breached';
    else if (warn && now >= new Date(warn).getTime()) state = 'warning';
  }
  const target = t(`complaints.target.${c.sla.target}`);
  const text =
    state === 'paused'
      ? t('complaints.sla.paused')
      : state === 'met' || state === 'missed'
        ? t(`complaints.sla.${state}`)
        : state === 'breached'
          ? t('complaints.sla.overdue', { target, span: span(now - due) })
          : t('complaints.sla.left', { target, span: span(due - now) });
  return (
    <Tooltip title={t('complaints.sla.due', { target, at: fmt.dateTime(c.sla.dueAt) })}>
      <Tag color={STATE_COLORS[state]} data-testid="sla-countdown" data-state={state}>
        {text}
      </Tag>
    </Tooltip>
  );
};
