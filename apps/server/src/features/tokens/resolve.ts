import { isRole, PERMISSIONS } from '@steward/core';
import { levelOf, type Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { cachedSession, cacheSession, forgetSession } from '../../platform/actor-cache.js';
import { sha256 } from '../../platform/ids.js';
import * as repo from './repo.js';

export type ResolvedToken = { actor: Actor; tokenId: string; scopes: string[] };

/**
 * What the actor cache cannot hold: the token's id and scopes (fixed for its life) and when this
 * process last stamped lastUsedAt. The actor itself lives in platform/actor-cache under `api:<hash>`,
 * so every change to users or teams (which clears that cache) applies to tokens within the same 5 s.
 */
type Meta = { tokenId: string; orgId: string; scopes: string[]; touchedAt: number };
const meta = new Map<string, Meta>();
const MAX_META = 10_000;
const TOUCH_EVERY_MS = 60_000;
const cacheKey = (hash: string) => `api:${hash}`;

/** Drops a revoked token from this process's caches at once. */
export function forgetToken(tokenHash: string) {
  forgetSession(cacheKey(tokenHash));
  meta.delete(tokenHash);
}

/**
 * Resolves `Authorization: Bearer stw_…` to the token's user acting with their own role and
 * data scope; null when the token is unknown, revoked, expired or its user inactive. lastUsedAt
 * is written at most once a minute per token.
 */
export async function resolveApiToken(deps: Deps, secret: string): Promise<ResolvedToken | null> {
  const hash = sha256(secret);
  const now = deps.now();
  const cached = cachedSession(cacheKey(hash), now);
  const known = meta.get(hash);
  if (cached && known) {
    await touch(deps, known, now);
    return { actor: cached.actor, tokenId: known.tokenId, scopes: known.scopes };
  }
  const found = await repo.findUsableToken(deps.db, hash, now);
  if (!found) return null;
  const { user, token } = found;
  const role = user.role;
  if (!isRole(role)) return null;
  const teamIds = [...new Set([...(user.teamId ? [user.teamId] : []), ...found.led])];
  const actor: Actor = {
    orgId: user.orgId,
    userId: user.id,
    role,
    level: levelOf(user.level),
    name: user.name,
    email: user.email,
    teamIds,
    scopeTeamIds: role === 'team_lead' ? found.scope : [],
    permissions: PERMISSIONS[role],
    via: 'token',
  };
  const expires = token.expiresAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
  cacheSession(cacheKey(hash), { actor, csrfToken: '', sessionExpiresAt: expires });
  if (meta.size >= MAX_META) meta.clear();
  const entry: Meta = {
    tokenId: token.id,
    orgId: token.orgId,
    scopes: token.scopes,
    touchedAt: known?.touchedAt ?? token.lastUsedAt?.getTime() ?? 0,
  };
  meta.set(hash, entry);
  await touch(deps, entry, now);
  return { actor, tokenId: token.id, scopes: token.scopes };
}

async function touch(deps: Deps, entry: Meta, now: Date) {
  if (now.getTime() - entry.touchedAt < TOUCH_EVERY_MS && entry.touchedAt <= now.getTime()) return;
  entry.touchedAt = now.getTime();
  await repo.touchToken(deps.db, entry.orgId, entry.tokenId, now);
}
