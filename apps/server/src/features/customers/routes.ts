import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CompletenessOut,
  ContactCreate,
  ContactOut,
  ContactParams,
  ContactUpdate,
  CountOut,
  CreateQuery,
  CustomerCreate,
  CustomerListQuery,
  CustomerOut,
  CustomerPage,
  CustomerUpdate,
  HistoryPage,
  IdParams,
  InteractionCreate,
  InteractionOut,
  ListQuery,
  MergeBody,
  OrderPage,
  TimelinePage,
  page,
} from '@steward/contracts';
import type { Deps } from '../../platform/deps.js';
import { requireActor } from '../../platform/auth-plugin.js';
import { errorResponses, typed } from '../../platform/http.js';
import * as customers from './service.js';
import * as contacts from './contacts.js';
import * as activity from './activity.js';
import { mergeCustomers } from './merge.js';

const tags = ['customers'];

export async function customerRoutes(fastify: FastifyInstance, { deps }: { deps: Deps }) {
  const app = typed(fastify);
  const ok = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...errorResponses });

  app.get(
    '/customers',
    { schema: { tags, querystring: CustomerListQuery, response: ok(CustomerPage) } },
    (req) => customers.listCustomers(deps, requireActor(req), req.query),
  );
  app.get(
    '/customers/count',
    { schema: { tags, querystring: CustomerListQuery, response: ok(CountOut) } },
    (req) => customers.countCustomers(deps, requireActor(req), req.query),
  );
  app.post(
    '/customers',
    {
      schema: {
        tags,
        querystring: CreateQuery,
        body: CustomerCreate,
        response: { 201: CustomerOut, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await customers.createCustomer(deps, requireActor(req), req.body, req.query.force === 'true')),
  );
  app.get('/customers/:id', { schema: { tags, params: IdParams, response: ok(CustomerOut) } }, (req) =>
    customers.getCustomer(deps, requireActor(req), req.params.id),
  );
  app.patch(
    '/customers/:id',
    { schema: { tags, params: IdParams, body: CustomerUpdate, response: ok(CustomerOut) } },
    (req) => customers.updateCustomer(deps, requireActor(req), req.params.id, req.body),
  );
  app.delete(
    '/customers/:id',
    { schema: { tags, params: IdParams, response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await customers.deleteCustomer(deps, requireActor(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/customers/:id/merge',
    { schema: { tags, params: IdParams, body: MergeBody, response: ok(CustomerOut) } },
    (req) => mergeCustomers(deps, requireActor(req), req.params.id, req.body.sourceId),
  );
  app.get(
    '/customers/:id/completeness',
    { schema: { tags, params: IdParams, response: ok(CompletenessOut) } },
    (req) => customers.completenessOf(deps, requireActor(req), req.params.id),
  );

  app.get(
    '/customers/:id/contacts',
    { schema: { tags, params: IdParams, querystring: ListQuery, response: ok(page(ContactOut)) } },
    (req) => contacts.listContacts(deps, requireActor(req), req.params.id, req.query.limit, req.query.cursor),
  );
  app.post(
    '/customers/:id/contacts',
    {
      schema: {
        tags,
        params: IdParams,
        body: ContactCreate,
        response: { 201: ContactOut, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await contacts.createContact(deps, requireActor(req), req.params.id, req.body)),
  );
  app.patch(
    '/customers/:id/contacts/:contactId',
    { schema: { tags, params: ContactParams, body: ContactUpdate, response: ok(ContactOut) } },
    (req) => contacts.updateContact(deps, requireActor(req), req.params.id, req.params.contactId, req.body),
  );
  app.delete(
    '/customers/:id/contacts/:contactId',
    { schema: { tags, params: ContactParams, response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await contacts.deleteContact(deps, requireActor(req), req.params.id, req.params.contactId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/customers/:id/interactions',
    { schema: { tags, params: IdParams, querystring: ListQuery, response: ok(page(InteractionOut)) } },
    (req) =>
      activity.listInteractions(deps, requireActor(req), req.params.id, req.query.limit, req.query.cursor),
  );
  app.post(
    '/customers/:id/interactions',
    {
      schema: {
        tags,
        params: IdParams,
        body: InteractionCreate,
        response: { 201: InteractionOut, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await activity.logInteraction(deps, requireActor(req), req.params.id, req.body)),
  );
  app.get(
    '/customers/:id/timeline',
    { schema: { tags, params: IdParams, querystring: ListQuery, response: ok(TimelinePage) } },
    (req) => activity.timeline(deps, requireActor(req), req.params.id, req.query.limit, req.query.cursor),
  );
  app.get(
    '/customers/:id/history',
    { schema: { tags, params: IdParams, querystring: ListQuery, response: ok(HistoryPage) } },
    (req) => activity.listHistory(deps, requireActor(req), req.params.id, req.query.limit, req.query.cursor),
  );
  app.get(
    '/customers/:id/orders',
    { schema: { tags, params: IdParams, querystring: ListQuery, response: ok(OrderPage) } },
    (req) => activity.listOrders(deps, requireActor(req), req.params.id, req.query.limit, req.query.cursor),
  );
}
