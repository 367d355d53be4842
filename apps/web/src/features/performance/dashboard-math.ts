import dayjs from 'dayjs';
import type { GoalOut } from '@steward/contracts';
import type { Period } from './period';

export type TrendMonth = { from: string; to: string; label: string };

/**
 * The months of the sales trend: the months of the period, and before them as many as make six
 * (a month shows its last six, a quarter its own three and the three before, a year its twelve).
 */
export function trendMonths(period: Period): TrendMonth[] {
  const last = dayjs(period.to).startOf('month');
  const inPeriod = last.diff(dayjs(period.from).startOf('month'), 'month') + 1;
  const n = Math.max(6, Math.min(12, inPeriod));
  return Array.from({ length: n }, (_, i) => {
    const m = last.subtract(n - 1 - i, 'month');
    return {
      from: m.format('YYYY-MM-DD'),
      to: m.endOf('month').format('YYYY-MM-DD'),
      label: m.format('YYYY-MM'),
    };
  });
}

const days = (from: string, to: string) => dayjs(to).diff(dayjs(from), 'day') + 1;

/**
 * The target of a month from goals: each goal's target spread evenly over its days (the same
 * straight line its progress is judged against), the part falling in the month summed. Null when
 * no goal touches the month.
 */
export function monthTarget(goals: Pick<GoalOut, 'periodStart' | 'periodEnd' | 'target'>[], m: TrendMonth) {
  let sum: number | null = null;
  for (const g of goals) {
    const from = g.periodStart > m.from ? g.periodStart : m.from;
    const to = g.periodEnd < m.to ? g.periodEnd : m.to;
    if (from > to) continue;
    sum = (sum ?? 0) + (g.target * days(from, to)) / days(g.periodStart, g.periodEnd);
  }
  return sum === null ? null : Math.round(sum * 100) / 100;
}

/** A bucket of the score distribution: scores from `from` up to (not including) `to`. */
export type ScoreBucket = { from: number; to: number; count: number };

/**
 * Overall scores in buckets of ten from 0 to at least 100 (higher when a cap lets scores pass
 * 100; the last bucket includes its upper end). People without a score are left out.
 */
export function scoreBuckets(scores: (number | null)[]): ScoreBucket[] {
  const known = scores.filter((s): s is number => s !== null && Number.isFinite(s));
  const top = Math.max(100, Math.ceil(Math.max(0, ...known) / 10) * 10);
  const buckets = Array.from({ length: top / 10 }, (_, i) => ({ from: i * 10, to: i * 10 + 10, count: 0 }));
  for (const s of known) buckets[Math.min(buckets.length - 1, Math.max(0, Math.floor(s / 10)))]!.count++;
  return buckets;
}

/** The KPIs of the radar, each put on 0..100 so they share one scale. */
export const RADAR_KPIS = [
  'retention_rate',
  'visit_completion_rate',
  'task_on_time_rate',
  'profile_completeness',
  'avg_satisfaction',
  'nps',
] as const;

/**
 * A KPI value on the radar's 0..100 scale: ratios as percents, percents as they are, a 1–5
 * satisfaction as its share of 5, NPS (−100..100) shifted to 0..100. Null stays null (no data).
 */
export function radarValue(kpi: string, value: number | null): number | null {
  if (value === null) return null;
  const v =
    kpi === 'avg_satisfaction'
      ? (value / 5) * 100
      : kpi === 'nps'
        ? (value + 100) / 2
        : kpi === 'profile_completeness'
          ? value
          : value * 100;
  return Math.round(Math.min(100, Math.max(0, v)) * 10) / 10;
}
