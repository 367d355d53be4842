import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CareSettingsBody,
  CareSettingsOut,
  CustomerVisitPlanOut,
  CustomerVisitPlanUpdate,
  IdParams,
  TaskEscalationSettings,
  VisitAnalyticsOut,
  VisitAnalyticsQuery,
  VisitCadenceSettings,
} from '@steward/contracts';
import type { Deps } from '../../platform/deps.js';
import { requireActor } from '../../platform/auth-plugin.js';
import { errorResponses, typed } from '../../platform/http.js';
import * as settings from './settings.js';
import * as plan from './plan.js';
import * as analytics from './analytics.js';

const tags = ['visits'];
const ok = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...errorResponses });

export async function visitRoutes(fastify: FastifyInstance, { deps }: { deps: Deps }) {
  const app = typed(fastify);
  app.get('/settings/visit-plan', { schema: { tags, response: ok(VisitCadenceSettings) } }, (req) =>
    settings.getVisitCadence(deps, requireActor(req)),
  );
  app.put(
    '/settings/visit-plan',
    { schema: { tags, body: VisitCadenceSettings, response: ok(VisitCadenceSettings) } },
    (req) => settings.putVisitCadence(deps, requireActor(req), req.body),
  );
  app.get('/settings/care', { schema: { tags, response: ok(CareSettingsOut) } }, (req) =>
    settings.getCare(deps, requireActor(req)),
  );
  app.put(
    '/settings/care',
    { schema: { tags, body: CareSettingsBody, response: ok(CareSettingsOut) } },
    (req) => settings.putCare(deps, requireActor(req), req.body),
  );
  app.get('/settings/task-escalation', { schema: { tags, response: ok(TaskEscalationSettings) } }, (req) =>
    settings.getEscalation(deps, requireActor(req)),
  );
  app.put(
    '/settings/task-escalation',
    { schema: { tags, body: TaskEscalationSettings, response: ok(TaskEscalationSettings) } },
    (req) => settings.putEscalation(deps, requireActor(req), req.body),
  );
  app.get(
    '/customers/:id/visit-plan',
    { schema: { tags, params: IdParams, response: ok(CustomerVisitPlanOut) } },
    (req) => plan.getCustomerPlan(deps, requireActor(req), req.params.id),
  );
  app.put(
    '/customers/:id/visit-plan',
    { schema: { tags, params: IdParams, body: CustomerVisitPlanUpdate, response: ok(CustomerVisitPlanOut) } },
    (req) => plan.putCustomerPlan(deps, requireActor(req), req.params.id, req.body),
  );
  app.delete(
    '/customers/:id/visit-plan',
    { schema: { tags, params: IdParams, response: ok(CustomerVisitPlanOut) } },
    (req) => plan.deleteCustomerPlan(deps, requireActor(req), req.params.id),
  );
  app.get(
    '/analytics/visits',
    { schema: { tags, querystring: VisitAnalyticsQuery, response: ok(VisitAnalyticsOut) } },
    (req) => analytics.visitCompletion(deps, requireActor(req), req.query),
  );
}
