import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_CALENDAR } from './business-time.js';
import {
  DEFAULT_SLA_POLICY,
  extendClock,
  REGULATORY_TEMPLATE,
  shiftForPause,
  slaClock,
  slaState,
  templateFor,
} from './sla.js';

const SH = 'Asia/Shanghai';
const zone = { calendar: DEFAULT_BUSINESS_CALENDAR, timeZone: SH };
const H = 3_600_000;
const at = new Date('2026-06-01T00:00:00Z');
const plus = (ms: number) => new Date(at.getTime() + ms);
const sh = (local: string) => new Date(`${local}+08:00`);

describe('SLA clocks', () => {
  it.each([
    ['critical', 1, 24],
    ['high', 4, 72],
    ['medium', 8, 168],
    ['low', 24, 360],
  ] as const)('default %s: first response %d h, resolution %d h, warnings at 80 %%', (sev, fr, res) => {
    const c = slaClock(DEFAULT_SLA_POLICY, sev, at, zone);
    expect(c.mode).toBe('calendar');
    expect(c.firstResponseDueAt).toEqual(plus(fr * H));
    expect(c.resolutionDueAt).toEqual(plus(res * H));
    expect(c.firstResponseWarnAt).toEqual(plus(fr * H * 0.8));
    expect(c.resolutionWarnAt).toEqual(plus(res * H * 0.8));
  });

  it('counts business time when the policy says so', () => {
    const policy = { ...DEFAULT_SLA_POLICY, mode: 'business' as const };
    const c = slaClock(policy, 'high', sh('2026-06-05T16:00:00'), zone);
    expect(c.firstResponseDueAt).toEqual(sh('2026-06-08T11:00:00'));
    // 72 business hours = 8 working days of 9 h: Fri 2 h, then Mon 8 Jun … Wed 17 Jun 16:00 (70 h).
    expect(c.resolutionDueAt).toEqual(sh('2026-06-17T16:00:00'));
  });

  it('has no warnings when warnAtFraction is null', () => {
    const c = slaClock({ ...DEFAULT_SLA_POLICY, warnAtFraction: null }, 'low', at, zone);
    expect(c.firstResponseWarnAt).toBeNull();
    expect(c.resolutionWarnAt).toBeNull();
  });

  it('shifts the resolution clock by a pause, in the clock mode', () => {
    const clock = { resolutionDueAt: sh('2026-06-09T12:00:00'), resolutionWarnAt: sh('2026-06-09T10:00:00') };
    expect(shiftForPause(clock, 2 * H, 'business', zone)).toEqual({
      resolutionDueAt: sh('2026-06-09T14:00:00'),
      resolutionWarnAt: sh('2026-06-09T12:00:00'),
    });
    expect(shiftForPause(clock, 26 * H, 'calendar', zone).resolutionDueAt).toEqual(sh('2026-06-10T14:00:00'));
  });

  it('applies the regulatory template by channel and extends it once to 30 days', () => {
    expect(templateFor(DEFAULT_SLA_POLICY, 'regulator')).toBe(REGULATORY_TEMPLATE);
    expect(templateFor(DEFAULT_SLA_POLICY, 'phone')).toBeNull();
    expect(templateFor(DEFAULT_SLA_POLICY, 'phone', REGULATORY_TEMPLATE)).toBe(REGULATORY_TEMPLATE);
    const c = slaClock(DEFAULT_SLA_POLICY, 'critical', at, zone, REGULATORY_TEMPLATE);
    expect(c.resolutionDueAt).toEqual(plus(15 * 24 * H));
    const tpl = DEFAULT_SLA_POLICY.templates[REGULATORY_TEMPLATE]!;
    const e = extendClock(c, tpl, 0.8, 'calendar', zone);
    expect(e.resolutionDueAt).toEqual(plus(30 * 24 * H));
    expect(e.resolutionWarnAt).toEqual(plus(24 * 24 * H));
  });

  it('reports the running target and its state', () => {
    const c = {
      status: 'open',
      firstResponseDueAt: plus(H),
      resolutionDueAt: plus(24 * H),
      firstResponseWarnAt: plus(0.8 * H),
      resolutionWarnAt: plus(19.2 * H),
      firstRespondedAt: null as Date | null,
      resolvedAt: null as Date | null,
      pausedAt: null as Date | null,
    };
    expect(slaState(c, plus(0.5 * H))).toEqual({ target: 'first_response', state: 'normal', dueAt: plus(H) });
    expect(slaState(c, plus(0.9 * H)).state).toBe('warning');
    expect(slaState(c, plus(H)).state).toBe('breached');
    const answered = { ...c, status: 'in_progress', firstRespondedAt: plus(0.5 * H) };
    expect(slaState(answered, plus(2 * H))).toEqual({
      target: 'resolution',
      state: 'normal',
      dueAt: plus(24 * H),
    });
    expect(slaState({ ...answered, pausedAt: plus(3 * H) }, plus(30 * H)).state).toBe('paused');
    expect(slaState({ ...answered, status: 'resolved', resolvedAt: plus(5 * H) }, plus(50 * H)).state).toBe(
      'met',
    );
    expect(slaState({ ...answered, status: 'closed', resolvedAt: plus(25 * H) }, plus(50 * H)).state).toBe(
      'missed',
    );
  });
});
