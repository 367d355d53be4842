import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  addDuration,
  businessTimeBetween,
  DEFAULT_BUSINESS_CALENDAR,
  hasWorkingTime,
  type BusinessCalendar,
} from './business-time.js';

const SH = 'Asia/Shanghai';
const H = 3_600_000;
/** Shanghai wall-clock time as an instant (UTC+8, no DST). */
const sh = (local: string) => new Date(`${local}+08:00`);
const cal = DEFAULT_BUSINESS_CALENDAR;
const labourDay: BusinessCalendar = {
  ...cal,
  holidays: ['2026-05-01', '2026-05-04', '2026-05-05'],
  workdays: ['2026-05-09'],
};

describe('business time', () => {
  it('runs across a weekend (Friday 16:00 + 4 h → Monday 11:00)', () => {
    expect(addBusinessTime(sh('2026-06-05T16:00:00'), 4 * H, cal, SH)).toEqual(sh('2026-06-08T11:00:00'));
  });

  it('ends at the close of a day rather than the next opening', () => {
    expect(addBusinessTime(sh('2026-06-05T09:00:00'), 9 * H, cal, SH)).toEqual(sh('2026-06-05T18:00:00'));
  });

  it('starts at the next opening when raised outside working hours', () => {
    expect(addBusinessTime(sh('2026-06-06T22:30:00'), 1 * H, cal, SH)).toEqual(sh('2026-06-08T10:00:00'));
    expect(addBusinessTime(sh('2026-06-08T07:00:00'), 30 * 60_000, cal, SH)).toEqual(
      sh('2026-06-08T09:30:00'),
    );
  });

  it('skips holidays (Thursday 17:00 + 3 h over the Labour Day holidays → Wednesday 11:00)', () => {
    // Fri 1 May, Mon 4 and Tue 5 May are holidays; Sat/Sun 2–3 May are the weekend.
    expect(addBusinessTime(sh('2026-04-30T17:00:00'), 3 * H, labourDay, SH)).toEqual(
      sh('2026-05-06T11:00:00'),
    );
  });

  it('counts make-up working days (Saturday 9 May)', () => {
    expect(addBusinessTime(sh('2026-05-08T17:00:00'), 2 * H, labourDay, SH)).toEqual(
      sh('2026-05-09T10:00:00'),
    );
    expect(addBusinessTime(sh('2026-05-08T17:00:00'), 2 * H, cal, SH)).toEqual(sh('2026-05-11T10:00:00'));
  });

  it('honours split working hours (lunch break)', () => {
    const lunch: BusinessCalendar = {
      ...cal,
      week: {
        ...cal.week,
        mon: [
          { start: '13:00', end: '18:00' },
          { start: '09:00', end: '12:00' },
        ],
      },
    };
    expect(addBusinessTime(sh('2026-06-08T11:00:00'), 2 * H, lunch, SH)).toEqual(sh('2026-06-08T14:00:00'));
  });

  it('follows daylight saving time in the zone', () => {
    const ny = 'America/New_York';
    // Friday 6 March 2026 17:00 EST + 2 h → Monday 9 March 10:00 EDT (DST began on Sunday 8 March).
    expect(addBusinessTime(new Date('2026-03-06T22:00:00Z'), 2 * H, cal, ny)).toEqual(
      new Date('2026-03-09T14:00:00Z'),
    );
  });

  it('measures working time between two instants', () => {
    expect(businessTimeBetween(sh('2026-06-05T17:00:00'), sh('2026-06-08T10:00:00'), cal, SH)).toBe(2 * H);
    expect(businessTimeBetween(sh('2026-06-06T10:00:00'), sh('2026-06-07T20:00:00'), cal, SH)).toBe(0);
    expect(businessTimeBetween(sh('2026-04-30T17:00:00'), sh('2026-05-06T11:00:00'), labourDay, SH)).toBe(
      3 * H,
    );
    expect(businessTimeBetween(sh('2026-06-08T10:00:00'), sh('2026-06-05T10:00:00'), cal, SH)).toBe(0);
  });

  it('adds calendar time as plain milliseconds', () => {
    const start = sh('2026-06-05T16:00:00');
    expect(addDuration(start, 4 * H, 'calendar', cal, SH)).toEqual(sh('2026-06-05T20:00:00'));
    expect(addDuration(start, 4 * H, 'business', cal, SH)).toEqual(sh('2026-06-08T11:00:00'));
  });

  it('refuses a calendar without working time', () => {
    const none: BusinessCalendar = {
      ...cal,
      week: { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] },
    };
    expect(hasWorkingTime(none)).toBe(false);
    expect(hasWorkingTime(cal)).toBe(true);
    expect(() => addBusinessTime(sh('2026-06-05T16:00:00'), H, none, SH)).toThrow();
  });
});
