import { PERMISSIONS, type Role, type RolePermissions } from '@steward/core';

/** The signed-in caller: every service call takes one and scopes its reads and writes by it. */
export type Actor = {
  orgId: string;
  userId: string;
  role: Role;
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
