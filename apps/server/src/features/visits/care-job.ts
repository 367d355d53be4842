import { sql } from 'drizzle-orm';
import {
  annualWindow,
  addCalendarDays,
  careSourceKey,
  careTemplate,
  holidaysInWindow,
  localDayOf,
  localTimeOn,
  renderTemplate,
  type CareOccasion,
  type TemplateVars,
} from '@steward/core';
import type { Db } from '../../db/client.js';
import { auditLog, tasks } from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';
import type { JobContext, JobDefinition } from '../../platform/jobs/types.js';
import * as repo from './care-repo.js';
import { orgLocale } from './settings-repo.js';
import { careSettingsOf } from './settings.js';

const BATCH = 1000;
/** Care tasks are due at 09:00 local time on the occasion's day. */
const DUE_HOUR = 9;

type CareTask = {
  occasion: CareOccasion;
  key: string;
  customerId: string;
  ownerId: string;
  day: string;
  vars: TemplateVars;
  data: Record<string, unknown>;
};

/**
 * The scheduled job `care-reminders`: contact birthdays, first-order and contract anniversaries and
 * the organization's holidays that fall from the local day of `asOf` to `daysAhead` days later
 * become care tasks for the customer's owner, titled and worded from the templates. One task per
 * occasion, person or customer, and year (source key `care:{occasion}:{id}:{year}`, ON CONFLICT DO
 * NOTHING), so repeated runs add nothing. Holiday care goes to the tiers in `holidayTiers`.
 */
export async function runCareReminders(ctx: JobContext) {
  const { db } = ctx.deps;
  const [settings, { timeZone, language }] = await Promise.all([
    careSettingsOf(db, ctx.orgId),
    orgLocale(db, ctx.orgId),
  ]);
  const asOf = sql`${ctx.asOf.toISOString()}::timestamptz`;
  const from = localDayOf(ctx.asOf, timeZone);
  const to = addCalendarDays(from, settings.daysAhead);
  const slots = annualWindow(from, to);
  const en = language.startsWith('en');
  const counts = { birthday: 0, anniversary_first_order: 0, anniversary_contract: 0, holiday: 0 };

  const write = async (items: CareTask[]) => {
    for (let i = 0; i < items.length; i += BATCH) {
      const n = await insertCareTasks(
        db,
        ctx,
        items.slice(i, i + BATCH),
        (o) => careTemplate(settings, o, language),
        timeZone,
      );
      for (const [k, v] of Object.entries(n)) counts[k as CareOccasion] += v;
    }
  };
  const annual = (occasion: CareOccasion, hits: repo.AnnualHit[], keyId: (h: repo.AnnualHit) => string) =>
    hits.map((h) => {
      const years = h.year - Number(h.origin.slice(0, 4));
      return {
        occasion,
        key: careSourceKey(occasion, keyId(h), h.year),
        customerId: h.customer_id,
        ownerId: h.owner_id,
        day: h.day,
        vars: { customer: h.customer_name, contact: h.contact_name ?? '', date: h.day, years },
        data: { years, ...(occasion === 'birthday' ? { contactId: h.id } : {}) },
      };
    });

  await write(annual('birthday', await repo.birthdaysIn(db, ctx.orgId, asOf, slots), (h) => h.id));
  await write(
    annual(
      'anniversary_contract',
      await repo.contractAnniversariesIn(db, ctx.orgId, asOf, slots),
      (h) => h.customer_id,
    ),
  );
  await write(
    annual(
      'anniversary_first_order',
      await repo.firstOrderAnniversariesIn(db, ctx.orgId, asOf, slots, timeZone),
      (h) => h.customer_id,
    ),
  );
  const holidays = settings.holidayTiers.length ? holidaysInWindow(settings.holidays, from, to) : [];
  for (const h of holidays) {
    let after: string | null = null;
    for (;;) {
      const page = await repo.holidayCustomers(db, ctx.orgId, asOf, settings.holidayTiers, after, BATCH);
      if (!page.length) break;
      after = page[page.length - 1]!.id;
      await write(
        page.map((c) => ({
          occasion: 'holiday' as const,
          key: careSourceKey(`holiday.${h.code}`, c.id, h.year),
          customerId: c.id,
          ownerId: c.owner_id,
          day: h.day,
          vars: { customer: c.name, date: h.day, holiday: en ? h.name_en : h.name_zh },
          data: { holiday: h.code },
        })),
      );
    }
  }
  await ctx.progress(1);
  return { created: counts, from, to, asOf: ctx.asOf.toISOString() };
}

async function insertCareTasks(
  db: Db,
  ctx: JobContext,
  items: CareTask[],
  templateOf: (o: CareOccasion) => { title: string; message: string },
  timeZone: string,
) {
  const created: Partial<Record<CareOccasion, number>> = {};
  if (!items.length) return created;
  await db.transaction(async (tx) => {
    const rows = await tx
      .insert(tasks)
      .values(
        items.map((it) => {
          const tpl = templateOf(it.occasion);
          const message = renderTemplate(tpl.message, it.vars);
          return {
            orgId: ctx.orgId,
            id: newId(),
            type: 'care',
            title: renderTemplate(tpl.title, it.vars).slice(0, 200),
            description: message,
            customerId: it.customerId,
            assigneeId: it.ownerId,
            dueAt: localTimeOn(it.day, DUE_HOUR, timeZone),
            priority: 'normal',
            status: 'open',
            sourceKey: it.key,
            data: { occasion: it.occasion, date: it.day, message, ...it.data },
            createdAt: ctx.asOf,
            updatedAt: ctx.asOf,
          };
        }),
      )
      .onConflictDoNothing()
      .returning({ id: tasks.id, data: tasks.data, customerId: tasks.customerId });
    if (!rows.length) return;
    await tx.insert(auditLog).values(
      rows.map((r) => ({
        orgId: ctx.orgId,
        id: newId(),
        actorId: ctx.actorId,
        action: 'task.generate',
        entity: 'task',
        entityId: r.id,
        data: {
          source: 'care-reminders',
          jobId: ctx.jobId,
          customerId: r.customerId,
          occasion: r.data.occasion,
        },
        at: ctx.asOf,
      })),
    );
    for (const r of rows) {
      const o = r.data.occasion as CareOccasion;
      created[o] = (created[o] ?? 0) + 1;
    }
  });
  return created;
}

export const careRemindersJob: JobDefinition = {
  name: 'care-reminders',
  handler: runCareReminders,
  cron: '0 6 * * *',
};
