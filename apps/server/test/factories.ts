import { eq } from 'drizzle-orm';
import type { Db } from '../src/db/client.js';
import { customers, organizations, teams, users } from '../src/db/schema/index.js';
import { newId } from '../src/platform/ids.js';
import { hashPassword } from '../src/platform/passwords.js';
import { buildCustomer, createRng, withCompleteness } from '../src/db/seed/index.js';
import { TEST_PASSWORD } from './build-test-app.js';

let passwordHash: Promise<string> | undefined;
let counter = 0;

export type TestOrg = Awaited<ReturnType<typeof createTestOrg>>;

/**
 * An organization with one user of every role and a small team tree:
 * department (lead: director) → team A (lead: leadA; managers m1, m2) → sub-team A1 (manager m3);
 * team B (lead: leadB; manager m4). E-mails are unique per call.
 */
export async function createTestOrg(db: Db, name = 'Test Org') {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const tag = `${Date.now().toString(36)}${(counter++).toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const orgId = newId();
  const team = { dept: newId(), a: newId(), a1: newId(), b: newId() };
  const mk = (key: string, role: string, teamId: string | null) => ({
    orgId,
    id: newId(),
    email: `${key}.${tag}@test.example`,
    name: `${key} ${tag}`,
    role,
    passwordHash: hash,
    teamId,
  });
  const u = {
    admin: mk('admin', 'admin', null),
    director: mk('director', 'director', team.dept),
    leadA: mk('leadA', 'team_lead', team.a),
    leadB: mk('leadB', 'team_lead', team.b),
    m1: mk('m1', 'manager', team.a),
    m2: mk('m2', 'manager', team.a),
    m3: mk('m3', 'manager', team.a1),
    m4: mk('m4', 'manager', team.b),
    agent: mk('agent', 'service_agent', null),
    analyst: mk('analyst', 'analyst', null),
  };
  await db.insert(organizations).values({ id: orgId, name });
  await db.insert(teams).values([
    { orgId, id: team.dept, name: 'Dept' },
    { orgId, id: team.a, name: 'Team A', parentId: team.dept },
    { orgId, id: team.a1, name: 'Team A1', parentId: team.a },
    { orgId, id: team.b, name: 'Team B', parentId: team.dept },
  ]);
  await db.insert(users).values(Object.values(u));
  await db.update(teams).set({ leadId: u.director.id }).where(eq(teams.id, team.dept));
  await db.update(teams).set({ leadId: u.leadA.id }).where(eq(teams.id, team.a));
  await db.update(teams).set({ leadId: u.leadB.id }).where(eq(teams.id, team.b));
  return { orgId, team, users: u };
}

const rng = createRng(42);
let index = 1_000_000;

/** Inserts a customer built by the shared builders, owned by `owner` (or in the pool). */
export async function insertCustomer(
  db: Db,
  orgId: string,
  owner: { id: string; teamId: string | null } | null,
  overrides: Partial<typeof customers.$inferInsert> = {},
) {
  const now = new Date();
  const row = withCompleteness(
    { ...buildCustomer(rng, { orgId, id: newId(), index: index++, owner, createdAt: now }), ...overrides },
    0,
  );
  const [created] = await db.insert(customers).values(row).returning();
  return created!;
}
