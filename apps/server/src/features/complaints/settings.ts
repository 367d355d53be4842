import { and, eq, inArray } from 'drizzle-orm';
import {
  DEFAULT_BUSINESS_CALENDAR,
  DEFAULT_SLA_POLICY,
  hasWorkingTime,
  type BusinessCalendar,
  type SlaPolicy,
} from '@steward/core';
import {
  BusinessCalendarSchema,
  SlaPolicySchema,
  type BusinessCalendarBody,
  type SlaPolicyBody,
} from '@steward/contracts';
import type { Db } from '../../db/client.js';
import { organizations, orgSettings } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { audit } from '../../platform/audit.js';
import { badField } from './errors.js';
import { complaintPolicy } from './policy.js';

export const SLA_POLICY_KEY = 'sla_policy';
export const BUSINESS_CALENDAR_KEY = 'business_calendar';

export type SlaSettings = { policy: SlaPolicy; calendar: BusinessCalendar; timeZone: string };

/**
 * The organization's SLA policy, business calendar and time zone; a missing (or no longer valid)
 * setting means the documented default.
 */
export async function loadSlaSettings(db: Db, orgId: string): Promise<SlaSettings> {
  const rows = await db
    .select({ key: orgSettings.key, value: orgSettings.value })
    .from(orgSettings)
    .where(
      and(eq(orgSettings.orgId, orgId), inArray(orgSettings.key, [SLA_POLICY_KEY, BUSINESS_CALENDAR_KEY])),
    );
  const [org] = await db
    .select({ tz: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  const policy = SlaPolicySchema.safeParse(rows.find((r) => r.key === SLA_POLICY_KEY)?.value);
  const calendar = BusinessCalendarSchema.safeParse(rows.find((r) => r.key === BUSINESS_CALENDAR_KEY)?.value);
  return {
    policy: policy.success ? policy.data : DEFAULT_SLA_POLICY,
    calendar: calendar.success ? calendar.data : DEFAULT_BUSINESS_CALENDAR,
    timeZone: org?.tz ?? 'Asia/Shanghai',
  };
}

async function save(tx: Db, actor: Actor, key: string, value: unknown, now: Date) {
  await tx
    .insert(orgSettings)
    .values({ orgId: actor.orgId, key, value, updatedBy: actor.userId, updatedAt: now })
    .onConflictDoUpdate({
      target: [orgSettings.orgId, orgSettings.key],
      set: { value, updatedBy: actor.userId, updatedAt: now },
    });
  await audit(tx, actor, 'settings.update', 'org_settings', null, { key, value });
}

export async function getSlaPolicy(deps: Deps, actor: Actor): Promise<SlaPolicyBody> {
  return (await loadSlaSettings(deps.db, actor.orgId)).policy;
}

/** Replaces the policy; complaints already raised keep the due times they were given. */
export async function putSlaPolicy(deps: Deps, actor: Actor, body: SlaPolicyBody): Promise<SlaPolicyBody> {
  complaintPolicy.assertCanManageSettings(actor);
  return deps.db.transaction(async (tx) => {
    if (body.mode === 'business') {
      const { calendar } = await loadSlaSettings(tx, actor.orgId);
      if (!hasWorkingTime(calendar)) throw badField('mode', 'the business calendar has no working hours');
    }
    await save(tx, actor, SLA_POLICY_KEY, body, deps.now());
    return body;
  });
}

export async function getBusinessCalendar(deps: Deps, actor: Actor) {
  const s = await loadSlaSettings(deps.db, actor.orgId);
  return { ...s.calendar, timeZone: s.timeZone };
}

export async function putBusinessCalendar(deps: Deps, actor: Actor, body: BusinessCalendarBody) {
  complaintPolicy.assertCanManageSettings(actor);
  if (!hasWorkingTime(body)) throw badField('week', 'at least one day needs working hours');
  const clash = body.holidays.find((d) => body.workdays.includes(d));
  if (clash) throw badField('workdays', `${clash} is also a holiday`);
  return deps.db.transaction(async (tx) => {
    await save(tx, actor, BUSINESS_CALENDAR_KEY, body, deps.now());
    const s = await loadSlaSettings(tx, actor.orgId);
    return { ...s.calendar, timeZone: s.timeZone };
  });
}
