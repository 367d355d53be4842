import { forgetAllSessions } from '../../platform/actor-cache.js';
import { teamSubtree } from '@steward/core';
import type { TeamCreate, TeamUpdate } from '@steward/contracts';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import type { Db } from '../../db/client.js';
import { audit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import * as repo from './repo.js';
import { presentTeam } from './presenter.js';
import { assertMayManageTeams } from './policy.js';
import { noSuchTeam, noSuchUser, teamCycle, teamNotEmpty, teamNotFound } from './errors.js';

export async function listTeams(deps: Deps, actor: Actor) {
  return { data: (await repo.listTeams(deps.db, actor.orgId)).map(presentTeam) };
}

async function checkRefs(db: Db, orgId: string, input: TeamUpdate) {
  if (input.parentId && !(await repo.findTeam(db, orgId, input.parentId))) throw noSuchTeam('parentId');
  if (input.leadId && !(await repo.findUser(db, orgId, input.leadId))) throw noSuchUser('leadId');
}

/** Directors and admins add a team (or a department: a team with sub-teams). */
async function createTeamInner(deps: Deps, actor: Actor, input: TeamCreate) {
  assertMayManageTeams(actor);
  return deps.db.transaction(async (tx) => {
    await checkRefs(tx, actor.orgId, input);
    const row = await repo.insertTeam(tx, {
      orgId: actor.orgId,
      id: newId(),
      name: input.name,
      parentId: input.parentId ?? null,
      leadId: input.leadId ?? null,
      createdAt: deps.now(),
    });
    await audit(tx, actor, 'team.create', 'team', row.id, presentTeam(row));
    return presentTeam(row);
  });
}

/** Renames a team, moves it in the tree (never under itself: 422 team_cycle) or changes its lead. */
async function updateTeamInner(deps: Deps, actor: Actor, id: string, input: TeamUpdate) {
  assertMayManageTeams(actor);
  return deps.db.transaction(async (tx) => {
    const before = await repo.findTeam(tx, actor.orgId, id);
    if (!before) throw teamNotFound();
    await checkRefs(tx, actor.orgId, input);
    if (input.parentId) {
      const below = teamSubtree(await repo.listTeams(tx, actor.orgId), [id]);
      if (below.includes(input.parentId)) throw teamCycle();
    }
    const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    if (!Object.keys(patch).length) return presentTeam(before);
    const row = await repo.updateTeam(tx, actor.orgId, id, patch);
    await audit(tx, actor, 'team.update', 'team', id, {
      before: presentTeam(before),
      after: presentTeam(row),
    });
    return presentTeam(row);
  });
}

/** Deletes an empty team: no members (whatever their status) and no sub-teams. */
async function deleteTeamInner(deps: Deps, actor: Actor, id: string) {
  assertMayManageTeams(actor);
  await deps.db.transaction(async (tx) => {
    const before = await repo.findTeam(tx, actor.orgId, id);
    if (!before) throw teamNotFound();
    const usage = await repo.teamUsage(tx, actor.orgId, id);
    if (usage.members || usage.subTeams) throw teamNotEmpty(usage.members, usage.subTeams);
    await repo.deleteTeam(tx, actor.orgId, id);
    await audit(tx, actor, 'team.delete', 'team', id, presentTeam(before));
  });
}

/** createTeam, then forget cached sessions: who is who has changed. */
export async function createTeam(...args: Parameters<typeof createTeamInner>) {
  const result = await createTeamInner(...args);
  forgetAllSessions();
  return result;
}

/** updateTeam, then forget cached sessions: who is who has changed. */
export async function updateTeam(...args: Parameters<typeof updateTeamInner>) {
  const result = await updateTeamInner(...args);
  forgetAllSessions();
  return result;
}

/** deleteTeam, then forget cached sessions: who is who has changed. */
export async function deleteTeam(...args: Parameters<typeof deleteTeamInner>) {
  const result = await deleteTeamInner(...args);
  forgetAllSessions();
  return result;
}
