import type { SurveySendBody, SurveySendListQuery } from '@steward/contracts';
import { LOW_SCORE_MAX, surveyExpiresAt } from '@steward/core';
import { and, eq, gt, gte, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditLog, surveySends, surveyTemplates } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { newId, randomToken } from '../../platform/ids.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { customerScope } from '../../platform/scope.js';
import { templateInactive, templateNotFound, tooManyRecipients } from './errors.js';
import { sendScope, surveyPolicy } from './policy.js';
import { presentSend, surveyUrl } from './presenter.js';
import * as repo from './repo.js';

/** A segment send reaches at most this many customers at once. */
export const MAX_RECIPIENTS = 5000;
const CHUNK = 500;

/** 24 random bytes: a 32-character URL-safe token of 192 bits. */
export const newSurveyToken = () => randomToken(24);

export const surveyLanguage = (wanted: string | null | undefined): 'zh-CN' | 'en-US' =>
  wanted === 'en-US' ? 'en-US' : 'zh-CN';

/** The row of one send of a template to one customer, at `now`. */
export function buildSend(
  template: repo.TemplateRow,
  customer: repo.Recipient,
  s: {
    now: Date;
    trigger: string;
    language: string;
    createdBy: string | null;
    sourceId?: string | null;
    sourceKey?: string | null;
    contactId?: string | null;
  },
): typeof surveySends.$inferInsert {
  return {
    orgId: template.orgId,
    id: newId(),
    templateId: template.id,
    customerId: customer.id,
    contactId: s.contactId ?? null,
    token: newSurveyToken(),
    trigger: s.trigger,
    sourceId: s.sourceId ?? null,
    sourceKey: s.sourceKey ?? null,
    ownerId: customer.ownerId,
    teamId: customer.teamId,
    language: s.language,
    sentAt: s.now,
    expiresAt: surveyExpiresAt(s.now, template.validDays),
    createdBy: s.createdBy,
  };
}

const notInScope = (indexes: number[]) =>
  new AppError(
    404,
    'not_found',
    'Some customers were not found.',
    indexes.map((i) => ({ path: `customerIds.${i}`, message: 'not found' })),
  );

async function recipientsOf(tx: Db, actor: Actor, input: SurveySendBody): Promise<repo.Recipient[]> {
  const scope = customerScope(actor);
  if (input.customerIds) {
    const ids = [...new Set(input.customerIds)];
    const found = await repo.customersIn(tx, scope, ids);
    const known = new Set(found.map((c) => c.id));
    const missing = input.customerIds.flatMap((id, i) => (known.has(id) ? [] : [i]));
    if (missing.length) throw notInScope(missing);
    return found;
  }
  const found = await repo.customersOfSegment(tx, scope, input.segment!, MAX_RECIPIENTS + 1);
  if (found.length > MAX_RECIPIENTS) throw tooManyRecipients(MAX_RECIPIENTS);
  return found;
}

/**
 * Sends a template to chosen customers or to a segment, all within the caller's scope (another
 * customer refuses the whole send with 404). Customers who still hold an open link of the same
 * template are skipped. One transaction; one audit row per send.
 */
export async function sendSurveys(deps: Deps, actor: Actor, input: SurveySendBody, origin: string | null) {
  surveyPolicy.assertCanSend(actor);
  return deps.db.transaction(async (tx) => {
    const template = await repo.findTemplate(tx, actor.orgId, input.templateId);
    if (!template) throw templateNotFound();
    if (!template.active) throw templateInactive();
    const recipients = await recipientsOf(tx, actor, input);
    const now = deps.now();
    const open = await repo.customersWithOpenSend(
      tx,
      actor.orgId,
      template.id,
      recipients.map((r) => r.id),
      now,
    );
    const language = surveyLanguage(
      input.language ?? (await repo.findOrganization(tx, actor.orgId)).language,
    );
    const trigger = input.segment ? 'segment' : 'manual';
    const rows = recipients
      .filter((r) => !open.has(r.id))
      .map((r) => buildSend(template, r, { now, trigger, language, createdBy: actor.userId }));
    const sent: repo.SendRow[] = [];
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      sent.push(...(await repo.insertSends(tx, chunk)));
      await tx.insert(auditLog).values(
        chunk.map((s) => ({
          orgId: actor.orgId,
          id: newId(),
          actorId: actor.userId,
          action: 'survey.send',
          entity: 'survey_send',
          entityId: s.id!,
          data: { templateId: template.id, customerId: s.customerId, trigger },
          at: now,
        })),
      );
    }
    return {
      sent: sent.length,
      skipped: recipients.length - rows.length,
      sends: sent.map((s) => ({
        id: s.id,
        customerId: s.customerId,
        token: s.token,
        url: surveyUrl(s.token, origin),
        expiresAt: s.expiresAt.toISOString(),
      })),
    };
  });
}

function lowCondition(): SQL {
  return or(
    and(eq(surveyTemplates.kind, 'csat'), lte(surveySends.score, LOW_SCORE_MAX.csat)),
    and(eq(surveyTemplates.kind, 'nps'), lte(surveySends.score, LOW_SCORE_MAX.nps)),
  )!;
}

function filters(q: SurveySendListQuery, now: Date): SQL[] {
  const out: SQL[] = [];
  if (q.templateId) out.push(eq(surveySends.templateId, q.templateId));
  if (q.customerId) out.push(eq(surveySends.customerId, q.customerId));
  if (q.ownerId) out.push(eq(surveySends.ownerId, q.ownerId));
  if (q.answered === 'true') out.push(isNotNull(surveySends.answeredAt));
  if (q.answered === 'false') out.push(isNull(surveySends.answeredAt));
  if (q.status === 'answered') out.push(isNotNull(surveySends.answeredAt));
  if (q.status === 'pending') out.push(and(isNull(surveySends.answeredAt), gt(surveySends.expiresAt, now))!);
  if (q.status === 'expired') out.push(and(isNull(surveySends.answeredAt), lte(surveySends.expiresAt, now))!);
  if (q.low === 'true') out.push(and(isNotNull(surveySends.answeredAt), lowCondition())!);
  if (q.low === 'false') out.push(sql`not coalesce(${lowCondition()}, false)`);
  if (q.from) out.push(gte(surveySends.sentAt, new Date(q.from)));
  if (q.to) out.push(lte(surveySends.sentAt, new Date(q.to)));
  return out;
}

/** Sends of customers in the caller's scope, newest first. */
export async function listSends(deps: Deps, actor: Actor, q: SurveySendListQuery, origin: string | null) {
  const now = deps.now();
  const cursor = decodeCursor(q.cursor);
  const where = [sendScope(actor), ...filters(q, now)];
  if (cursor) where.push(repo.sendAfter(cursor));
  const rows = await repo.listSends(deps.db, where, q.limit + 1);
  const page = pageOf(rows, q.limit, repo.sendCursor);
  const showLink = surveyPolicy.canSend(actor);
  return {
    data: page.data.map((r) => presentSend(r, now, { showLink, origin })),
    nextCursor: page.nextCursor,
  };
}
