import { and, asc, desc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { importErrors, imports, importTemplates, organizations, users } from '../../db/schema/index.js';
import type { Cursor } from '../../platform/pagination.js';
import { insertJsonRows } from './customers-repo.js';

export type ImportRow = typeof imports.$inferSelect;
export type ImportErrorRow = typeof importErrors.$inferInsert;

const byId = (orgId: string, id: string) => and(eq(imports.orgId, orgId), eq(imports.id, id));

export async function insertImport(db: Db, row: typeof imports.$inferInsert) {
  const [created] = await db.insert(imports).values(row).returning();
  return created!;
}

export async function findImport(db: Db, orgId: string, id: string, createdBy?: string) {
  const rows = await db
    .select()
    .from(imports)
    .where(and(byId(orgId, id), createdBy ? eq(imports.createdBy, createdBy) : undefined));
  return rows[0] ?? null;
}

export async function updateImport(
  db: Db,
  orgId: string,
  id: string,
  set: Partial<typeof imports.$inferInsert>,
) {
  await db.update(imports).set(set).where(byId(orgId, id));
}

/** Adds a batch's counters to the import, atomically with the batch's writes. */
export async function addCounters(
  db: Db,
  orgId: string,
  id: string,
  c: { created: number; updated: number; skipped: number; failed: number; processedRows: number },
  extra: { progress: number; stoppedAtRow: number },
) {
  await db
    .update(imports)
    .set({
      created: sql`${imports.created} + ${c.created}`,
      updated: sql`${imports.updated} + ${c.updated}`,
      skipped: sql`${imports.skipped} + ${c.skipped}`,
      failed: sql`${imports.failed} + ${c.failed}`,
      processedRows: sql`${imports.processedRows} + ${c.processedRows}`,
      progress: extra.progress,
      stoppedAtRow: extra.stoppedAtRow,
    })
    .where(byId(orgId, id));
}

/**
 * Serializes the batches of concurrent imports into one organization (until the transaction
 * ends), so that two runs of the same file cannot both create a customer neither has seen yet.
 */
export async function lockImports(db: Db, orgId: string) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`steward.import:${orgId}`}))`);
}

export async function cancelRequested(db: Db, orgId: string, id: string): Promise<boolean> {
  const [row] = await db.select({ c: imports.cancelRequested }).from(imports).where(byId(orgId, id));
  return row?.c ?? true;
}

export async function listImports(
  db: Db,
  orgId: string,
  createdBy: string | null,
  limit: number,
  after?: Cursor,
) {
  const where: (SQL | undefined)[] = [eq(imports.orgId, orgId)];
  if (createdBy) where.push(eq(imports.createdBy, createdBy));
  if (after) where.push(sql`(${imports.createdAt}, ${imports.id}) < (${after.v}::timestamptz, ${after.id})`);
  return db
    .select()
    .from(imports)
    .where(and(...where))
    .orderBy(desc(imports.createdAt), desc(imports.id))
    .limit(limit);
}

/** A batch's errors in one statement (COPY on PostgreSQL). */
export async function insertErrors(db: Db, rows: ImportErrorRow[]) {
  await insertJsonRows(db, importErrors, rows);
}

export async function listErrors(db: Db, orgId: string, importId: string, limit: number, afterRow = 0) {
  return db
    .select()
    .from(importErrors)
    .where(
      and(eq(importErrors.orgId, orgId), eq(importErrors.importId, importId), gt(importErrors.row, afterRow)),
    )
    .orderBy(asc(importErrors.row))
    .limit(limit);
}

export async function countErrors(db: Db, orgId: string, importId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(importErrors)
    .where(and(eq(importErrors.orgId, orgId), eq(importErrors.importId, importId)));
  return row?.n ?? 0;
}

export async function orgTimeZone(db: Db, orgId: string): Promise<string> {
  const [row] = await db
    .select({ tz: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return row?.tz ?? 'Asia/Shanghai';
}

export async function findUser(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, id)));
  return row ?? null;
}

/** The users of the organization, to find owners named by e-mail or name. */
export async function orgUsers(db: Db, orgId: string) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      status: users.status,
      teamId: users.teamId,
    })
    .from(users)
    .where(eq(users.orgId, orgId));
}

export async function listTemplates(db: Db, orgId: string, entity?: string) {
  return db
    .select()
    .from(importTemplates)
    .where(and(eq(importTemplates.orgId, orgId), entity ? eq(importTemplates.entity, entity) : undefined))
    .orderBy(asc(importTemplates.name));
}

export async function insertTemplate(db: Db, row: typeof importTemplates.$inferInsert) {
  const [created] = await db.insert(importTemplates).values(row).returning();
  return created!;
}

export async function deleteTemplate(db: Db, orgId: string, id: string) {
  const gone = await db
    .delete(importTemplates)
    .where(and(eq(importTemplates.orgId, orgId), eq(importTemplates.id, id)))
    .returning({ id: importTemplates.id });
  return gone.length > 0;
}
