import { and, desc, eq, gt, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { SurveySegment } from '@steward/contracts';
import type { Db } from '../../db/client.js';
import {
  auditLog,
  customers,
  organizations,
  surveySends,
  surveyTemplates,
  users,
} from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';
import type { Cursor } from '../../platform/pagination.js';

export type TemplateRow = typeof surveyTemplates.$inferSelect;
export type SendRow = typeof surveySends.$inferSelect;
export type SendWithNames = SendRow & {
  kind: string;
  templateName: string | null;
  customerName: string | null;
  ownerName: string | null;
};

// ---- templates --------------------------------------------------------------------------------

/** Newest first: keyset on (created_at, id) descending. */
export const templateAfter = (c: Cursor): SQL =>
  or(
    sql`${surveyTemplates.createdAt} < ${c.v}::timestamptz`,
    and(sql`${surveyTemplates.createdAt} = ${c.v}::timestamptz`, lt(surveyTemplates.id, c.id)),
  )!;
export const templateCursor = (r: TemplateRow): Cursor => ({ v: r.createdAt.toISOString(), id: r.id });

export async function listTemplates(db: Db, where: SQL[], limit: number): Promise<TemplateRow[]> {
  return db
    .select()
    .from(surveyTemplates)
    .where(and(...where))
    .orderBy(desc(surveyTemplates.createdAt), desc(surveyTemplates.id))
    .limit(limit);
}

export async function findTemplate(db: Db, orgId: string, id: string, lock = false) {
  const q = db
    .select()
    .from(surveyTemplates)
    .where(and(eq(surveyTemplates.orgId, orgId), eq(surveyTemplates.id, id)))
    .limit(1);
  const rows = lock ? await q.for('update') : await q;
  return rows[0] ?? null;
}

/** The active template sent after a trigger; the most recently changed one if several. */
export async function activeTemplateFor(db: Db, orgId: string, trigger: string, exceptId?: string) {
  const rows = await db
    .select()
    .from(surveyTemplates)
    .where(
      and(
        eq(surveyTemplates.orgId, orgId),
        eq(surveyTemplates.trigger, trigger),
        eq(surveyTemplates.active, true),
        exceptId ? sql`${surveyTemplates.id} <> ${exceptId}` : undefined,
      ),
    )
    .orderBy(desc(surveyTemplates.updatedAt), desc(surveyTemplates.id))
    .limit(1);
  return rows[0] ?? null;
}

export async function insertTemplate(db: Db, row: typeof surveyTemplates.$inferInsert) {
  const [created] = await db.insert(surveyTemplates).values(row).returning();
  return created!;
}

export async function updateTemplate(
  db: Db,
  orgId: string,
  id: string,
  set: Partial<typeof surveyTemplates.$inferInsert>,
) {
  const [row] = await db
    .update(surveyTemplates)
    .set(set)
    .where(and(eq(surveyTemplates.orgId, orgId), eq(surveyTemplates.id, id)))
    .returning();
  return row!;
}

export async function templateWasSent(db: Db, orgId: string, id: string): Promise<boolean> {
  const rows = await db
    .select({ id: surveySends.id })
    .from(surveySends)
    .where(and(eq(surveySends.orgId, orgId), eq(surveySends.templateId, id)))
    .limit(1);
  return rows.length > 0;
}

// ---- recipients -------------------------------------------------------------------------------

export type Recipient = { id: string; ownerId: string | null; teamId: string | null };
const recipient = { id: customers.id, ownerId: customers.ownerId, teamId: customers.teamId };

/** The customers among `ids` that the scope reaches. */
export async function customersIn(db: Db, scope: SQL, ids: string[]): Promise<Recipient[]> {
  return db
    .select(recipient)
    .from(customers)
    .where(and(scope, inArray(customers.id, ids)));
}

/** Live (not deleted) customers of an organization among `ids`, whoever owns them. */
export async function customersOfOrg(db: Db, orgId: string, ids: string[]): Promise<Recipient[]> {
  return db
    .select(recipient)
    .from(customers)
    .where(and(eq(customers.orgId, orgId), isNull(customers.deletedAt), inArray(customers.id, ids)));
}

/** The customers of a segment that the scope reaches, at most `limit`. */
export async function customersOfSegment(db: Db, scope: SQL, s: SurveySegment, limit: number) {
  const where: (SQL | undefined)[] = [
    scope,
    s.tier ? eq(customers.tier, s.tier) : undefined,
    s.stage ? eq(customers.stage, s.stage) : undefined,
    s.ownerId ? eq(customers.ownerId, s.ownerId) : undefined,
    s.teamId ? eq(customers.teamId, s.teamId) : undefined,
    s.tag ? sql`${customers.tags} @> array[${s.tag}]::text[]` : undefined,
  ];
  return db
    .select(recipient)
    .from(customers)
    .where(and(...where))
    .orderBy(customers.id)
    .limit(limit);
}

/** Which of these customers still have an open (unanswered, unexpired) link of the template. */
export async function customersWithOpenSend(
  db: Db,
  orgId: string,
  templateId: string,
  customerIds: string[],
  now: Date,
): Promise<Set<string>> {
  if (!customerIds.length) return new Set();
  const rows = await db
    .selectDistinct({ id: surveySends.customerId })
    .from(surveySends)
    .where(
      and(
        eq(surveySends.orgId, orgId),
        eq(surveySends.templateId, templateId),
        inArray(surveySends.customerId, customerIds),
        isNull(surveySends.answeredAt),
        gt(surveySends.expiresAt, now),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

/** Inserts sends; a repeated sourceKey inserts nothing. */
export async function insertSends(db: Db, rows: (typeof surveySends.$inferInsert)[]): Promise<SendRow[]> {
  if (!rows.length) return [];
  return db.insert(surveySends).values(rows).onConflictDoNothing().returning();
}

// ---- sends ------------------------------------------------------------------------------------

const sendSelection = {
  send: surveySends,
  kind: surveyTemplates.kind,
  templateName: surveyTemplates.name,
  customerName: customers.name,
  ownerName: users.name,
};

/** Newest first: keyset on (sent_at, id) descending. */
export const sendAfter = (c: Cursor): SQL =>
  or(
    sql`${surveySends.sentAt} < ${c.v}::timestamptz`,
    and(sql`${surveySends.sentAt} = ${c.v}::timestamptz`, lt(surveySends.id, c.id)),
  )!;
export const sendCursor = (r: SendRow): Cursor => ({ v: r.sentAt.toISOString(), id: r.id });

/** Sends joined to their template, customer (for the scope) and owner at the time of sending. */
export async function listSends(db: Db, where: SQL[], limit: number): Promise<SendWithNames[]> {
  const rows = await db
    .select(sendSelection)
    .from(surveySends)
    .innerJoin(
      surveyTemplates,
      and(eq(surveyTemplates.orgId, surveySends.orgId), eq(surveyTemplates.id, surveySends.templateId)),
    )
    .innerJoin(
      customers,
      and(eq(customers.orgId, surveySends.orgId), eq(customers.id, surveySends.customerId)),
    )
    .leftJoin(users, and(eq(users.orgId, surveySends.orgId), eq(users.id, surveySends.ownerId)))
    .where(and(...where))
    .orderBy(desc(surveySends.sentAt), desc(surveySends.id))
    .limit(limit);
  return rows.map((r) => ({
    ...r.send,
    kind: r.kind,
    templateName: r.templateName,
    customerName: r.customerName,
    ownerName: r.ownerName,
  }));
}

// ---- public answers ---------------------------------------------------------------------------

/** A send by its public token (unique across organizations) with its template and organization. */
export async function findByToken(db: Db, token: string) {
  const rows = await db
    .select({ send: surveySends, template: surveyTemplates, organizationName: organizations.name })
    .from(surveySends)
    .innerJoin(
      surveyTemplates,
      and(eq(surveyTemplates.orgId, surveySends.orgId), eq(surveyTemplates.id, surveySends.templateId)),
    )
    .innerJoin(organizations, eq(organizations.id, surveySends.orgId))
    .where(eq(surveySends.token, token))
    .limit(1);
  return rows[0] ?? null;
}

/**
 * Records the answer only while the send is unanswered and unexpired: of concurrent answers one
 * updates the row and the others see it answered. Null when nothing was updated.
 */
export async function answerOnce(
  db: Db,
  send: { orgId: string; id: string },
  answer: { score: number; comment: string | null; answers: Record<string, unknown> | null },
  now: Date,
): Promise<SendRow | null> {
  const [row] = await db
    .update(surveySends)
    .set({ answeredAt: now, ...answer })
    .where(
      and(
        eq(surveySends.orgId, send.orgId),
        eq(surveySends.id, send.id),
        isNull(surveySends.answeredAt),
        gt(surveySends.expiresAt, now),
      ),
    )
    .returning();
  return row ?? null;
}

export async function findCustomerBrief(db: Db, orgId: string, id: string) {
  const rows = await db
    .select({ id: customers.id, name: customers.name, ownerId: customers.ownerId })
    .from(customers)
    .where(and(eq(customers.orgId, orgId), eq(customers.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

export async function findOrganization(db: Db, orgId: string) {
  const rows = await db
    .select({ name: organizations.name, language: organizations.language, timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, orgId))
    .limit(1);
  return rows[0]!;
}

/** An audit row of a write without a signed-in actor (a public answer, an automatic send). */
export async function auditWithoutActor(
  db: Db,
  orgId: string,
  action: string,
  entityId: string,
  data: Record<string, unknown>,
  at: Date,
) {
  await db
    .insert(auditLog)
    .values({ orgId, id: newId(), actorId: null, action, entity: 'survey_send', entityId, data, at });
}
