import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  IdParams,
  WebhookCreate,
  WebhookDeliveryOut,
  WebhookDeliveryPage,
  WebhookDeliveryParams,
  WebhookDeliveryQuery,
  WebhookList,
  WebhookOut,
  WebhookUpdate,
  WebhookWithSecret,
} from '@steward/contracts';
import type { Deps } from '../../platform/deps.js';
import { requireActor } from '../../platform/auth-plugin.js';
import { errorResponses, typed } from '../../platform/http.js';
import * as service from './service.js';
import { DeliveryWorker } from './worker.js';

const tags = ['integrations'];

export async function webhookRoutes(fastify: FastifyInstance, { deps }: { deps: Deps }) {
  const worker = new DeliveryWorker(deps);
  fastify.addHook('onReady', async () => worker.start());
  fastify.addHook('onClose', async () => worker.stop());

  const app = typed(fastify);
  const ok = { 200: WebhookOut, ...errorResponses };
  app.post(
    '/webhooks',
    { schema: { tags, body: WebhookCreate, response: { 201: WebhookWithSecret, ...errorResponses } } },
    async (req, reply) =>
      reply.status(201).send(await service.createWebhook(deps, requireActor(req), req.body)),
  );
  app.get('/webhooks', { schema: { tags, response: { 200: WebhookList, ...errorResponses } } }, (req) =>
    service.listWebhooks(deps, requireActor(req)),
  );
  app.get('/webhooks/:id', { schema: { tags, params: IdParams, response: ok } }, (req) =>
    service.getWebhook(deps, requireActor(req), req.params.id),
  );
  app.patch(
    '/webhooks/:id',
    { schema: { tags, params: IdParams, body: WebhookUpdate, response: ok } },
    (req) => service.updateWebhook(deps, requireActor(req), req.params.id, req.body),
  );
  app.delete(
    '/webhooks/:id',
    { schema: { tags, params: IdParams, response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await service.deleteWebhook(deps, requireActor(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/webhooks/:id/rotate-secret',
    { schema: { tags, params: IdParams, response: { 200: WebhookWithSecret, ...errorResponses } } },
    (req) => service.rotateSecret(deps, requireActor(req), req.params.id),
  );
  app.post(
    '/webhooks/:id/test',
    { schema: { tags, params: IdParams, response: { 202: WebhookDeliveryOut, ...errorResponses } } },
    async (req, reply) =>
      reply.status(202).send(await service.sendTest(deps, requireActor(req), req.params.id)),
  );
  app.get(
    '/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        params: IdParams,
        querystring: WebhookDeliveryQuery,
        response: { 200: WebhookDeliveryPage, ...errorResponses },
      },
    },
    (req) => service.listDeliveries(deps, requireActor(req), req.params.id, req.query),
  );
  app.post(
    '/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      schema: {
        tags,
        params: WebhookDeliveryParams,
        response: { 202: WebhookDeliveryOut, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .status(202)
        .send(await service.redeliver(deps, requireActor(req), req.params.id, req.params.deliveryId)),
  );
}
