import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CsrfOut, LoginBody, LoginOut, MeOut, SignupBody } from '@steward/contracts';
import type { Deps } from '../../platform/deps.js';
import { requireActor, SESSION_COOKIE } from '../../platform/auth-plugin.js';
import { errorResponses, typed } from '../../platform/http.js';
import { unauthenticated } from '../../platform/errors.js';
import * as service from './service.js';

export async function authRoutes(fastify: FastifyInstance, { deps }: { deps: Deps }) {
  const app = typed(fastify);
  // Secure whenever the request came over HTTPS (directly or behind a proxy), or when configured.
  const setCookie = (req: FastifyRequest, reply: FastifyReply, token: string, expires: Date) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.config.secureCookies || req.protocol === 'https',
      expires,
    });
  const loginLimit = { max: deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' };

  app.post(
    '/auth/signup',
    {
      schema: { tags: ['auth'], body: SignupBody, response: { 201: LoginOut, ...errorResponses } },
      config: { rateLimit: loginLimit },
    },
    async (req, reply) => {
      const s = await service.signup(deps, req.body);
      setCookie(req, reply, s.token, s.expiresAt);
      return reply.status(201).send({ user: s.user, csrfToken: s.csrfToken });
    },
  );

  app.post(
    '/auth/login',
    {
      schema: { tags: ['auth'], body: LoginBody, response: { 200: LoginOut, ...errorResponses } },
      config: { rateLimit: loginLimit },
    },
    async (req, reply) => {
      const s = await service.login(deps, req.body);
      setCookie(req, reply, s.token, s.expiresAt);
      return { user: s.user, csrfToken: s.csrfToken };
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      requireActor(req);
      await service.logout(deps, req.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/csrf',
    { schema: { tags: ['auth'], response: { 200: CsrfOut, ...errorResponses } } },
    async (req) => {
      requireActor(req);
      if (!req.csrfToken) throw unauthenticated();
      return { csrfToken: req.csrfToken };
    },
  );

  app.get('/me', { schema: { tags: ['auth'], response: { 200: MeOut, ...errorResponses } } }, async (req) =>
    service.me(deps, requireActor(req)),
  );
}
