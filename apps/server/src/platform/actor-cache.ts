import type { Actor } from './actor.js';

/**
 * Resolved sessions, kept for a few seconds so that a burst of requests (a page loading its
 * lists) costs one session lookup instead of one each. Any change to users or teams clears it
 * (features/managers), logout drops its entry; in a multi-process deployment another process may
 * serve a just-deactivated session for at most TTL_MS.
 */
const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;
type Entry = { actor: Actor; csrfToken: string; sessionExpiresAt: number; cachedUntil: number };
const entries = new Map<string, Entry>();

export function cachedSession(tokenHash: string, now: Date): Entry | null {
  const e = entries.get(tokenHash);
  if (!e) return null;
  if (e.cachedUntil < Date.now() || e.sessionExpiresAt <= now.getTime()) {
    entries.delete(tokenHash);
    return null;
  }
  return e;
}

export function cacheSession(tokenHash: string, value: Omit<Entry, 'cachedUntil'>) {
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(tokenHash, { ...value, cachedUntil: Date.now() + TTL_MS });
}

export const forgetSession = (tokenHash: string) => entries.delete(tokenHash);

/** Who is who changed (a user or team was written): every cached actor may be stale. */
export const forgetAllSessions = () => entries.clear();
