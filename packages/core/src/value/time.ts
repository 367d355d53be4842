/** Time units for the value models, and calendar-day arithmetic on ISO dates (no clock). */

export type TimeUnit = 'day' | 'week' | 'month';

/** Days per time unit; a month is the mean Gregorian month, 365.25 / 12 = 30.4375 days. */
export const DAYS_PER_UNIT: Record<TimeUnit, number> = { day: 1, week: 7, month: 365.25 / 12 };

const MS_PER_DAY = 86_400_000;

/**
 * Day number (days since 1970-01-01) of an ISO date 'YYYY-MM-DD' (a longer ISO timestamp is cut
 * to its date part; the caller decides the time zone by the date it passes).
 */
export function dayNumber(isoDate: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) throw new RangeError(`not an ISO date: ${isoDate}`);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY);
}

/** ISO date 'YYYY-MM-DD' of a day number. */
export function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (ISO dates); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}
