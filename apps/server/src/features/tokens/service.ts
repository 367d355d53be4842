import type { ApiTokenCreate } from '@steward/contracts';
import { isValidScope } from '@steward/core';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { audit } from '../../platform/audit.js';
import { newId, randomToken, sha256 } from '../../platform/ids.js';
import { badScopes, expiryInPast, sessionRequired, tokenNotFound } from './errors.js';
import { presentToken } from './presenter.js';
import * as repo from './repo.js';
import { forgetToken } from './resolve.js';

/** Secrets look like `stw_` + 43 base64url characters (256 random bits). */
export const TOKEN_PREFIX = 'stw_';
const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;

const isAdmin = (actor: Actor) => actor.role === 'admin';

function assertSession(actor: Actor) {
  if (actor.via !== 'session') throw sessionRequired();
}

/** A token for the caller: its secret is in this answer only; the database keeps its SHA-256. */
export async function createToken(deps: Deps, actor: Actor, input: ApiTokenCreate) {
  assertSession(actor);
  const scopes = [...new Set(input.scopes)];
  const bad = scopes.filter((s) => !isValidScope(s));
  if (bad.length) throw badScopes(bad);
  const now = deps.now();
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= now) throw expiryInPast();
  const secret = `${TOKEN_PREFIX}${randomToken(32)}`;
  return deps.db.transaction(async (tx) => {
    const row = await repo.insertToken(tx, {
      orgId: actor.orgId,
      id: newId(),
      userId: actor.userId,
      name: input.name,
      tokenHash: sha256(secret),
      prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
      scopes,
      expiresAt,
      createdAt: now,
    });
    await audit(tx, actor, 'api_token.create', 'api_token', row.id, {
      name: row.name,
      scopes,
      expiresAt: expiresAt?.toISOString() ?? null,
    });
    return { ...presentToken(row, actor.name, now), token: secret };
  });
}

/** The caller's own tokens; an administrator sees every token of the organization. */
export async function listTokens(deps: Deps, actor: Actor) {
  assertSession(actor);
  const rows = await repo.listTokens(deps.db, actor.orgId, isAdmin(actor) ? null : actor.userId);
  const now = deps.now();
  return { data: rows.map((r) => presentToken(r.token, r.userName, now)) };
}

/** Revokes a token at once (its owner, or an administrator); someone else's token is a 404. */
export async function revokeToken(deps: Deps, actor: Actor, id: string) {
  assertSession(actor);
  return deps.db.transaction(async (tx) => {
    const found = await repo.findToken(tx, actor.orgId, id);
    if (!found) throw tokenNotFound();
    if (found.token.userId !== actor.userId && !isAdmin(actor)) throw tokenNotFound();
    const now = deps.now();
    if (!found.token.revokedAt) {
      await repo.revokeToken(tx, actor.orgId, id, now);
      await audit(tx, actor, 'api_token.revoke', 'api_token', id, {
        name: found.token.name,
        userId: found.token.userId,
      });
    }
    forgetToken(found.token.tokenHash);
    return presentToken({ ...found.token, revokedAt: found.token.revokedAt ?? now }, found.userName, now);
  });
}
