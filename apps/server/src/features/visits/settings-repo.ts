import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { organizations, orgSettings } from '../../db/schema/index.js';

/** A stored organization setting, or null when the organization keeps the default. */
export async function readSetting(db: Db, orgId: string, key: string): Promise<unknown> {
  const [row] = await db
    .select({ value: orgSettings.value })
    .from(orgSettings)
    .where(and(eq(orgSettings.orgId, orgId), eq(orgSettings.key, key)));
  return row?.value ?? null;
}

export async function writeSetting(db: Db, orgId: string, key: string, value: unknown, by: string, at: Date) {
  await db
    .insert(orgSettings)
    .values({ orgId, key, value, updatedBy: by, updatedAt: at })
    .onConflictDoUpdate({
      target: [orgSettings.orgId, orgSettings.key],
      set: { value: sql`excluded.value`, updatedBy: by, updatedAt: at },
    });
}

/** The organization's time zone and language (defaults when it is missing). */
export async function orgLocale(db: Db, orgId: string): Promise<{ timeZone: string; language: string }> {
  const [row] = await db
    .select({ timeZone: organizations.timeZone, language: organizations.language })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return { timeZone: row?.timeZone ?? 'Asia/Shanghai', language: row?.language ?? 'zh-CN' };
}
