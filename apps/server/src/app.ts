import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import { createResponseSerializerCompiler } from './platform/response-serializer.js';
import type { Deps } from './platform/deps.js';
import { registerErrorHandler } from './platform/error-handler.js';
import { addSecurityHeaders } from './platform/security-headers.js';
import { authPlugin } from './platform/auth-plugin.js';
import { authRoutes } from './features/auth/routes.js';
import { customerRoutes } from './features/customers/routes.js';
import { settingsRoutes } from './features/managers/routes.js';
import { complianceRoutes } from './features/compliance/routes.js';
import { assignmentRoutes } from './features/assignment/routes.js';
import { jobRoutes } from './features/jobs/routes.js';
import { taskRoutes } from './features/engagement/routes.js';
import { visitRoutes } from './features/visits/routes.js';
import { notificationRoutes } from './features/notifications/routes.js';
import { valueRoutes } from './features/value/routes.js';
import { performanceRoutes } from './features/performance/routes.js';
import { reviewRoutes } from './features/performance/review-routes.js';
import { surveyRoutes } from './features/surveys/routes.js';
import { JobQueue } from './platform/jobs/queue.js';
import { jobDefinitions } from './jobs.js';
import { complaintRoutes } from './features/complaints/routes.js';
import { importRoutes } from './features/imports/routes.js';
import { exportRoutes } from './features/exports/routes.js';
import { viewRoutes } from './features/views/routes.js';
import { tokenRoutes } from './features/tokens/routes.js';
import { webhookRoutes } from './features/webhooks/routes.js';
import { productRoutes } from './features/products/routes.js';

const defaultWebDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** Builds the HTTP application around its dependencies; it never listens (main.ts does). */
export async function buildApp(
  deps: Deps,
  opts: { logger?: boolean | object; queue?: JobQueue } = {},
): Promise<FastifyInstance> {
  // Without a started queue jobs are recorded but nothing runs them; main.ts and job tests pass one.
  const queue = opts.queue ?? new JobQueue(deps, { queue: { url: '' } }, jobDefinitions);
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: deps.config.bodyLimitBytes,
    trustProxy: deps.config.trustProxy,
    ajv: undefined,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(createResponseSerializerCompiler({ verify: deps.config.verifyResponses }));
  const webDist = deps.config.webDist ?? defaultWebDist;
  const serveWeb = existsSync(path.join(webDist, 'index.html'));
  registerErrorHandler(app, { spaFallback: serveWeb });

  addSecurityHeaders(app);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Steward API', version: '1.0.0', description: 'CRM for account-manager-led companies' },
      servers: [{ url: '/' }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.get('/api/health', { schema: { hide: true } }, async () => ({ status: 'ok', database: deps.dbKind }));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(authPlugin, { deps });
  await app.register(
    async (api) => {
      await api.register(authRoutes, { deps });
      await api.register(customerRoutes, { deps });
      await api.register(settingsRoutes, { deps });
      await api.register(complianceRoutes, { deps });
      await api.register(assignmentRoutes, { deps });
      await api.register(jobRoutes, { deps, queue });
      await api.register(importRoutes, { deps, queue });
      await api.register(exportRoutes, { deps, queue });
      await api.register(viewRoutes, { deps });
      await api.register(taskRoutes, { deps });
      await api.register(visitRoutes, { deps });
      await api.register(notificationRoutes, { deps });
      await api.register(valueRoutes, { deps });
      await api.register(complaintRoutes, { deps });
      await api.register(performanceRoutes, { deps });
      await api.register(reviewRoutes, { deps });
      await api.register(surveyRoutes, { deps });
      await api.register(tokenRoutes, { deps });
      await api.register(webhookRoutes, { deps });
      await api.register(productRoutes, { deps });
    },
    { prefix: '/api/v1' },
  );

  if (serveWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false });
  return app;
}
