import { PERMISSIONS, type ManagerLevel, type Role, type RolePermissions } from '@steward/core';

/** The signed-in caller: every service call takes one and scopes its reads and writes by it. */
export type Actor = {
  orgId: string;
  userId: string;
  role: Role;
  /** The profile level (users.level) as of this session's lookup; the actor cache is cleared on user writes. */
  level: ManagerLevel;
  name: string;
  email: string;
  /** The user's own team and the teams they lead. */
  teamIds: string[];
  /** For team leads: every team in the subtrees they lead (their data scope). */
  scopeTeamIds: string[];
  permissions: RolePermissions;
  via: 'session' | 'token';
};

export const permissionsOf = (role: Role): RolePermissions => PERMISSIONS[role];

/** A users.level value as a ManagerLevel (anything unknown counts as junior). */
export const levelOf = (value: string): ManagerLevel =>
  value === 'senior' || value === 'key_account' ? value : 'junior';
