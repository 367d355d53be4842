import { describe, expect, it } from 'vitest';
import { endOfLocalDay, startOfLocalDay, zoneOffsetMinutes } from './zones.js';

describe('time zones', () => {
  it.each([
    ['2026-06-01T00:00:00Z', 'Asia/Shanghai', 480],
    ['2026-06-01T00:00:00Z', 'UTC', 0],
    ['2026-01-15T12:00:00Z', 'America/New_York', -300],
    ['2026-07-15T12:00:00Z', 'America/New_York', -240],
  ])('offset at %s in %s is %d minutes', (at, tz, minutes) =>
    expect(zoneOffsetMinutes(new Date(at), tz)).toBe(minutes),
  );

  it('gives local day bounds', () => {
    expect(startOfLocalDay('2026-12-01', 'Asia/Shanghai').toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(endOfLocalDay('2026-12-01', 'Asia/Shanghai').toISOString()).toBe('2026-12-01T15:59:59.999Z');
    expect(endOfLocalDay('2026-12-31', 'UTC').toISOString()).toBe('2026-12-31T23:59:59.999Z');
    // the day DST starts in New York is 23 hours long
    const start = startOfLocalDay('2026-03-08', 'America/New_York').getTime();
    expect((endOfLocalDay('2026-03-08', 'America/New_York').getTime() + 1 - start) / 3_600_000).toBe(23);
  });
});
