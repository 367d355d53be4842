import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CommissionPlanIn,
  CommissionPlanList,
  CommissionPlanOut,
  PayoutClose,
  PayoutOut,
  PayoutQuery,
} from '@steward/contracts';
import type { Deps } from '../../platform/deps.js';
import { requireActor } from '../../platform/auth-plugin.js';
import { errorResponses, typed } from '../../platform/http.js';
import * as incentives from './incentives.js';
import { exportFileName, payoutsCsv, payoutsXlsx } from './payout-export.js';

export async function incentiveRoutes(fastify: FastifyInstance, deps: Deps) {
  const app = typed(fastify);
  const ok = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...errorResponses });
  const tags = ['performance'];
  const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

  app.get('/commission-plans', { schema: { tags, response: ok(CommissionPlanList) } }, (req) =>
    incentives.listPlans(deps, requireActor(req)),
  );
  app.post(
    '/commission-plans',
    { schema: { tags, body: CommissionPlanIn, response: { 201: CommissionPlanOut, ...errorResponses } } },
    async (req, reply) =>
      reply.status(201).send(await incentives.createPlan(deps, requireActor(req), req.body)),
  );
  app.get('/payouts', { schema: { tags, querystring: PayoutQuery, response: ok(PayoutOut) } }, (req) =>
    incentives.getPayouts(deps, requireActor(req), req.query),
  );
  app.post(
    '/payouts/close',
    { schema: { tags, body: PayoutClose, response: { 201: PayoutOut, ...errorResponses } } },
    async (req, reply) =>
      reply.status(201).send(await incentives.closePayouts(deps, requireActor(req), req.body)),
  );
  app.get(
    '/payouts.csv',
    { schema: { tags, querystring: PayoutQuery, produces: ['text/csv'] } },
    async (req, reply) => {
      const p = await incentives.getPayouts(deps, requireActor(req), req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(exportFileName(p, 'csv')))
        .send(payoutsCsv(p));
    },
  );
  app.get(
    '/payouts.xlsx',
    {
      schema: {
        tags,
        querystring: PayoutQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (req, reply) => {
      const p = await incentives.getPayouts(deps, requireActor(req), req.query);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachment(exportFileName(p, 'xlsx')))
        .send(await payoutsXlsx(p));
    },
  );
}
