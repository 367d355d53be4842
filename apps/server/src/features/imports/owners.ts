import type { Db } from '../../db/client.js';
import type { ImportEnv } from './batch.js';
import type { OwnerResolver } from './customers-batch.js';
import { importPolicy } from './policy.js';
import * as repo from './repo.js';

const OWNER_ROLES = new Set(['admin', 'director', 'team_lead', 'manager']);

/**
 * Finds the owner a row names (a user's e-mail, or name) among the organization's active users
 * who may own customers. A manager's import always goes to their own book; a team lead may name
 * only owners in the teams they lead.
 */
export async function ownerResolver(db: Db, env: ImportEnv): Promise<OwnerResolver> {
  const { actor } = env;
  if (importPolicy.ownBookOnly(actor)) {
    const self = { id: actor.userId, teamId: env.actorTeamId };
    return () => self;
  }
  if (!env.mapped.has('owner')) return () => null;
  const users = (await repo.orgUsers(db, actor.orgId)).filter(
    (u) => u.status === 'active' && OWNER_ROLES.has(u.role),
  );
  const byEmail = new Map(users.map((u) => [u.email.toLowerCase(), u]));
  const byName = new Map<string, (typeof users)[number][]>();
  for (const u of users) byName.set(u.name.trim(), [...(byName.get(u.name.trim()) ?? []), u]);
  return (raw) => {
    if (!raw) return null;
    const named = byName.get(raw.trim()) ?? [];
    const u = byEmail.get(raw.trim().toLowerCase()) ?? (named.length === 1 ? named[0] : undefined);
    if (!u)
      return {
        code: 'unknown_owner',
        message: `no single active user "${raw}" may own customers; leave the cell empty to use the assignment rules`,
      };
    if (
      actor.permissions.reach === 'team' &&
      u.id !== actor.userId &&
      !(u.teamId && actor.scopeTeamIds.includes(u.teamId))
    )
      return { code: 'owner_not_allowed', message: `"${raw}" is not in the teams you lead` };
    return { id: u.id, teamId: u.teamId };
  };
}
