import type { FastifyInstance } from 'fastify';
import { ApiTokenCreate, ApiTokenCreated, ApiTokenList, ApiTokenOut, IdParams } from '@steward/contracts';
import type { Deps } from '../../platform/deps.js';
import { requireActor } from '../../platform/auth-plugin.js';
import { errorResponses, typed } from '../../platform/http.js';
import * as service from './service.js';

const tags = ['integrations'];

export async function tokenRoutes(fastify: FastifyInstance, { deps }: { deps: Deps }) {
  const app = typed(fastify);
  app.post(
    '/api-tokens',
    { schema: { tags, body: ApiTokenCreate, response: { 201: ApiTokenCreated, ...errorResponses } } },
    async (req, reply) =>
      reply.status(201).send(await service.createToken(deps, requireActor(req), req.body)),
  );
  app.get('/api-tokens', { schema: { tags, response: { 200: ApiTokenList, ...errorResponses } } }, (req) =>
    service.listTokens(deps, requireActor(req)),
  );
  app.delete(
    '/api-tokens/:id',
    { schema: { tags, params: IdParams, response: { 200: ApiTokenOut, ...errorResponses } } },
    (req) => service.revokeToken(deps, requireActor(req), req.params.id),
  );
}
