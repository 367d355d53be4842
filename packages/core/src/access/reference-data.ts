import type { ManagerLevel } from '../assignment/types.js';
import type { Role } from './roles.js';

/** Roles that edit the organization's shared reference data whatever their level. */
const EDITOR_ROLES: readonly Role[] = ['admin', 'director'];
/** Levels whose holders edit it whatever their role (a senior manager, a key-account team lead). */
const EDITOR_LEVELS: readonly string[] = ['senior', 'key_account'] satisfies ManagerLevel[];

/**
 * May this user edit shared reference data — the product catalog, the visit cadence and the care
 * message templates (issue #3, docs/decisions/0025)? Administrators and directors may; so may
 * anyone whose profile level is senior or key_account. Everyone else in the organization reads.
 * `level` is the user's current `users.level` (any other value counts as junior).
 */
export const mayEditReferenceData = (user: { role: Role; level: string }): boolean =>
  EDITOR_ROLES.includes(user.role) || EDITOR_LEVELS.includes(user.level);
