import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  AtRiskOut,
  AtRiskQuery,
  ChurnAlertListQuery,
  ChurnAlertOut,
  ChurnAlertPage,
  ChurnAlertResolveBody,
  ClvModelOut,
  CustomerValueOut,
  IdParams,
  OrderBulkBody,
  OrderBulkResult,
  OrderListPage,
  OrderListQuery,
  TierOverrideBody,
  TierOverrideOut,
  ReevaluationApplied,
  ReevaluationApplyBody,
  ReevaluationOut,
  ReevaluationQuery,
  ValueDashboardOut,
  ValueDashboardQuery,
} from '@steward/contracts';
import type { Deps } from '../../platform/deps.js';
import { requireActor } from '../../platform/auth-plugin.js';
import { errorResponses, typed } from '../../platform/http.js';
import * as alerts from './alerts.js';
import * as atRisk from './at-risk.js';
import * as dashboard from './dashboard.js';
import * as orders from './orders.js';
import * as reevaluation from './reevaluation.js';
import * as value from './service.js';

/** A bulk call of 10,000 orders with lines is well above the default 1 MB body limit. */
const BULK_BODY_LIMIT = 32 * 1024 * 1024;

export async function valueRoutes(fastify: FastifyInstance, { deps }: { deps: Deps }) {
  const app = typed(fastify);
  const ok = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...errorResponses });

  app.post(
    '/orders/bulk',
    {
      bodyLimit: Math.max(BULK_BODY_LIMIT, deps.config.bodyLimitBytes),
      schema: { tags: ['orders'], body: OrderBulkBody, response: ok(OrderBulkResult) },
    },
    (req) => orders.bulkOrders(deps, requireActor(req), req.body),
  );
  app.get(
    '/orders',
    { schema: { tags: ['orders'], querystring: OrderListQuery, response: ok(OrderListPage) } },
    (req) => orders.listOrders(deps, requireActor(req), req.query),
  );

  app.get(
    '/customers/:id/value',
    { schema: { tags: ['value'], params: IdParams, response: ok(CustomerValueOut) } },
    (req) => value.getCustomerValue(deps, requireActor(req), req.params.id),
  );
  app.put(
    '/customers/:id/tier-override',
    { schema: { tags: ['value'], params: IdParams, body: TierOverrideBody, response: ok(TierOverrideOut) } },
    (req) => value.setOverride(deps, requireActor(req), req.params.id, req.body),
  );
  app.delete(
    '/customers/:id/tier-override',
    { schema: { tags: ['value'], params: IdParams, response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await value.clearOverride(deps, requireActor(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get('/analytics/clv/model', { schema: { tags: ['value'], response: ok(ClvModelOut) } }, (req) =>
    value.getModel(deps, requireActor(req)),
  );

  app.get(
    '/churn-alerts',
    { schema: { tags: ['value'], querystring: ChurnAlertListQuery, response: ok(ChurnAlertPage) } },
    (req) => alerts.listAlerts(deps, requireActor(req), req.query),
  );
  app.get(
    '/churn-alerts/:id',
    { schema: { tags: ['value'], params: IdParams, response: ok(ChurnAlertOut) } },
    (req) => alerts.getAlert(deps, requireActor(req), req.params.id),
  );
  app.post(
    '/churn-alerts/:id/resolve',
    {
      schema: { tags: ['value'], params: IdParams, body: ChurnAlertResolveBody, response: ok(ChurnAlertOut) },
    },
    (req) => alerts.resolveAlert(deps, requireActor(req), req.params.id, req.body),
  );
  app.get(
    '/value/at-risk',
    { schema: { tags: ['value'], querystring: AtRiskQuery, response: ok(AtRiskOut) } },
    (req) => atRisk.atRisk(deps, requireActor(req), req.query),
  );
  app.get(
    '/analytics/value',
    { schema: { tags: ['value'], querystring: ValueDashboardQuery, response: ok(ValueDashboardOut) } },
    (req) => dashboard.valueDashboard(deps, requireActor(req), req.query),
  );
  app.get(
    '/reevaluation',
    { schema: { tags: ['value'], querystring: ReevaluationQuery, response: ok(ReevaluationOut) } },
    (req) => reevaluation.proposeMoves(deps, requireActor(req), req.query),
  );
  app.post(
    '/reevaluation/apply',
    { schema: { tags: ['value'], body: ReevaluationApplyBody, response: ok(ReevaluationApplied) } },
    (req) => reevaluation.applyMoves(deps, requireActor(req), req.body),
  );
}
