import { forgetAllSessions } from '../../platform/actor-cache.js';
import type { UserCreate, UserUpdate } from '@steward/contracts';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import type { Db } from '../../db/client.js';
import { audit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { hashPassword } from '../../platform/passwords.js';
import * as repo from './repo.js';
import { presentUser, presentUserSummary } from './presenter.js';
import { editRights, PROFILE_FIELDS } from './policy.js';
import {
  cannotDemoteSelf,
  cannotEditField,
  cannotManageUsers,
  emailTaken,
  noSuchTeam,
  userNotFound,
} from './errors.js';

/** Colleagues with their profile and load: every signed-in user may see who is who in their organization. */
export async function listUsers(
  deps: Deps,
  actor: Actor,
  filters: { teamId?: string; role?: string; status?: string } = {},
) {
  return { data: (await repo.listUsers(deps.db, actor.orgId, filters)).map(presentUserSummary) };
}

async function loadProfile(db: Db, orgId: string, id: string) {
  const user = await repo.findUser(db, orgId, id);
  if (!user) throw userNotFound();
  return presentUser(user, await repo.bookByTier(db, orgId, id));
}

/** A manager's profile: the fields, the load and the book by tier. */
export async function getUser(deps: Deps, actor: Actor, id: string) {
  return loadProfile(deps.db, actor.orgId, id);
}

async function assertTeam(db: Db, orgId: string, teamId: string | null | undefined) {
  if (teamId && !(await repo.findTeam(db, orgId, teamId))) throw noSuchTeam();
}

/** An administrator adds a user, who can sign in at once with the given password. */
async function createUserInner(deps: Deps, actor: Actor, input: UserCreate) {
  if (actor.role !== 'admin') throw cannotManageUsers();
  const email = input.email.trim().toLowerCase();
  if (await repo.emailTaken(deps.db, email)) throw emailTaken();
  const passwordHash = await hashPassword(input.password);
  const id = newId();
  return deps.db.transaction(async (tx) => {
    await assertTeam(tx, actor.orgId, input.teamId);
    // Checked again inside the transaction; the unique index is the last word on a race.
    if (await repo.emailTaken(tx, email)) throw emailTaken();
    await repo.insertUser(tx, {
      orgId: actor.orgId,
      id,
      email,
      name: input.name,
      role: input.role,
      passwordHash,
      teamId: input.teamId ?? null,
      level: input.level,
      capacity: input.capacity,
      regions: input.regions,
      industries: input.industries,
      languages: input.languages,
      hireDate: input.hireDate ?? null,
      createdAt: deps.now(),
    });
    await audit(tx, actor, 'user.create', 'user', id, {
      email,
      role: input.role,
      teamId: input.teamId ?? null,
    });
    return loadProfile(tx, actor.orgId, id);
  });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Edits a user. Admins change anything; a team lead (for members of their teams) and a director
 * change only the profile fields and the status. Moving a manager to another team moves the team
 * of the customers they own with them, in the same transaction.
 */
async function updateUserInner(deps: Deps, actor: Actor, id: string, input: UserUpdate) {
  return deps.db.transaction(async (tx) => {
    const before = await repo.lockUser(tx, actor.orgId, id);
    if (!before) throw userNotFound();
    const rights = editRights(actor, before);
    if (rights === 'none') throw cannotManageUsers();
    const given = Object.entries(input).filter(([, v]) => v !== undefined) as [keyof UserUpdate, unknown][];
    if (rights === 'profile') {
      const denied = given.map(([k]) => k).filter((k) => !(PROFILE_FIELDS as readonly string[]).includes(k));
      if (denied.length) throw cannotEditField(denied);
      // Bringing back someone who departed is an administrator's decision.
      if (before.status === 'departed' && input.status) throw cannotEditField(['status']);
      // The level grants reference-data editing (decision 0025): nobody but an admin raises their own.
      if (id === actor.userId && input.level !== undefined) throw cannotEditField(['level']);
    }
    if (input.teamId !== undefined) await assertTeam(tx, actor.orgId, input.teamId);
    if (id === actor.userId && input.role !== undefined && input.role !== 'admin') throw cannotDemoteSelf();

    const changes = given.filter(([k, v]) => !same(before[k as keyof typeof before], v));
    if (!changes.length) return loadProfile(tx, actor.orgId, id);
    const now = deps.now();
    await repo.updateUser(tx, actor.orgId, id, Object.fromEntries(changes));
    const fields: repo.FieldChange[] = changes.map(([k, v]) => ({
      entity: 'user',
      entityId: id,
      field: k,
      oldValue: before[k as keyof typeof before] ?? null,
      newValue: v ?? null,
    }));
    if (input.teamId !== undefined && input.teamId !== before.teamId) {
      const moved = await repo.moveOwnedCustomersTeam(tx, actor.orgId, id, input.teamId, now);
      for (const c of moved)
        fields.push({
          entity: 'customer',
          entityId: c.id,
          field: 'teamId',
          oldValue: before.teamId,
          newValue: input.teamId,
        });
      if (moved.length)
        await audit(tx, actor, 'user.customers_follow_team', 'user', id, {
          from: before.teamId,
          to: input.teamId,
          customers: moved.length,
        });
    }
    await repo.insertFieldHistory(tx, actor.orgId, actor.userId, now, fields);
    await audit(tx, actor, 'user.update', 'user', id, {
      changes: Object.fromEntries(
        changes.map(([k, v]) => [k, { from: before[k as keyof typeof before] ?? null, to: v ?? null }]),
      ),
    });
    return loadProfile(tx, actor.orgId, id);
  });
}

/** createUser, then forget cached sessions: who is who has changed. */
export async function createUser(...args: Parameters<typeof createUserInner>) {
  const result = await createUserInner(...args);
  forgetAllSessions();
  return result;
}

/** updateUser, then forget cached sessions: who is who has changed. */
export async function updateUser(...args: Parameters<typeof updateUserInner>) {
  const result = await updateUserInner(...args);
  forgetAllSessions();
  return result;
}
