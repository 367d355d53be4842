import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  IdParams,
  SavedViewCreate,
  SavedViewList,
  SavedViewOut,
  SavedViewQuery,
  SavedViewUpdate,
} from '@steward/contracts';
import type { Deps } from '../../platform/deps.js';
import { requireActor } from '../../platform/auth-plugin.js';
import { errorResponses, typed } from '../../platform/http.js';
import * as service from './service.js';

const tags = ['views'];

export async function viewRoutes(fastify: FastifyInstance, { deps }: { deps: Deps }) {
  const app = typed(fastify);
  app.get(
    '/views',
    { schema: { tags, querystring: SavedViewQuery, response: { 200: SavedViewList, ...errorResponses } } },
    (req) => service.listViews(deps, requireActor(req), req.query.list),
  );
  app.post(
    '/views',
    { schema: { tags, body: SavedViewCreate, response: { 201: SavedViewOut, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await service.createView(deps, requireActor(req), req.body)),
  );
  app.patch(
    '/views/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: SavedViewUpdate,
        response: { 200: SavedViewOut, ...errorResponses },
      },
    },
    (req) => service.updateView(deps, requireActor(req), req.params.id, req.body),
  );
  app.delete(
    '/views/:id',
    { schema: { tags, params: IdParams, response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await service.deleteView(deps, requireActor(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
