import type { TFunction } from 'i18next';

/** "customer.update" → the entity's and the verb's words; an unknown code shows as itself. */
export const actionLabel = (t: TFunction, action: string) => {
  const [entity = action, verb = ''] = action.split('.');
  const e = t(`audit.entities.${entity}`, { defaultValue: entity });
  return verb ? `${e} · ${t(`audit.verbs.${verb}`, { defaultValue: verb })}` : e;
};

export const entityLabel = (t: TFunction, entity: string) =>
  t(`audit.entities.${entity}`, { defaultValue: entity });

/** The action codes the server writes, for the filter (others can still be typed). */
export const KNOWN_ACTIONS = [
  'customer.create',
  'customer.update',
  'customer.delete',
  'customer.merge',
  'customer.view_sensitive',
  'customer.reclaim',
  'customer.protect',
  'customer.unprotect',
  'customer.tier_override',
  'contact.create',
  'contact.update',
  'contact.delete',
  'interaction.create',
  'orders.bulk',
  'task.create',
  'task.update',
  'task.handover',
  'task.escalate',
  'complaint.create',
  'complaint.transition',
  'complaint.breached',
  'import.create',
  'import.cancel',
  'export.create',
  'export.download',
  'user.create',
  'user.update',
  'user.deactivate',
  'team.create',
  'team.update',
  'assignment_rule.update',
  'pool_policy.set',
  'product.create',
  'product.update',
  'settings.update',
  'api_token.create',
  'api_token.revoke',
  'webhook.create',
  'webhook.update',
  'job.run',
];

/** The entities audit entries name (each has its words under audit.entities). */
export const AUDIT_ENTITIES = [
  'api_token',
  'assignment_rule',
  'career_level',
  'churn_alert',
  'commission_plan',
  'complaint',
  'contact',
  'custom_field',
  'customer',
  'export',
  'goal',
  'import',
  'import_template',
  'interaction',
  'job',
  'order',
  'org_settings',
  'payout_period',
  'pool_policy',
  'product',
  'rating',
  'review',
  'saved_view',
  'scorecard_template',
  'survey_send',
  'survey_template',
  'task',
  'team',
  'training_record',
  'user',
  'visit_plan',
  'webhook',
];
