import { startOfLocalDay, zoneOffsetMinutes } from '../time/zones.js';

/** A calendar day as YYYY-MM-DD. */
export type Day = string;

const DAY = 86_400_000;

/** The local calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function localDayOf(instant: Date, timeZone: string): Day {
  return new Date(instant.getTime() + zoneOffsetMinutes(instant, timeZone) * 60_000)
    .toISOString()
    .slice(0, 10);
}

/** A calendar day `n` days after (or before, negative) another. */
export function addDays(day: Day, n: number): Day {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

export const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** The instant a local time of day (hours) on a calendar day falls on in a time zone. */
export function localTimeOn(day: Day, hour: number, timeZone: string): Date {
  return new Date(startOfLocalDay(day, timeZone).getTime() + hour * 3_600_000);
}
