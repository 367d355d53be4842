import type { PublicSurveyAnswer, PublicSurveyOut } from '@steward/contracts';
import { checkAnswers, isLowScore, isValidScore, SCORE_RANGE, type SurveyKind } from '@steward/core';
import type { Deps } from '../../platform/deps.js';
import { alreadyAnswered, badInput, surveyExpired, surveyNotFound } from './errors.js';
import { createLowScoreFollowUp } from './follow-up.js';
import * as repo from './repo.js';
import { surveyLanguage } from './sends.js';
import { emitEvent } from '../webhooks/emit.js';

const TOKEN = /^[A-Za-z0-9_-]{16,100}$/;

async function load(deps: Deps, token: string) {
  const found = TOKEN.test(token) ? await repo.findByToken(deps.db, token) : null;
  if (!found) throw surveyNotFound();
  return found;
}

const expired = (s: { expiresAt: Date }, now: Date) => s.expiresAt.getTime() <= now.getTime();

/**
 * What the public survey page shows; no sign-in. Only the organization's name and the survey
 * itself — nothing about the customer. An answered survey still says so after its expiry.
 */
export async function getPublicSurvey(deps: Deps, token: string): Promise<PublicSurveyOut> {
  const { send, template, organizationName } = await load(deps, token);
  if (!send.answeredAt && expired(send, deps.now())) throw surveyExpired();
  const kind = template.kind as SurveyKind;
  return {
    kind,
    question: template.question,
    questions: template.questions,
    organizationName,
    language: surveyLanguage(send.language),
    expiresAt: send.expiresAt.toISOString(),
    answered: send.answeredAt !== null,
    min: SCORE_RANGE[kind].min,
    max: SCORE_RANGE[kind].max,
  };
}

/**
 * Records the customer's answer exactly once (a conditional update: concurrent answers get one
 * 201 and 409s), audited without an actor; a low score opens a follow-up task in the same transaction.
 */
export async function answerPublicSurvey(deps: Deps, token: string, input: PublicSurveyAnswer) {
  const { send, template } = await load(deps, token);
  const now = deps.now();
  if (send.answeredAt) throw alreadyAnswered();
  if (expired(send, now)) throw surveyExpired();
  const kind = template.kind as SurveyKind;
  const { min, max } = SCORE_RANGE[kind];
  const problems = isValidScore(kind, input.score)
    ? []
    : [{ path: 'score', message: `expected a whole number from ${min} to ${max}` }];
  problems.push(...checkAnswers(template.questions, input.answers ?? {}));
  if (problems.length) throw badInput(problems);

  return deps.db.transaction(async (tx) => {
    const answered = await repo.answerOnce(
      tx,
      send,
      {
        score: input.score,
        comment: input.comment?.trim() || null,
        answers: input.answers && Object.keys(input.answers).length ? input.answers : null,
      },
      now,
    );
    if (!answered) {
      const again = await repo.findByToken(tx, token);
      if (again?.send.answeredAt) throw alreadyAnswered();
      throw surveyExpired();
    }
    const low = isLowScore(kind, input.score);
    const taskId = low ? await createLowScoreFollowUp(tx, answered, kind, now) : null;
    await repo.auditWithoutActor(
      tx,
      send.orgId,
      'survey.answer',
      send.id,
      { score: input.score, kind, low, ...(taskId ? { followUpTaskId: taskId } : {}) },
      now,
    );
    const hook = { sendId: send.id, templateId: answered.templateId, customerId: answered.customerId };
    await emitEvent(
      tx,
      send.orgId,
      'survey.answered',
      { ...hook, kind, score: input.score, low, taskId },
      now,
    );
    return { answered: true as const, answeredAt: now.toISOString(), score: input.score };
  });
}
