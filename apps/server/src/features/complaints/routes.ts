import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  BusinessCalendarOut,
  BusinessCalendarSchema,
  ComplaintAnalyticsOut,
  ComplaintAnalyticsQuery,
  ComplaintCreate,
  ComplaintEscalate,
  ComplaintEventList,
  ComplaintEventOut,
  ComplaintExtend,
  ComplaintListQuery,
  ComplaintNote,
  ComplaintOut,
  ComplaintPage,
  ComplaintTransition,
  ComplaintUpdate,
  IdParams,
  SlaPolicySchema,
} from '@steward/contracts';
import type { Deps } from '../../platform/deps.js';
import { requireActor } from '../../platform/auth-plugin.js';
import { errorResponses, typed } from '../../platform/http.js';
import { complaintAnalytics } from './analytics.js';
import * as service from './service.js';
import * as settings from './settings.js';
import * as workflow from './workflow.js';

const tags = ['complaints'];

export async function complaintRoutes(fastify: FastifyInstance, { deps }: { deps: Deps }) {
  const app = typed(fastify);
  const ok = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...errorResponses });
  const created = <T extends z.ZodType>(schema: T) => ({ 201: schema, ...errorResponses });

  app.get(
    '/complaints',
    { schema: { tags, querystring: ComplaintListQuery, response: ok(ComplaintPage) } },
    (req) => service.listComplaints(deps, requireActor(req), req.query),
  );
  app.post(
    '/complaints',
    { schema: { tags, body: ComplaintCreate, response: created(ComplaintOut) } },
    async (req, reply) =>
      reply.status(201).send(await service.createComplaint(deps, requireActor(req), req.body)),
  );
  app.get('/complaints/:id', { schema: { tags, params: IdParams, response: ok(ComplaintOut) } }, (req) =>
    service.getComplaint(deps, requireActor(req), req.params.id),
  );
  app.patch(
    '/complaints/:id',
    { schema: { tags, params: IdParams, body: ComplaintUpdate, response: ok(ComplaintOut) } },
    (req) => service.updateComplaint(deps, requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/complaints/:id/transition',
    { schema: { tags, params: IdParams, body: ComplaintTransition, response: ok(ComplaintOut) } },
    (req) => workflow.transition(deps, requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/complaints/:id/notes',
    { schema: { tags, params: IdParams, body: ComplaintNote, response: created(ComplaintEventOut) } },
    async (req, reply) =>
      reply.status(201).send(await workflow.addNote(deps, requireActor(req), req.params.id, req.body.note)),
  );
  app.post(
    '/complaints/:id/escalate',
    { schema: { tags, params: IdParams, body: ComplaintEscalate, response: ok(ComplaintOut) } },
    (req) => workflow.escalate(deps, requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/complaints/:id/extend',
    { schema: { tags, params: IdParams, body: ComplaintExtend, response: ok(ComplaintOut) } },
    (req) => workflow.extend(deps, requireActor(req), req.params.id, req.body.reason),
  );
  app.get(
    '/complaints/:id/events',
    { schema: { tags, params: IdParams, response: ok(ComplaintEventList) } },
    (req) => workflow.listEvents(deps, requireActor(req), req.params.id),
  );
  app.get(
    '/analytics/complaints',
    { schema: { tags, querystring: ComplaintAnalyticsQuery, response: ok(ComplaintAnalyticsOut) } },
    (req) => complaintAnalytics(deps, requireActor(req), req.query),
  );

  const st = ['settings'];
  app.get('/settings/sla-policy', { schema: { tags: st, response: ok(SlaPolicySchema) } }, (req) =>
    settings.getSlaPolicy(deps, requireActor(req)),
  );
  app.put(
    '/settings/sla-policy',
    { schema: { tags: st, body: SlaPolicySchema, response: ok(SlaPolicySchema) } },
    (req) => settings.putSlaPolicy(deps, requireActor(req), req.body),
  );
  app.get('/settings/business-calendar', { schema: { tags: st, response: ok(BusinessCalendarOut) } }, (req) =>
    settings.getBusinessCalendar(deps, requireActor(req)),
  );
  app.put(
    '/settings/business-calendar',
    { schema: { tags: st, body: BusinessCalendarSchema, response: ok(BusinessCalendarOut) } },
    (req) => settings.putBusinessCalendar(deps, requireActor(req), req.body),
  );
}
