export const ROLES = ['admin', 'director', 'team_lead', 'manager', 'service_agent', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

/** How far a role's customer reads reach within its organization. */
export type CustomerReach = 'organization' | 'team' | 'own';

export type RolePermissions = {
  reach: CustomerReach;
  /** May create customers, edit them and log interactions within reach. */
  writeCustomers: boolean;
  deleteCustomers: boolean;
  mergeCustomers: boolean;
  /** Sees phone, email and ID numbers unmasked. */
  readSensitive: boolean;
  /** May give a new customer to someone other than themself. */
  chooseOwner: boolean;
  manageSettings: boolean;
};

/**
 * The permission matrix of PRODUCT.md C2: a manager works on their own book, a team lead on
 * their team's (with sub-teams), directors and admins on everything. Service agents read every
 * customer they may be asked about; analysts read everything but never personal contact data.
 */
export const PERMISSIONS: Record<Role, RolePermissions> = {
  admin: perm('organization', true, true, true, true, true, true),
  director: perm('organization', true, true, true, true, true, false),
  team_lead: perm('team', true, true, true, true, true, false),
  manager: perm('own', true, false, false, true, false, false),
  service_agent: perm('organization', false, false, false, true, false, false),
  analyst: perm('organization', false, false, false, false, false, false),
};

function perm(
  reach: CustomerReach,
  writeCustomers: boolean,
  deleteCustomers: boolean,
  mergeCustomers: boolean,
  readSensitive: boolean,
  chooseOwner: boolean,
  manageSettings: boolean,
): RolePermissions {
  return {
    reach,
    writeCustomers,
    deleteCustomers,
    mergeCustomers,
    readSensitive,
    chooseOwner,
    manageSettings,
  };
}

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/**
 * All teams in the subtrees rooted at `roots` (a lead sees their teams and every sub-team).
 * `teams` is the organization's flat team list.
 */
export function teamSubtree(teams: { id: string; parentId: string | null }[], roots: string[]): string[] {
  const children = new Map<string, string[]>();
  for (const t of teams) {
    if (!t.parentId) continue;
    children.set(t.parentId, [...(children.get(t.parentId) ?? []), t.id]);
  }
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return [...seen];
}
