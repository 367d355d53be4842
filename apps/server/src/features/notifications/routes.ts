import type { FastifyInstance } from 'fastify';
import {
  IdParams,
  NotificationListQuery,
  NotificationOut,
  NotificationPage,
  ReadAllOut,
  UnreadCountOut,
} from '@steward/contracts';
import type { Deps } from '../../platform/deps.js';
import { requireActor } from '../../platform/auth-plugin.js';
import { errorResponses, typed } from '../../platform/http.js';
import * as service from './service.js';

const tags = ['notifications'];

export async function notificationRoutes(fastify: FastifyInstance, { deps }: { deps: Deps }) {
  const app = typed(fastify);
  app.get(
    '/notifications',
    {
      schema: {
        tags,
        querystring: NotificationListQuery,
        response: { 200: NotificationPage, ...errorResponses },
      },
    },
    (req) => service.listNotifications(deps, requireActor(req), req.query),
  );
  app.get(
    '/notifications/unread-count',
    { schema: { tags, response: { 200: UnreadCountOut, ...errorResponses } } },
    (req) => service.unreadCount(deps, requireActor(req)),
  );
  app.post(
    '/notifications/read-all',
    { schema: { tags, response: { 200: ReadAllOut, ...errorResponses } } },
    (req) => service.markAllRead(deps, requireActor(req)),
  );
  app.post(
    '/notifications/:id/read',
    { schema: { tags, params: IdParams, response: { 200: NotificationOut, ...errorResponses } } },
    (req) => service.markRead(deps, requireActor(req), req.params.id),
  );
}
