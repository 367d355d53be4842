import type { SurveyTemplateCreate, SurveyTemplateListQuery, SurveyTemplateUpdate } from '@steward/contracts';
import { checkQuestions } from '@steward/core';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { surveyTemplates } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { badInput, kindLocked, templateNotFound, triggerTaken } from './errors.js';
import { surveyPolicy } from './policy.js';
import { presentTemplate } from './presenter.js';
import * as repo from './repo.js';

/** Every signed-in user reads the organization's templates (they choose one when sending). */
export async function listTemplates(deps: Deps, actor: Actor, query: SurveyTemplateListQuery) {
  const cursor = decodeCursor(query.cursor);
  const where = [eq(surveyTemplates.orgId, actor.orgId)];
  if (query.active) where.push(eq(surveyTemplates.active, query.active === 'true'));
  if (query.kind) where.push(eq(surveyTemplates.kind, query.kind));
  if (cursor) where.push(repo.templateAfter(cursor));
  const rows = await repo.listTemplates(deps.db, where, query.limit + 1);
  const page = pageOf(rows, query.limit, repo.templateCursor);
  return { data: page.data.map(presentTemplate), nextCursor: page.nextCursor };
}

export async function getTemplate(deps: Deps, actor: Actor, id: string) {
  const row = await repo.findTemplate(deps.db, actor.orgId, id);
  if (!row) throw templateNotFound();
  return presentTemplate(row);
}

/** One active template per trigger, so an automatic send never has to guess. */
async function assertTriggerFree(
  tx: Db,
  orgId: string,
  t: { trigger: string | null; active: boolean },
  id?: string,
) {
  if (!t.trigger || !t.active) return;
  const other = await repo.activeTemplateFor(tx, orgId, t.trigger, id);
  if (other) throw triggerTaken(other.id, t.trigger);
}

export async function createTemplate(deps: Deps, actor: Actor, input: SurveyTemplateCreate) {
  surveyPolicy.assertCanManageTemplates(actor);
  const problems = checkQuestions(input.questions);
  if (problems.length) throw badInput(problems);
  return deps.db.transaction(async (tx) => {
    await assertTriggerFree(tx, actor.orgId, input);
    const now = deps.now();
    const row = await repo.insertTemplate(tx, {
      orgId: actor.orgId,
      id: newId(),
      name: input.name,
      kind: input.kind,
      question: input.question ?? null,
      questions: input.questions,
      validDays: input.validDays,
      trigger: input.trigger,
      active: input.active,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await audit(tx, actor, 'survey_template.create', 'survey_template', row.id, {
      name: row.name,
      kind: row.kind,
      trigger: row.trigger,
    });
    return presentTemplate(row);
  });
}

const FIELDS = ['name', 'kind', 'question', 'questions', 'validDays', 'trigger', 'active'] as const;

/** Edits a template; its kind is fixed once it has been sent (scores would change meaning). */
export async function updateTemplate(deps: Deps, actor: Actor, id: string, patch: SurveyTemplateUpdate) {
  surveyPolicy.assertCanManageTemplates(actor);
  if (patch.questions) {
    const problems = checkQuestions(patch.questions);
    if (problems.length) throw badInput(problems);
  }
  return deps.db.transaction(async (tx) => {
    const before = await repo.findTemplate(tx, actor.orgId, id, true);
    if (!before) throw templateNotFound();
    const set: Partial<typeof surveyTemplates.$inferInsert> = {};
    for (const f of FIELDS) {
      const value = patch[f];
      if (value === undefined) continue;
      if (JSON.stringify(value) === JSON.stringify(before[f])) continue;
      Object.assign(set, { [f]: value });
    }
    const changed = Object.keys(set);
    if (!changed.length) return presentTemplate(before);
    if (set.kind && (await repo.templateWasSent(tx, actor.orgId, id))) throw kindLocked();
    const after = { trigger: set.trigger ?? before.trigger, active: set.active ?? before.active };
    if ('trigger' in set && set.trigger === null) after.trigger = null;
    await assertTriggerFree(tx, actor.orgId, after, id);
    const row = await repo.updateTemplate(tx, actor.orgId, id, { ...set, updatedAt: deps.now() });
    await audit(tx, actor, 'survey_template.update', 'survey_template', id, { fields: changed });
    return presentTemplate(row);
  });
}
