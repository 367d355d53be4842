import type { ManagerLevel } from '../assignment/types.js';
import type { Role } from './roles.js';

/** Roles that edit the organization's shared reference data whatever their level. */
const EDITOR_ROLES: readonly Role[] = ['admin', 'director'];
/** Levels of a manager's profile that edit it (a senior manager, a key-account team lead). */
const EDITOR_LEVELS: readonly string[] = ['senior', 'key_account'] satisfies ManagerLevel[];
/** The roles that carry a manager's profile, hence a level that counts. */
const MANAGER_ROLES: readonly Role[] = ['manager', 'team_lead'];

/**
 * May this user edit shared reference data — the product catalog, the visit cadence and the care
 * message templates (issue #3, docs/decisions/0025)? Administrators and directors may; so may
 * managers and team leads whose profile level is senior or key_account ("senior managers"). Everyone
 * else in the organization reads; a level set on an analyst's or agent's account does not count.
 * `level` is the user's current `users.level` (any other value counts as junior).
 */
export const mayEditReferenceData = (user: { role: Role; level: string }): boolean =>
  EDITOR_ROLES.includes(user.role) ||
  (MANAGER_ROLES.includes(user.role) && EDITOR_LEVELS.includes(user.level));
