import type { SurveySendOut, SurveyTemplateOut } from '@steward/contracts';
import { isLowScore, sendStatus, type SurveyKind } from '@steward/core';
import type { SendWithNames, TemplateRow } from './repo.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** The path of the public survey page in the web app; `origin` makes it absolute when known. */
export const surveyUrl = (token: string, origin?: string | null): string => `${origin ?? ''}/s/${token}`;

export function presentTemplate(t: TemplateRow): SurveyTemplateOut {
  return {
    id: t.id,
    name: t.name,
    kind: t.kind as SurveyTemplateOut['kind'],
    question: t.question,
    questions: t.questions,
    validDays: t.validDays,
    trigger: t.trigger as SurveyTemplateOut['trigger'],
    active: t.active,
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

/** Row → API shape; the link is shown only to those who may send surveys themselves. */
export function presentSend(
  s: SendWithNames,
  now: Date,
  opts: { showLink: boolean; origin?: string | null },
): SurveySendOut {
  const kind = s.kind as SurveyKind;
  return {
    id: s.id,
    templateId: s.templateId,
    templateName: s.templateName,
    kind,
    customerId: s.customerId,
    customerName: s.customerName,
    ownerId: s.ownerId,
    ownerName: s.ownerName,
    teamId: s.teamId,
    trigger: s.trigger as SurveySendOut['trigger'],
    sourceId: s.sourceId,
    language: s.language,
    status: sendStatus(s, now),
    sentAt: s.sentAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    answeredAt: iso(s.answeredAt),
    score: s.score,
    low: s.score === null ? null : isLowScore(kind, s.score),
    comment: s.comment,
    answers: s.answers,
    url: opts.showLink ? surveyUrl(s.token, opts.origin) : null,
    createdBy: s.createdBy,
  };
}
