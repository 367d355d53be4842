import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  GoalCascade,
  GoalCreate,
  GoalList,
  GoalListQuery,
  GoalOut,
  GoalPage,
  GoalProgressOut,
  GoalProgressQuery,
  GoalUpdate,
  IdParams,
  KpiDefinitionList,
  KpiQuery,
  KpiResult,
} from '@steward/contracts';
import type { Deps } from '../../platform/deps.js';
import { requireActor } from '../../platform/auth-plugin.js';
import { errorResponses, typed } from '../../platform/http.js';
import * as goals from './goals.js';
import * as kpis from './kpis.js';

export async function performanceRoutes(fastify: FastifyInstance, { deps }: { deps: Deps }) {
  const app = typed(fastify);
  const ok = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...errorResponses });
  const tags = ['performance'];

  app.get('/kpis', { schema: { tags, querystring: KpiQuery, response: ok(KpiResult) } }, (req) =>
    kpis.getKpis(deps, requireActor(req), req.query),
  );
  app.get('/kpis/definitions', { schema: { tags, response: ok(KpiDefinitionList) } }, (req) => {
    requireActor(req);
    return kpis.kpiDefinitions();
  });

  app.get('/goals', { schema: { tags, querystring: GoalListQuery, response: ok(GoalPage) } }, (req) =>
    goals.listGoals(deps, requireActor(req), req.query),
  );
  app.post(
    '/goals',
    { schema: { tags, body: GoalCreate, response: { 201: GoalOut, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await goals.createGoal(deps, requireActor(req), req.body)),
  );
  app.get('/goals/:id', { schema: { tags, params: IdParams, response: ok(GoalOut) } }, (req) =>
    goals.getGoal(deps, requireActor(req), req.params.id),
  );
  app.patch(
    '/goals/:id',
    { schema: { tags, params: IdParams, body: GoalUpdate, response: ok(GoalOut) } },
    (req) => goals.updateGoal(deps, requireActor(req), req.params.id, req.body),
  );
  app.delete(
    '/goals/:id',
    { schema: { tags, params: IdParams, response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await goals.deleteGoal(deps, requireActor(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/goals/:id/cascade',
    { schema: { tags, params: IdParams, body: GoalCascade, response: { 201: GoalList, ...errorResponses } } },
    async (req, reply) =>
      reply.status(201).send(await goals.cascadeGoal(deps, requireActor(req), req.params.id, req.body)),
  );
  app.get(
    '/goals/:id/progress',
    { schema: { tags, params: IdParams, querystring: GoalProgressQuery, response: ok(GoalProgressOut) } },
    (req) => goals.goalProgressOf(deps, requireActor(req), req.params.id, req.query.asOf),
  );
}
