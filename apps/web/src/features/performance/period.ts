import dayjs, { type Dayjs } from 'dayjs';

export type PeriodKind = 'month' | 'quarter' | 'year' | 'range';
export const PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'year', 'range'];
export type Period = { kind: PeriodKind; from: string; to: string };

const D = 'YYYY-MM-DD';

/** The month, quarter or year that contains a day, as inclusive dates. */
export function periodOf(kind: Exclude<PeriodKind, 'range'>, day: Dayjs): Period {
  if (kind === 'year') return { kind, from: day.startOf('year').format(D), to: day.endOf('year').format(D) };
  if (kind === 'month')
    return { kind, from: day.startOf('month').format(D), to: day.endOf('month').format(D) };
  const first = day.month() - (day.month() % 3);
  const start = day.month(first).startOf('month');
  return { kind, from: start.format(D), to: start.add(2, 'month').endOf('month').format(D) };
}

export const rangePeriod = (from: Dayjs, to: Dayjs): Period => ({
  kind: 'range',
  from: from.format(D),
  to: to.format(D),
});

export const thisMonth = (): Period => periodOf('month', dayjs());
