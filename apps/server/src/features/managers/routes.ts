import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CustomFieldDefCreate,
  CustomFieldDefList,
  CustomFieldDefOut,
  DeactivateBody,
  HandoverOut,
  HandoverPreviewQuery,
  IdParams,
  TeamCreate,
  TeamList,
  TeamOut,
  TeamUpdate,
  UserCreate,
  UserList,
  UserListQuery,
  UserProfile,
  UserUpdate,
} from '@steward/contracts';
import type { Deps } from '../../platform/deps.js';
import { requireActor } from '../../platform/auth-plugin.js';
import { errorResponses, typed } from '../../platform/http.js';
import * as service from './service.js';
import * as users from './users.js';
import * as teams from './teams.js';
import * as handover from './handover.js';

const tags = ['managers'];
const ok = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...errorResponses });
const created = <T extends z.ZodType>(schema: T) => ({ 201: schema, ...errorResponses });

export async function settingsRoutes(fastify: FastifyInstance, { deps }: { deps: Deps }) {
  const app = typed(fastify);

  app.get('/teams', { schema: { tags, response: ok(TeamList) } }, (req) =>
    teams.listTeams(deps, requireActor(req)),
  );
  app.post('/teams', { schema: { tags, body: TeamCreate, response: created(TeamOut) } }, async (req, reply) =>
    reply.status(201).send(await teams.createTeam(deps, requireActor(req), req.body)),
  );
  app.patch(
    '/teams/:id',
    { schema: { tags, params: IdParams, body: TeamUpdate, response: ok(TeamOut) } },
    (req) => teams.updateTeam(deps, requireActor(req), req.params.id, req.body),
  );
  app.delete(
    '/teams/:id',
    { schema: { tags, params: IdParams, response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await teams.deleteTeam(deps, requireActor(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get('/users', { schema: { tags, querystring: UserListQuery, response: ok(UserList) } }, (req) =>
    users.listUsers(deps, requireActor(req), req.query),
  );
  app.post(
    '/users',
    { schema: { tags, body: UserCreate, response: created(UserProfile) } },
    async (req, reply) => reply.status(201).send(await users.createUser(deps, requireActor(req), req.body)),
  );
  app.get('/users/:id', { schema: { tags, params: IdParams, response: ok(UserProfile) } }, (req) =>
    users.getUser(deps, requireActor(req), req.params.id),
  );
  app.patch(
    '/users/:id',
    { schema: { tags, params: IdParams, body: UserUpdate, response: ok(UserProfile) } },
    (req) => users.updateUser(deps, requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/users/:id/deactivate',
    { schema: { tags, params: IdParams, body: DeactivateBody, response: ok(HandoverOut) } },
    (req) => handover.deactivateUser(deps, requireActor(req), req.params.id, req.body),
  );
  app.get(
    '/users/:id/handover-preview',
    { schema: { tags, params: IdParams, querystring: HandoverPreviewQuery, response: ok(HandoverOut) } },
    (req) => handover.handoverPreview(deps, requireActor(req), req.params.id),
  );

  app.get('/custom-fields', { schema: { tags: ['settings'], response: ok(CustomFieldDefList) } }, (req) =>
    service.listCustomFields(deps, requireActor(req)),
  );
  app.post(
    '/custom-fields',
    { schema: { tags: ['settings'], body: CustomFieldDefCreate, response: created(CustomFieldDefOut) } },
    async (req, reply) =>
      reply.status(201).send(await service.createCustomField(deps, requireActor(req), req.body)),
  );
}
