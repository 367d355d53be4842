import {
  CareSettingsBody,
  TaskEscalationSettings,
  VisitCadenceSettings,
  type CareSettingsOut,
} from '@steward/contracts';
import {
  CARE_OCCASIONS,
  DEFAULT_CARE,
  DEFAULT_VISIT_CADENCE,
  careTemplate,
  type CareSettings,
  type VisitCadence,
} from '@steward/core';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { audit } from '../../platform/audit.js';
import { validationFailed } from '../../platform/errors.js';
import { orgLocale, readSetting, writeSetting } from './settings-repo.js';
import { visitPolicy } from './policy.js';
import { unknownPlaceholders } from '@steward/core';

export const DEFAULT_TASK_ESCALATION: TaskEscalationSettings = { delayHours: 24 };

/** A stored setting merged over its default; a stored value that no longer parses means the default. */
async function load<T extends object>(
  db: Db,
  orgId: string,
  key: string,
  schema: { safeParse: (v: unknown) => { success: boolean; data?: unknown } },
  fallback: T,
): Promise<T> {
  const raw = await readSetting(db, orgId, key);
  if (raw === null || typeof raw !== 'object') return fallback;
  const parsed = schema.safeParse({ ...fallback, ...(raw as object) });
  return parsed.success ? (parsed.data as T) : fallback;
}

export const visitCadenceOf = (db: Db, orgId: string): Promise<VisitCadence> =>
  load(db, orgId, 'visit_cadence', VisitCadenceSettings, DEFAULT_VISIT_CADENCE);
export const careSettingsOf = (db: Db, orgId: string): Promise<CareSettings> =>
  load(db, orgId, 'care', CareSettingsBody, DEFAULT_CARE);
export const escalationSettingsOf = (db: Db, orgId: string): Promise<TaskEscalationSettings> =>
  load(db, orgId, 'task_escalation', TaskEscalationSettings, DEFAULT_TASK_ESCALATION);

export async function getVisitCadence(deps: Deps, actor: Actor) {
  return visitCadenceOf(deps.db, actor.orgId);
}

export async function putVisitCadence(deps: Deps, actor: Actor, body: VisitCadenceSettings) {
  visitPolicy.assertCanEditReferenceData(actor);
  await deps.db.transaction(async (tx) => {
    await writeSetting(tx, actor.orgId, 'visit_cadence', body, actor.userId, deps.now());
    await audit(tx, actor, 'settings.update', 'org_settings', null, { key: 'visit_cadence', value: body });
  });
  return body;
}

async function presentCare(db: Db, orgId: string, s: CareSettings): Promise<CareSettingsOut> {
  const { language } = await orgLocale(db, orgId);
  const templates = Object.fromEntries(CARE_OCCASIONS.map((o) => [o, careTemplate(s, o, language)]));
  return { ...s, templates: templates as CareSettingsOut['templates'] };
}

export async function getCare(deps: Deps, actor: Actor) {
  return presentCare(deps.db, actor.orgId, await careSettingsOf(deps.db, actor.orgId));
}

export async function putCare(deps: Deps, actor: Actor, body: CareSettingsBody) {
  visitPolicy.assertCanEditReferenceData(actor);
  const problems: { path: string; message: string }[] = [];
  for (const [occasion, tpl] of Object.entries(body.templates))
    for (const field of ['title', 'message'] as const) {
      const unknown = tpl ? unknownPlaceholders(tpl[field]) : [];
      if (unknown.length)
        problems.push({
          path: `templates.${occasion}.${field}`,
          message: `unknown placeholder {${unknown[0]}}`,
        });
    }
  const codes = body.holidays.map((h) => h.code);
  codes.forEach((c, i) => {
    if (codes.indexOf(c) !== i) problems.push({ path: `holidays.${i}.code`, message: 'already used' });
  });
  if (problems.length) throw validationFailed(problems);
  await deps.db.transaction(async (tx) => {
    await writeSetting(tx, actor.orgId, 'care', body, actor.userId, deps.now());
    await audit(tx, actor, 'settings.update', 'org_settings', null, { key: 'care' });
  });
  return presentCare(deps.db, actor.orgId, body);
}

export async function getEscalation(deps: Deps, actor: Actor) {
  return escalationSettingsOf(deps.db, actor.orgId);
}

export async function putEscalation(deps: Deps, actor: Actor, body: TaskEscalationSettings) {
  visitPolicy.assertCanConfigure(actor);
  await deps.db.transaction(async (tx) => {
    await writeSetting(tx, actor.orgId, 'task_escalation', body, actor.userId, deps.now());
    await audit(tx, actor, 'settings.update', 'org_settings', null, { key: 'task_escalation', value: body });
  });
  return body;
}
