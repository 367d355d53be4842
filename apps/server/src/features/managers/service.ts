import type { z } from 'zod';
import type { CustomFieldDefCreate } from '@steward/contracts';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { audit } from '../../platform/audit.js';
import { conflict, forbidden, validationFailed } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as repo from './repo.js';

const presentDef = (d: Awaited<ReturnType<typeof repo.listCustomFieldDefs>>[number]) => ({
  id: d.id,
  entity: d.entity as 'customer' | 'contact',
  key: d.key,
  labelZh: d.labelZh,
  labelEn: d.labelEn,
  type: d.type as 'text',
  options: d.options,
  required: d.required,
});

export async function listCustomFields(deps: Deps, actor: Actor) {
  return { data: (await repo.listCustomFieldDefs(deps.db, actor.orgId)).map(presentDef) };
}

export async function createCustomField(
  deps: Deps,
  actor: Actor,
  input: z.infer<typeof CustomFieldDefCreate>,
) {
  if (!actor.permissions.manageSettings) throw forbidden('Only an administrator may define custom fields.');
  if (input.type === 'select' && !input.options?.length)
    throw validationFailed([{ path: 'options', message: 'a select field needs options' }]);
  return deps.db.transaction(async (tx) => {
    if (await repo.findCustomFieldDef(tx, actor.orgId, input.entity, input.key))
      throw conflict('custom_field_exists', `A custom field "${input.key}" exists already.`);
    const row = await repo.insertCustomFieldDef(tx, {
      orgId: actor.orgId,
      id: newId(),
      entity: input.entity,
      key: input.key,
      labelZh: input.labelZh,
      labelEn: input.labelEn,
      type: input.type,
      options: input.options ?? null,
      required: input.required ?? false,
      createdAt: deps.now(),
    });
    await audit(tx, actor, 'custom_field.create', 'custom_field', row.id, { key: row.key });
    return presentDef(row);
  });
}
