import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import {
  ImportAccepted,
  ImportIdParams,
  ImportListQuery,
  ImportOut,
  ImportPage,
  ImportPreviewOut,
  ImportTemplateCreate,
  ImportTemplateList,
  ImportTemplateOut,
  ImportTemplateParams,
  ImportTemplateQuery,
} from '@steward/contracts';
import type { Deps } from '../../platform/deps.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import { requireActor } from '../../platform/auth-plugin.js';
import { errorResponses, typed } from '../../platform/http.js';
import { importPolicy } from './policy.js';
import { receiveUpload } from './upload.js';
import * as service from './service.js';

const tags = ['imports'];
const upload =
  'multipart/form-data: `file` (.csv or .xlsx), `entity` (customers|contacts|orders|interactions), ' +
  'optional `mapping` (JSON: column header → field), `dedupe` (skip|update|merge), `dedupeKey` ' +
  '(externalId|email|phone|name_region).';
const ErrorLimit = z.object({ errorLimit: z.coerce.number().int().min(0).max(100_000).default(1000) });

export async function importRoutes(
  fastify: FastifyInstance,
  { deps, queue }: { deps: Deps; queue: JobQueue },
) {
  // Multipart parsing for the routes of this plugin only.
  await fastify.register(multipart);
  const app = typed(fastify);

  app.post(
    '/imports',
    {
      schema: {
        tags,
        description: upload,
        consumes: ['multipart/form-data'],
        response: { 202: ImportAccepted, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      importPolicy.assertCanImport(actor);
      const file = await receiveUpload(req, deps.config.dataDir, actor.orgId);
      return reply.status(202).send(await service.createImport(deps, queue, actor, file));
    },
  );
  app.post(
    '/imports/preview',
    {
      schema: {
        tags,
        description: upload,
        consumes: ['multipart/form-data'],
        response: { 200: ImportPreviewOut, ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      importPolicy.assertCanImport(actor);
      const file = await receiveUpload(req, deps.config.dataDir, actor.orgId);
      return service.previewImport(deps, actor, file);
    },
  );
  app.get(
    '/imports',
    { schema: { tags, querystring: ImportListQuery, response: { 200: ImportPage, ...errorResponses } } },
    (req) => service.listImports(deps, requireActor(req), req.query),
  );
  app.get(
    '/imports/:importId',
    {
      schema: {
        tags,
        params: ImportIdParams,
        querystring: ErrorLimit,
        response: { 200: ImportOut, ...errorResponses },
      },
    },
    (req) => service.getImport(deps, requireActor(req), req.params.importId, req.query.errorLimit),
  );
  app.post(
    '/imports/:importId/cancel',
    {
      schema: {
        tags,
        params: ImportIdParams,
        querystring: ErrorLimit,
        response: { 200: ImportOut, ...errorResponses },
      },
    },
    (req) => service.cancelImport(deps, requireActor(req), req.params.importId, req.query.errorLimit),
  );
  app.get(
    '/imports/:importId/errors.csv',
    {
      schema: {
        tags,
        params: ImportIdParams,
        produces: ['text/csv'],
        description: 'row,column,code,message',
      },
    },
    async (req, reply) => {
      const report = await service.errorReport(deps, requireActor(req), req.params.importId);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(report.fileName)}`)
        .send(report.stream);
    },
  );

  app.get(
    '/import-templates',
    {
      schema: {
        tags,
        querystring: ImportTemplateQuery,
        response: { 200: ImportTemplateList, ...errorResponses },
      },
    },
    (req) => service.listTemplates(deps, requireActor(req), req.query.entity),
  );
  app.post(
    '/import-templates',
    { schema: { tags, body: ImportTemplateCreate, response: { 201: ImportTemplateOut, ...errorResponses } } },
    async (req, reply) =>
      reply.status(201).send(await service.createTemplate(deps, requireActor(req), req.body)),
  );
  app.delete(
    '/import-templates/:id',
    { schema: { tags, params: ImportTemplateParams, response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await service.deleteTemplate(deps, requireActor(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
