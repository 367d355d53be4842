/**
 * Business time: durations counted only inside working hours, in an organization's time zone,
 * skipping holidays and counting make-up working days (调休). Pure; instants are Date objects.
 */

import { zoneFormatter } from '../time/zones.js';

/** A working interval of a local day, "HH:MM" to "HH:MM" (end after start; "24:00" allowed). */
export type WorkInterval = { start: string; end: string };

export const BUSINESS_WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type BusinessWeekday = (typeof BUSINESS_WEEKDAYS)[number];

export type BusinessCalendar = {
  /** Working intervals per weekday; an empty list is a day off. */
  week: Record<BusinessWeekday, WorkInterval[]>;
  /** Local dates (YYYY-MM-DD) that are days off whatever their weekday. */
  holidays: string[];
  /** Local dates that are working days whatever their weekday (make-up days), with `makeUpHours`. */
  workdays: string[];
  makeUpHours: WorkInterval[];
};

const NINE_TO_SIX: WorkInterval[] = [{ start: '09:00', end: '18:00' }];

/** Monday to Friday, 09:00–18:00, no holidays: what an organization has until it sets its own. */
export const DEFAULT_BUSINESS_CALENDAR: BusinessCalendar = {
  week: {
    sun: [],
    mon: NINE_TO_SIX,
    tue: NINE_TO_SIX,
    wed: NINE_TO_SIX,
    thu: NINE_TO_SIX,
    fri: NINE_TO_SIX,
    sat: [],
  },
  holidays: [],
  workdays: [],
  makeUpHours: NINE_TO_SIX,
};

export type SlaMode = 'calendar' | 'business';

/** The longest stretch searched for working time before giving up (a calendar without any). */
const MAX_DAYS = 3 * 366;

function localParts(instantMs: number, timeZone: string) {
  const parts = zoneFormatter(timeZone).formatToParts(new Date(instantMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return {
    y: get('year'),
    m: get('month'),
    d: get('day'),
    h: get('hour'),
    min: get('minute'),
    s: get('second'),
  };
}

function offsetMs(instantMs: number, timeZone: string): number {
  const p = localParts(instantMs, timeZone);
  const asUtc = Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
function localDateOf(instant: Date, timeZone: string): string {
  const p = localParts(instant.getTime(), timeZone);
  return `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};

/** The instant of a local wall-clock time (minutes after midnight) on a local date. */
function zonedInstant(day: string, minutes: number, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number);
  const wall = Date.UTC(y!, m! - 1, d!) + minutes * 60_000;
  const first = wall - offsetMs(wall, timeZone);
  // Re-check once with the offset at the candidate instant (DST changes).
  return wall - offsetMs(first, timeZone);
}

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + 1)).toISOString().slice(0, 10);
}

function weekdayOf(day: string): BusinessWeekday {
  const [y, m, d] = day.split('-').map(Number);
  return BUSINESS_WEEKDAYS[new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay()]!;
}

/** The working intervals of one local date as instants [start, end), in order. */
export function workingIntervals(day: string, cal: BusinessCalendar, timeZone: string): [number, number][] {
  let hours: WorkInterval[];
  if (cal.workdays.includes(day)) hours = cal.makeUpHours;
  else if (cal.holidays.includes(day)) hours = [];
  else hours = cal.week[weekdayOf(day)];
  return [...hours]
    .sort((a, b) => minutesOf(a.start) - minutesOf(b.start))
    .map((w) => [
      zonedInstant(day, minutesOf(w.start), timeZone),
      zonedInstant(day, minutesOf(w.end), timeZone),
    ]);
}

/** Whether the calendar has any working time at all (else business time never advances). */
export function hasWorkingTime(cal: BusinessCalendar): boolean {
  const some = (hs: WorkInterval[]) => hs.some((w) => minutesOf(w.end) > minutesOf(w.start));
  return (
    BUSINESS_WEEKDAYS.some((d) => some(cal.week[d])) || (cal.workdays.length > 0 && some(cal.makeUpHours))
  );
}

/**
 * `start` plus `ms` of working time. Lands at the end of a working interval rather than the start of
 * the next one (09:00 Friday + 9 h → 18:00 Friday). Zero or less returns `start`.
 */
export function addBusinessTime(start: Date, ms: number, cal: BusinessCalendar, timeZone: string): Date {
  if (ms <= 0) return new Date(start.getTime());
  let remaining = ms;
  const from = start.getTime();
  let day = localDateOf(new Date(from - 86_400_000), timeZone); // an interval may reach over midnight
  for (let i = 0; i < MAX_DAYS; i++, day = nextDay(day)) {
    for (const [s0, e] of workingIntervals(day, cal, timeZone)) {
      const s = Math.max(s0, from);
      if (e <= s) continue;
      if (remaining <= e - s) return new Date(s + remaining);
      remaining -= e - s;
    }
  }
  throw new Error('The business calendar has no working time in the next three years.');
}

/** Working time between two instants (0 when `to` is not after `from`). */
export function businessTimeBetween(from: Date, to: Date, cal: BusinessCalendar, timeZone: string): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  let total = 0;
  let day = localDateOf(new Date(a - 86_400_000), timeZone);
  for (let i = 0; i < MAX_DAYS * 10; i++, day = nextDay(day)) {
    const intervals = workingIntervals(day, cal, timeZone);
    for (const [s, e] of intervals) total += Math.max(0, Math.min(e, b) - Math.max(s, a));
    if (zonedInstant(day, 0, timeZone) > b) break;
  }
  return total;
}

/** Adds a duration in calendar or business time. */
export function addDuration(
  start: Date,
  ms: number,
  mode: SlaMode,
  cal: BusinessCalendar,
  timeZone: string,
): Date {
  return mode === 'business' ? addBusinessTime(start, ms, cal, timeZone) : new Date(start.getTime() + ms);
}

/** The duration between two instants in calendar or business time. */
export function durationBetween(
  from: Date,
  to: Date,
  mode: SlaMode,
  cal: BusinessCalendar,
  timeZone: string,
): number {
  return mode === 'business'
    ? businessTimeBetween(from, to, cal, timeZone)
    : Math.max(0, to.getTime() - from.getTime());
}
