import type { FastifyInstance } from 'fastify';
import {
  AgendaOut,
  AgendaQuery,
  IdParams,
  TaskCreate,
  TaskListQuery,
  TaskOut,
  TaskPage,
  TaskUpdate,
} from '@steward/contracts';
import type { Deps } from '../../platform/deps.js';
import { requireActor } from '../../platform/auth-plugin.js';
import { errorResponses, typed } from '../../platform/http.js';
import * as service from './service.js';
import { getAgenda } from './agenda.js';

const tags = ['engagement'];

export async function taskRoutes(fastify: FastifyInstance, { deps }: { deps: Deps }) {
  const app = typed(fastify);
  app.get(
    '/tasks',
    { schema: { tags, querystring: TaskListQuery, response: { 200: TaskPage, ...errorResponses } } },
    (req) => service.listTasks(deps, requireActor(req), req.query),
  );
  app.get(
    '/agenda',
    { schema: { tags, querystring: AgendaQuery, response: { 200: AgendaOut, ...errorResponses } } },
    (req) => getAgenda(deps, requireActor(req), req.query),
  );
  app.post(
    '/tasks',
    { schema: { tags, body: TaskCreate, response: { 201: TaskOut, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await service.createTask(deps, requireActor(req), req.body)),
  );
  app.get(
    '/tasks/:id',
    { schema: { tags, params: IdParams, response: { 200: TaskOut, ...errorResponses } } },
    (req) => service.getTask(deps, requireActor(req), req.params.id),
  );
  app.patch(
    '/tasks/:id',
    { schema: { tags, params: IdParams, body: TaskUpdate, response: { 200: TaskOut, ...errorResponses } } },
    (req) => service.updateTask(deps, requireActor(req), req.params.id, req.body),
  );
}
