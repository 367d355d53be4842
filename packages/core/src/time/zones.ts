const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A formatter of the local date and time (24 h) in a time zone, made once per zone: making one
 * costs far more than formatting with it (a KPI request converts dozens of local days).
 */
export function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * Offset of a time zone from UTC at an instant, in minutes (Asia/Shanghai → 480), from the
 * IANA database that Intl carries.
 */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = zoneFormatter(timeZone).formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant a local calendar day (YYYY-MM-DD) starts in a time zone. */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const guess = new Date(`${day}T00:00:00Z`);
  const first = new Date(guess.getTime() - zoneOffsetMinutes(guess, timeZone) * 60_000);
  // Re-check once: the offset at the true instant can differ around a DST change.
  return new Date(guess.getTime() - zoneOffsetMinutes(first, timeZone) * 60_000);
}

/** The last millisecond of a local calendar day in a time zone (inclusive end of the day). */
export function endOfLocalDay(day: string, timeZone: string): Date {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return new Date(startOfLocalDay(next.toISOString().slice(0, 10), timeZone).getTime() - 1);
}
