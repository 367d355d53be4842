import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { organizations } from '../db/schema/index.js';

/** The organization's time zone (its local days bound periods, reports and filters). */
export async function orgTimeZone(db: Db, orgId: string): Promise<string> {
  const [row] = await db
    .select({ tz: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return row?.tz ?? 'Asia/Shanghai';
}
