import type { Db } from '../../db/client.js';
import * as repo from './repo.js';
import { buildSend, surveyLanguage } from './sends.js';

export type SurveyTrigger = 'visit' | 'complaint';

/**
 * Sends the organization's active survey for a trigger (after a completed visit or a resolved
 * complaint), if it has one, inside the caller's transaction. Idempotent: one send per
 * `${trigger}:${sourceId}` however often it is called (on conflict do nothing). The send is
 * audited without an actor.
 */
export async function sendTriggeredSurvey(
  tx: Db,
  args: {
    orgId: string;
    trigger: SurveyTrigger;
    sourceId: string;
    customerId: string;
    contactId?: string | null;
    now: Date;
  },
): Promise<void> {
  const template = await repo.activeTemplateFor(tx, args.orgId, args.trigger);
  if (!template) return;
  const [customer] = await repo.customersOfOrg(tx, args.orgId, [args.customerId]);
  if (!customer) return;
  const org = await repo.findOrganization(tx, args.orgId);
  const row = buildSend(template, customer, {
    now: args.now,
    trigger: args.trigger,
    language: surveyLanguage(org.language),
    createdBy: null,
    sourceId: args.sourceId,
    sourceKey: `${args.trigger}:${args.sourceId}`,
    contactId: args.contactId ?? null,
  });
  const [sent] = await repo.insertSends(tx, [row]);
  if (!sent) return;
  await repo.auditWithoutActor(
    tx,
    args.orgId,
    'survey.send',
    sent.id,
    { templateId: template.id, customerId: sent.customerId, trigger: args.trigger, sourceId: args.sourceId },
    args.now,
  );
}
