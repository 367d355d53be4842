import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { uuidArray } from '../../db/sql-arrays.js';
import { goals } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';

const ORG_READERS = new Set(['admin', 'director', 'analyst']);
const GOAL_SETTERS = new Set(['admin', 'director', 'team_lead']);

/**
 * Who may read whose performance and set whose goals. Directors, administrators and analysts read
 * everyone and the organization; a team lead reads the teams they lead (with sub-teams) and their
 * members; everyone reads themselves. Goals are set by leads (for their teams and members),
 * directors and administrators.
 */
export const performancePolicy = {
  readsOrganization: (actor: Actor) => ORG_READERS.has(actor.role),
  canReadManager(actor: Actor, user: { id: string; teamId: string | null }): boolean {
    if (user.id === actor.userId || ORG_READERS.has(actor.role)) return true;
    return actor.role === 'team_lead' && user.teamId !== null && actor.scopeTeamIds.includes(user.teamId);
  },
  canReadTeam(actor: Actor, teamId: string): boolean {
    if (ORG_READERS.has(actor.role)) return true;
    return actor.role === 'team_lead' && actor.scopeTeamIds.includes(teamId);
  },
  setsGoals: (actor: Actor) => GOAL_SETTERS.has(actor.role),
  canSetGoalForManager(actor: Actor, user: { id: string; teamId: string | null }): boolean {
    if (actor.role === 'admin' || actor.role === 'director') return true;
    return actor.role === 'team_lead' && user.teamId !== null && actor.scopeTeamIds.includes(user.teamId);
  },
  canSetGoalForTeam(actor: Actor, teamId: string): boolean {
    if (actor.role === 'admin' || actor.role === 'director') return true;
    return actor.role === 'team_lead' && actor.scopeTeamIds.includes(teamId);
  },
};

/** The goals an actor may read; every goal query ANDs it in (out of scope → 404). */
export function goalScope(actor: Actor): SQL {
  const base = eq(goals.orgId, actor.orgId);
  if (ORG_READERS.has(actor.role)) return base;
  const mine = and(eq(goals.subjectType, 'manager'), eq(goals.subjectId, actor.userId))!;
  if (actor.role !== 'team_lead' || !actor.scopeTeamIds.length) return and(base, mine)!;
  const teams = uuidArray(actor.scopeTeamIds);
  const members = sql`${goals.subjectId} in (select u.id from users u where u.org_id = ${actor.orgId} and u.team_id = any(${teams}))`;
  return and(
    base,
    or(
      mine,
      and(eq(goals.subjectType, 'manager'), members),
      and(eq(goals.subjectType, 'team'), sql`${goals.subjectId} = any(${teams})`),
    ),
  )!;
}
