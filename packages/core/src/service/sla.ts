import { addDuration, type BusinessCalendar, type SlaMode } from './business-time.js';

export const COMPLAINT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];

export type SlaTarget = { firstResponseMinutes: number; resolutionMinutes: number };

/** A deadline template (e.g. regulatory: resolve within 15 days, extendable once to 30). */
export type DeadlineTemplate = {
  resolutionMinutes: number;
  extendedResolutionMinutes: number;
  /** Complaints raised through these channels get the template without asking for it. */
  channels: string[];
};

export type SlaPolicy = {
  mode: SlaMode;
  /** Warn when this fraction of a target has elapsed (0.8 → at 80 %); null: no warnings. */
  warnAtFraction: number | null;
  targets: Record<ComplaintSeverity, SlaTarget>;
  templates: Record<string, DeadlineTemplate>;
};

const HOUR = 60;
const DAY = 24 * HOUR;

export const REGULATORY_TEMPLATE = 'regulatory_15_30';

/** API.md: critical 1 h / 24 h, high 4 h / 3 days, medium 8 h / 7 days, low 24 h / 15 days, in calendar time. */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  mode: 'calendar',
  warnAtFraction: 0.8,
  targets: {
    critical: { firstResponseMinutes: 1 * HOUR, resolutionMinutes: 24 * HOUR },
    high: { firstResponseMinutes: 4 * HOUR, resolutionMinutes: 3 * DAY },
    medium: { firstResponseMinutes: 8 * HOUR, resolutionMinutes: 7 * DAY },
    low: { firstResponseMinutes: 24 * HOUR, resolutionMinutes: 15 * DAY },
  },
  templates: {
    [REGULATORY_TEMPLATE]: {
      resolutionMinutes: 15 * DAY,
      extendedResolutionMinutes: 30 * DAY,
      channels: ['regulator'],
    },
  },
};

export type SlaClock = {
  mode: SlaMode;
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  firstResponseWarnAt: Date | null;
  resolutionWarnAt: Date | null;
};

type Zone = { calendar: BusinessCalendar; timeZone: string };
const MIN = 60_000;

/** The warning instant of a target: `fraction` of it after the start (null without warnings). */
function warnAt(start: Date, minutes: number, fraction: number | null, mode: SlaMode, z: Zone): Date | null {
  if (fraction === null || fraction <= 0 || fraction >= 1) return null;
  return addDuration(start, Math.round(minutes * fraction * MIN), mode, z.calendar, z.timeZone);
}

/** The template a new complaint gets: the one asked for, else one bound to its channel, else none. */
export function templateFor(policy: SlaPolicy, channel: string, requested?: string | null): string | null {
  if (requested) return policy.templates[requested] ? requested : null;
  return Object.entries(policy.templates).find(([, t]) => t.channels.includes(channel))?.[0] ?? null;
}

/** Due and warning times of a complaint raised at `start` (a template overrides the resolution target). */
export function slaClock(
  policy: SlaPolicy,
  severity: ComplaintSeverity,
  start: Date,
  zone: Zone,
  template: string | null = null,
): SlaClock {
  const target = policy.targets[severity];
  const tpl = template ? policy.templates[template] : undefined;
  const resolution = tpl ? tpl.resolutionMinutes : target.resolutionMinutes;
  const mode = policy.mode;
  const add = (minutes: number) => addDuration(start, minutes * MIN, mode, zone.calendar, zone.timeZone);
  return {
    mode,
    firstResponseDueAt: add(target.firstResponseMinutes),
    resolutionDueAt: add(resolution),
    firstResponseWarnAt: warnAt(start, target.firstResponseMinutes, policy.warnAtFraction, mode, zone),
    resolutionWarnAt: warnAt(start, resolution, policy.warnAtFraction, mode, zone),
  };
}

/**
 * After a pause: the resolution due and warning times move forward by the paused time, counted
 * in the clock's mode (a weekend pause moves a business-time deadline by nothing).
 */
export function shiftForPause(
  clock: { resolutionDueAt: Date; resolutionWarnAt: Date | null },
  pausedMs: number,
  mode: SlaMode,
  zone: Zone,
) {
  const shift = (d: Date) => addDuration(d, pausedMs, mode, zone.calendar, zone.timeZone);
  return {
    resolutionDueAt: shift(clock.resolutionDueAt),
    resolutionWarnAt: clock.resolutionWarnAt ? shift(clock.resolutionWarnAt) : null,
  };
}

/**
 * A template's one extension: the deadline moves by the difference between the extended and the
 * original target; the warning moves by the same fraction of it, so it stays at that fraction.
 */
export function extendClock(
  clock: { resolutionDueAt: Date; resolutionWarnAt: Date | null },
  tpl: DeadlineTemplate,
  warnAtFraction: number | null,
  mode: SlaMode,
  zone: Zone,
) {
  const extra = (tpl.extendedResolutionMinutes - tpl.resolutionMinutes) * MIN;
  const add = (d: Date, ms: number) => addDuration(d, ms, mode, zone.calendar, zone.timeZone);
  const fraction = warnAtFraction ?? 0;
  return {
    resolutionDueAt: add(clock.resolutionDueAt, extra),
    resolutionWarnAt: clock.resolutionWarnAt
      ? add(clock.resolutionWarnAt, Math.round(extra * fraction))
      : null,
  };
}

export type SlaState = 'normal' | 'warning' | 'breached' | 'paused' | 'met' | 'missed';

/**
 * Where a complaint's clock stands at `now`: the target that is running (first response until
 * answered, then resolution) and its state. A finished complaint is `met` or `missed`.
 */
export function slaState(
  c: {
    status: string;
    firstResponseDueAt: Date;
    resolutionDueAt: Date;
    firstResponseWarnAt: Date | null;
    resolutionWarnAt: Date | null;
    firstRespondedAt: Date | null;
    resolvedAt: Date | null;
    pausedAt: Date | null;
  },
  now: Date,
): { target: 'first_response' | 'resolution'; state: SlaState; dueAt: Date } {
  const done = c.status === 'resolved' || c.status === 'closed';
  if (done) {
    const late =
      (c.resolvedAt ?? now) > c.resolutionDueAt ||
      (c.firstRespondedAt !== null && c.firstRespondedAt > c.firstResponseDueAt);
    return { target: 'resolution', state: late ? 'missed' : 'met', dueAt: c.resolutionDueAt };
  }
  const target = c.firstRespondedAt ? 'resolution' : 'first_response';
  const dueAt = target === 'resolution' ? c.resolutionDueAt : c.firstResponseDueAt;
  const warn = target === 'resolution' ? c.resolutionWarnAt : c.firstResponseWarnAt;
  const at = c.pausedAt ?? now;
  if (at >= dueAt) return { target, state: 'breached', dueAt };
  if (c.pausedAt) return { target, state: 'paused', dueAt };
  if (warn && at >= warn) return { target, state: 'warning', dueAt };
  return { target, state: 'normal', dueAt };
}
