import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CareerLevelIn,
  CareerLevelList,
  CareerLevelOut,
  CareerLevelUpdate,
  CodeParams,
  EligibilityOut,
  EligibilityQuery,
  TrainingIn,
  TrainingList,
  TrainingOut,
  TrainingQuery,
} from '@steward/contracts';
import type { Deps } from '../../platform/deps.js';
import { requireActor } from '../../platform/auth-plugin.js';
import { errorResponses, typed } from '../../platform/http.js';
import * as training from './training.js';

export async function trainingRoutes(fastify: FastifyInstance, deps: Deps) {
  const app = typed(fastify);
  const ok = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...errorResponses });
  const created = <T extends z.ZodType>(schema: T) => ({ 201: schema, ...errorResponses });
  const tags = ['performance'];

  app.get(
    '/training-records',
    { schema: { tags, querystring: TrainingQuery, response: ok(TrainingList) } },
    (req) => training.listTraining(deps, requireActor(req), req.query),
  );
  app.post(
    '/training-records',
    { schema: { tags, body: TrainingIn, response: created(TrainingOut) } },
    async (req, reply) =>
      reply.status(201).send(await training.createTraining(deps, requireActor(req), req.body)),
  );

  app.get('/career-levels', { schema: { tags, response: ok(CareerLevelList) } }, (req) =>
    training.listLevels(deps, requireActor(req)),
  );
  app.post(
    '/career-levels',
    { schema: { tags, body: CareerLevelIn, response: created(CareerLevelOut) } },
    async (req, reply) =>
      reply.status(201).send(await training.createLevel(deps, requireActor(req), req.body)),
  );
  app.patch(
    '/career-levels/:code',
    { schema: { tags, params: CodeParams, body: CareerLevelUpdate, response: ok(CareerLevelOut) } },
    (req) => training.updateLevel(deps, requireActor(req), req.params.code, req.body),
  );
  app.delete(
    '/career-levels/:code',
    { schema: { tags, params: CodeParams, response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await training.deleteLevel(deps, requireActor(req), req.params.code);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/career/eligibility',
    { schema: { tags, querystring: EligibilityQuery, response: ok(EligibilityOut) } },
    (req) => training.eligibility(deps, requireActor(req), req.query),
  );
}
