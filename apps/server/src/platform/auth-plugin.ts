import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor } from './actor.js';
import type { Deps } from './deps.js';
import { forbidden, unauthenticated } from './errors.js';
import { resolveSession } from '../features/auth/service.js';
import { resolveApiToken } from '../features/tokens/resolve.js';
import { badToken, insufficientScope } from '../features/tokens/errors.js';
import { missingScope, scopeAllows } from '@steward/core';

export const SESSION_COOKIE = 'steward_session';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
    /** Set when the caller authenticated with `Authorization: Bearer <API token>`. */
    apiToken: { id: string; scopes: string[] } | null;
    /** A bearer token was sent but is unknown, revoked or expired. */
    badBearer: boolean;
  }
}

/** Resolves the caller from the session cookie and enforces CSRF on cookie-authenticated writes. */
export const authPlugin = fp(async (app: FastifyInstance, opts: { deps: Deps }) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('apiToken', null);
  app.decorateRequest('badBearer', false);
  app.addHook('preHandler', async (request) => {
    // Only the API needs a caller; the web app's static files and health check do not.
    if (!request.url.startsWith('/api/v1/')) return;
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer) {
      // A bearer token wins over any cookie; no CSRF applies (it protects cookies only).
      const resolved = await resolveApiToken(opts.deps, bearer);
      if (!resolved) request.badBearer = true;
      else {
        request.actor = resolved.actor;
        request.apiToken = { id: resolved.tokenId, scopes: resolved.scopes };
      }
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await resolveSession(opts.deps, token);
    if (!found) return;
    request.actor = found.actor;
    request.csrfToken = found.csrfToken;
  });
});

/** The actor of a request that must be signed in; checks the CSRF header on writes. */
export function requireActor(request: FastifyRequest): Actor {
  const actor = request.actor;
  if (!actor) throw request.badBearer ? badToken() : unauthenticated();
  if (request.apiToken && !scopeAllows(request.apiToken.scopes, request.method, request.url))
    throw insufficientScope(missingScope(request.method, request.url));
  if (actor.via === 'session' && WRITES.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || sent !== request.csrfToken) {
      throw forbidden(
        'Missing or wrong X-CSRF-Token header: send the token from login or GET /api/v1/auth/csrf.',
      );
    }
  }
  return actor;
}
