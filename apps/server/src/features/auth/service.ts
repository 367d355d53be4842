import { teamSubtree, isRole, PERMISSIONS } from '@steward/core';
import { levelOf, type Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, forbidden, rateLimited, unauthenticated } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { newId, randomToken, sha256 } from '../../platform/ids.js';
import { hashPassword, verifyPassword } from '../../platform/passwords.js';
import { organizations, users } from '../../db/schema/index.js';
import * as repo from './repo.js';
import { cachedSession, cacheSession, forgetSession } from '../../platform/actor-cache.js';
import { presentMe, presentUser } from './presenter.js';

type UserRow = NonNullable<Awaited<ReturnType<typeof repo.findUserByEmail>>>;

export type SignedIn = {
  token: string;
  csrfToken: string;
  user: ReturnType<typeof presentUser>;
  expiresAt: Date;
};

// A real hash to compare against when the email is unknown, so timing does not reveal accounts.
let dummyHash: Promise<string> | undefined;

async function openSession(deps: Deps, user: UserRow): Promise<SignedIn> {
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(deps.now().getTime() + deps.config.sessionTtlHours * 3600_000);
  await repo.insertSession(deps.db, {
    tokenHash: sha256(token),
    orgId: user.orgId,
    userId: user.id,
    csrfToken,
    expiresAt,
  });
  const actor = await actorFor(deps, user, 'session');
  return { token, csrfToken, user: presentUser(actor), expiresAt };
}

export async function signup(
  deps: Deps,
  body: {
    organizationName: string;
    name: string;
    email: string;
    password: string;
    language?: 'zh-CN' | 'en-US';
  },
): Promise<SignedIn> {
  if (!deps.config.signupEnabled) throw forbidden('Sign-up is turned off on this server.');
  const email = body.email.trim().toLowerCase();
  if (await repo.emailTaken(deps.db, email))
    throw new AppError(409, 'email_taken', 'An account with this email exists.', [
      { path: 'email', message: 'already registered' },
    ]);
  const passwordHash = await hashPassword(body.password);
  const orgId = newId();
  const userId = newId();
  const user = await deps.db.transaction(async (tx) => {
    await tx
      .insert(organizations)
      .values({ id: orgId, name: body.organizationName, language: body.language ?? 'zh-CN' });
    const [row] = await tx
      .insert(users)
      .values({ orgId, id: userId, email, name: body.name, role: 'admin', passwordHash })
      .returning();
    await audit(tx, { orgId, userId }, 'signup', 'organization', orgId, { name: body.organizationName });
    return row!;
  });
  return openSession(deps, user);
}

export async function login(deps: Deps, body: { email: string; password: string }): Promise<SignedIn> {
  const now = deps.now();
  const user = await repo.findUserByEmail(deps.db, body.email.trim());
  if (!user) {
    dummyHash ??= hashPassword('not-a-password');
    await verifyPassword(await dummyHash, body.password);
    throw unauthenticated('Email or password is wrong.');
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    throw rateLimited('Too many failed sign-ins: the account is locked for a while. Try again later.');
  }
  const ok = await verifyPassword(user.passwordHash, body.password);
  if (!ok || user.status !== 'active') {
    if (ok) throw unauthenticated('This account is deactivated.');
    const lockUntil = new Date(now.getTime() + deps.config.lockoutMinutes * 60_000);
    const expiredLock = user.lockedUntil && user.lockedUntil <= now;
    if (expiredLock) await repo.clearFailedLogins(deps.db, user.orgId, user.id);
    await repo.recordFailedLogin(deps.db, user.orgId, user.id, deps.config.lockoutThreshold, lockUntil);
    throw unauthenticated('Email or password is wrong.');
  }
  if (user.failedLogins > 0 || user.lockedUntil) await repo.clearFailedLogins(deps.db, user.orgId, user.id);
  return openSession(deps, user);
}

export async function logout(deps: Deps, token: string | undefined): Promise<void> {
  if (!token) return;
  forgetSession(sha256(token));
  await repo.deleteSession(deps.db, sha256(token));
}

export async function actorFor(deps: Deps, user: UserRow, via: Actor['via']): Promise<Actor> {
  const teams = await repo.listTeams(deps.db, user.orgId);
  const led = teams.filter((t) => t.leadId === user.id).map((t) => t.id);
  const roots = [...new Set([...(user.teamId ? [user.teamId] : []), ...led])];
  return actorOf(user, led, user.role === 'team_lead' ? teamSubtree(teams, roots) : [], via);
}

/** The actor from a user row, the teams they lead and their team scope. */
function actorOf(user: UserRow, led: string[], scopeTeamIds: string[], via: Actor['via']): Actor {
  if (!isRole(user.role)) throw unauthenticated();
  const teamIds = [...new Set([...(user.teamId ? [user.teamId] : []), ...led])];
  return {
    orgId: user.orgId,
    userId: user.id,
    role: user.role,
    level: levelOf(user.level),
    name: user.name,
    email: user.email,
    teamIds,
    scopeTeamIds,
    permissions: PERMISSIONS[user.role],
    via,
  };
}

/** Resolves a session cookie to its actor and CSRF token; null when absent, expired or revoked. */
export async function resolveSession(
  deps: Deps,
  token: string,
): Promise<{ actor: Actor; csrfToken: string } | null> {
  const hash = sha256(token);
  const now = deps.now();
  const cached = cachedSession(hash, now);
  if (cached) return cached;
  const found = await repo.findSession(deps.db, hash, now);
  if (!found) return null;
  const resolved = {
    actor: actorOf(found.user, found.led, found.scope, 'session'),
    csrfToken: found.session.csrfToken,
  };
  cacheSession(hash, { ...resolved, sessionExpiresAt: found.session.expiresAt.getTime() });
  return resolved;
}

export async function me(deps: Deps, actor: Actor) {
  const org = await repo.findOrganization(deps.db, actor.orgId);
  if (!org) throw unauthenticated();
  return presentMe(actor, org);
}
