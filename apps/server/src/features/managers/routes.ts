import type { FastifyInstance } from 'fastify';
import {
  CustomFieldDefCreate,
  CustomFieldDefList,
  CustomFieldDefOut,
  TeamList,
  UserList,
} from '@steward/contracts';
import type { Deps } from '../../platform/deps.js';
import { requireActor } from '../../platform/auth-plugin.js';
import { errorResponses, typed } from '../../platform/http.js';
import * as service from './service.js';

export async function settingsRoutes(fastify: FastifyInstance, { deps }: { deps: Deps }) {
  const app = typed(fastify);
  app.get(
    '/teams',
    { schema: { tags: ['managers'], response: { 200: TeamList, ...errorResponses } } },
    (req) => service.listTeams(deps, requireActor(req)),
  );
  app.get(
    '/users',
    { schema: { tags: ['managers'], response: { 200: UserList, ...errorResponses } } },
    (req) => service.listUsers(deps, requireActor(req)),
  );
  app.get(
    '/custom-fields',
    { schema: { tags: ['settings'], response: { 200: CustomFieldDefList, ...errorResponses } } },
    (req) => service.listCustomFields(deps, requireActor(req)),
  );
  app.post(
    '/custom-fields',
    {
      schema: {
        tags: ['settings'],
        body: CustomFieldDefCreate,
        response: { 201: CustomFieldDefOut, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.createCustomField(deps, requireActor(req), req.body)),
  );
}
